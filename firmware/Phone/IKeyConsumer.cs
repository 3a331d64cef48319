using DeskPhone.Drivers.Input;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>Something on screen that takes keys before the idle screen does (menus and lists); true when it used the key.</summary>
    public interface IKeyConsumer
    {
        bool HandleKey(int keyCode, KeyAction action);

        /// <summary>Something is open (a menu, a list): the call keys leave OK, Cancel, softkeys and digits to it.</summary>
        bool IsOpen { get; }
    }
}
