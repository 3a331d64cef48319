using System;
using DeskPhone.Domain.Time;
using Xunit;

namespace DeskPhone.Firmware.Tests.Time
{
    public class NtpPacketTests
    {
        private static readonly byte[] Nonce = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 };

        private static byte[] Request()
        {
            var r = new byte[48];
            SntpClient.WriteRequest(r, Nonce);
            return r;
        }

        private static long Ms(DateTime utc) => (long)(utc - NtpServerAnswer.Origin).TotalMilliseconds;

        [Fact]
        public void TheRequestIsVersion4ClientModeWithTheNonceAsTransmitTime()
        {
            var expected = new byte[48];
            expected[0] = 0x23;
            Array.Copy(Nonce, 0, expected, 40, 8);
            var buffer = new byte[64];
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = 0xEE; // what a reused buffer held before
            }
            SntpClient.WriteRequest(buffer, Nonce);
            Assert.Equal(expected, buffer[..48]);
            Assert.Equal(0xEE, buffer[48]);
        }

        [Fact]
        public void AnAnswerGivesTheServersReceiveAndTransmitTimes()
        {
            var rx = new DateTime(2026, 12, 3, 10, 0, 0, 250, DateTimeKind.Utc);
            var tx = rx.AddMilliseconds(3);
            byte[] a = NtpServerAnswer.For(Request(), rx, tx);
            Assert.Equal(SntpClient.Ok, SntpClient.ReadAnswer(a, 48, Nonce, out long received, out long transmitted));
            Assert.Equal(Ms(rx), received);
            Assert.Equal(Ms(tx), transmitted);
        }

        [Fact]
        public void SecondsWithoutTheTopBitAreAfter2036()
        {
            // 2040 is in NTP era 1: its 32-bit seconds have wrapped past 2036-02-07.
            var rx = new DateTime(2040, 5, 1, 0, 0, 0, DateTimeKind.Utc);
            byte[] a = NtpServerAnswer.For(Request(), rx, rx);
            Assert.True((a[40] & 0x80) == 0);
            Assert.Equal(SntpClient.Ok, SntpClient.ReadAnswer(a, 48, Nonce, out _, out long transmitted));
            Assert.Equal(Ms(rx), transmitted);
            var early = new DateTime(1999, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            Assert.Equal(SntpClient.Ok, SntpClient.ReadAnswer(NtpServerAnswer.For(Request(), early, early), 48, Nonce, out _, out transmitted));
            Assert.Equal(Ms(early), transmitted);
        }

        [Fact]
        public void RefusedAnswersSayWhy()
        {
            var t = new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc);
            byte[] request = Request();
            Assert.Equal(SntpClient.TooShort, SntpClient.ReadAnswer(NtpServerAnswer.For(request, t, t), 47, Nonce, out _, out _));
            Assert.Equal(SntpClient.NotServer, SntpClient.ReadAnswer(NtpServerAnswer.For(request, t, t, mode: 3), 48, Nonce, out _, out _));
            Assert.Equal(SntpClient.NotServer, SntpClient.ReadAnswer(NtpServerAnswer.For(request, t, t, version: 2), 48, Nonce, out _, out _));
            Assert.Equal(SntpClient.KissOfDeath, SntpClient.ReadAnswer(NtpServerAnswer.For(request, t, t, stratum: 0), 48, Nonce, out _, out _));
            Assert.Equal(SntpClient.Unsynchronized, SntpClient.ReadAnswer(NtpServerAnswer.For(request, t, t, leap: 3), 48, Nonce, out _, out _));
            Assert.Equal(SntpClient.NoTime, SntpClient.ReadAnswer(NtpServerAnswer.For(request, t, t, stratum: 16), 48, Nonce, out _, out _));
            byte[] zero = NtpServerAnswer.For(request, t, t);
            Array.Clear(zero, 40, 8);
            Assert.Equal(SntpClient.NoTime, SntpClient.ReadAnswer(zero, 48, Nonce, out _, out _));
            byte[] other = NtpServerAnswer.For(request, t, t);
            other[31] ^= 1;
            Assert.Equal(SntpClient.NotOurs, SntpClient.ReadAnswer(other, 48, Nonce, out _, out _));
        }
    }
}
