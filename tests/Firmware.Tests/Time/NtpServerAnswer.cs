using System;

namespace DeskPhone.Firmware.Tests.Time
{
    /// <summary>A server's answer to a captured request, written field by field as RFC 4330 section 4 lays it out.</summary>
    internal static class NtpServerAnswer
    {
        public static readonly DateTime Origin = new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        public static byte[] For(byte[] request, DateTime received, DateTime transmitted, int stratum = 2, int leap = 0, int mode = 4, int version = 4)
        {
            var a = new byte[48];
            a[0] = (byte)((leap << 6) | (version << 3) | mode);
            a[1] = (byte)stratum;
            Array.Copy(request, 40, a, 24, 8);
            Put(a, 32, received);
            Put(a, 40, transmitted);
            return a;
        }

        public static void Put(byte[] a, int at, DateTime utc)
        {
            TimeSpan since = utc - Origin;
            ulong seconds = (ulong)Math.Floor(since.TotalSeconds);
            ulong fraction = (ulong)(since.Ticks % TimeSpan.TicksPerSecond) * (1UL << 32) / (ulong)TimeSpan.TicksPerSecond;
            uint s = (uint)seconds; // the era is dropped on the wire, as a server does
            a[at] = (byte)(s >> 24);
            a[at + 1] = (byte)(s >> 16);
            a[at + 2] = (byte)(s >> 8);
            a[at + 3] = (byte)s;
            a[at + 4] = (byte)(fraction >> 24);
            a[at + 5] = (byte)(fraction >> 16);
            a[at + 6] = (byte)(fraction >> 8);
            a[at + 7] = (byte)fraction;
        }
    }
}
