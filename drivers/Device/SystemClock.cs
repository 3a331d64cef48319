using System.Threading;
using DeskPhone.Drivers.Hal;
using nanoFramework.Hardware.Esp32;

namespace DeskPhone.Drivers.Device
{
    /// <summary>Milliseconds since boot from the ESP32 high-resolution timer; unlike DateTime.UtcNow it never
    /// jumps when SNTP sets the wall clock.</summary>
    public sealed class SystemClock : IClock
    {
        public long NowMs
        {
            get { return (long)(HighResTimer.GetCurrent() / 1000); }
        }

        public void Delay(int milliseconds)
        {
            Thread.Sleep(milliseconds);
        }
    }
}
