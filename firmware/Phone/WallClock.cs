using System;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>The local date and time the idle screen shows.</summary>
    public delegate DateTime WallClock();
}
