using DeskPhone.Drivers.Input;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>Feeds a key into the same path the keypad uses (renderer menus first, then the phone core).</summary>
    public delegate void BenchKeyHandler(int keyCode, KeyAction action);
}
