using DeskPhone.Firmware.Phone;

namespace DeskPhone.Host.Sim
{
    /// <summary>
    /// The simulator's loader (docs/updates.md): it loads no code. A restart runs the loader's decision on the boot
    /// record in place, so the phone then reports the staged version as running, is confirmed after
    /// <see cref="PhoneUpdates.ConfirmMs"/>, and the statuses and bench follow the same steps as on a phone whose
    /// loader started the set.
    /// </summary>
    public sealed class StubUpdateLoader : IUpdateLoader
    {
        public void Restart(PhoneUpdates updates) => updates.StartAgain();
    }
}
