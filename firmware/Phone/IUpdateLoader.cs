namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// What starts a staged update set (docs/updates.md, "The loader"): the simulator's stub starts it in place; the
    /// board has none yet (nanoFramework cannot load a .pe set from flash files within its heap), so there an update
    /// is staged and verified but not applied.
    /// </summary>
    public interface IUpdateLoader
    {
        /// <summary>Restarts the phone into what the boot record says (<see cref="PhoneUpdates.StartAgain"/> for a stub).</summary>
        void Restart(PhoneUpdates updates);
    }
}
