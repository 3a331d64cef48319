using System.Threading;

namespace DeskPhone.Firmware.Device
{
    /// <summary>Device entry point: wires the board profile to the firmware core and runs its loop.</summary>
    public static class Program
    {
        public static void Main()
        {
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
