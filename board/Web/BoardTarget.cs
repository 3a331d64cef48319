using System.Threading;
using DeskPhone.Firmware.Bench;
using nanoFramework.Runtime.Native;
using NativeGC = nanoFramework.Runtime.Native.GC;

namespace DeskPhone.Board.Web
{
    /// <summary>
    /// The board's answers for the web interface's status page and reboot (docs/web.md), from nanoFramework's natives:
    /// the nanoCLR version and target, the heap free after a collection, the reboot.
    /// </summary>
    internal sealed class BoardTarget : IBenchTarget
    {
        /// <summary>Long enough for the 202 to leave the socket before the chip restarts.</summary>
        private const int RebootDelayMs = 1500;

        public string Platform => "nanoCLR " + SystemInfo.Version.ToString() + " " + SystemInfo.TargetName;

        public long FreeMemory => NativeGC.Run(false);

        public bool Reboot()
        {
            new Thread(RebootLater).Start();
            return true;
        }

        // A named method, not a lambda: see Program.NewRtpChannel.
        private static void RebootLater()
        {
            Thread.Sleep(RebootDelayMs);
            Power.RebootDevice(RebootOption.NormalReboot);
        }
    }
}
