using System.Net.NetworkInformation;
using System.Threading;
using DeskPhone.Firmware.Bench;
using nanoFramework.Runtime.Native;
using NativeGC = nanoFramework.Runtime.Native.GC;

namespace DeskPhone.Board.Web
{
    /// <summary>
    /// The board's answers for the web interface's status page and reboot (docs/web.md), from nanoFramework's natives:
    /// the nanoCLR version and target, the Ethernet interface's MAC, the heap free after a collection, the reboot.
    /// </summary>
    internal sealed class BoardTarget : IBenchTarget
    {
        /// <summary>Long enough for the 202 to leave the socket before the chip restarts.</summary>
        private const int RebootDelayMs = 1500;

        public string Platform => "nanoCLR " + SystemInfo.Version.ToString() + " " + SystemInfo.TargetName;

        public string MacAddress
        {
            get
            {
                NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
                for (int i = 0; i < all.Length; i++)
                {
                    if (all[i].NetworkInterfaceType == NetworkInterfaceType.Ethernet)
                    {
                        return Hex(all[i].PhysicalAddress);
                    }
                }
                return null;
            }
        }

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

        private static string Hex(byte[] mac)
        {
            if (mac == null || mac.Length == 0)
            {
                return null;
            }
            char[] digits = "0123456789abcdef".ToCharArray();
            var text = new char[mac.Length * 3 - 1];
            for (int i = 0; i < mac.Length; i++)
            {
                if (i > 0)
                {
                    text[i * 3 - 1] = ':';
                }
                text[i * 3] = digits[mac[i] >> 4];
                text[i * 3 + 1] = digits[mac[i] & 15];
            }
            return new string(text);
        }
    }
}
