using System;
using DeskPhone.Domain.Time;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>
    /// The SNTP client in the interpreter: its DateTime arithmetic from NTP's 1900 origin, the packet checks, and a
    /// synchronisation through a fake channel in virtual time.
    /// </summary>
    [TestClass]
    public class NtpTests
    {
        private sealed class Channel : INtpChannel
        {
            public byte[] Request;
            public byte[] Answer;

            public bool Send(string host, int port, byte[] data, int length)
            {
                Request = new byte[length];
                Array.Copy(data, Request, length);
                return true;
            }

            public int Receive(byte[] buffer)
            {
                if (Answer == null)
                {
                    return 0;
                }
                Array.Copy(Answer, buffer, Answer.Length);
                int n = Answer.Length;
                Answer = null;
                return n;
            }

            public void Close()
            {
            }
        }

        /// <summary>A server's answer: 2026-12-03 10:00:00.500 UTC as receive and transmit time (seconds 0xEEBBBC20 since 1900).</summary>
        private static byte[] AnswerTo(byte[] request)
        {
            var a = new byte[48];
            a[0] = 0x24;
            a[1] = 2;
            Array.Copy(request, 40, a, 24, 8);
            for (int at = 32; at <= 40; at += 8)
            {
                a[at] = 0xEE;
                a[at + 1] = 0xBB;
                a[at + 2] = 0xBC;
                a[at + 3] = 0x20;
                a[at + 4] = 0x80; // half a second
            }
            return a;
        }

        [TestMethod]
        public void TheServersTimeBecomesThePhonesClock()
        {
            var channel = new Channel();
            var client = new SntpClient(channel);
            client.Configure("127.0.0.1:1123", 3600, 0);
            Assert.AreEqual(SntpClient.Waiting, client.State);
            client.Poll(0);
            Assert.IsNotNull(channel.Request);
            Assert.AreEqual((byte)0x23, channel.Request[0]);
            channel.Answer = AnswerTo(channel.Request);
            client.Poll(100);
            Assert.AreEqual(SntpClient.Synchronized, client.State);
            DateTime t = client.UtcAt(100 + 60000);
            // 10:00:00.500 + 50 ms (half the round trip) + one minute.
            Assert.AreEqual(2026, t.Year);
            Assert.AreEqual(12, t.Month);
            Assert.AreEqual(3, t.Day);
            Assert.AreEqual(10, t.Hour);
            Assert.AreEqual(1, t.Minute);
            Assert.AreEqual(0, t.Second);
            Assert.AreEqual(550, t.Millisecond);
        }

        [TestMethod]
        public void AnAnswerWithAnotherNonceIsNotTaken()
        {
            var channel = new Channel();
            var client = new SntpClient(channel);
            client.Configure("127.0.0.1", 3600, 0);
            client.Poll(0);
            byte[] answer = AnswerTo(channel.Request);
            answer[24] ^= 0xFF;
            channel.Answer = answer;
            client.Poll(10);
            Assert.AreEqual(SntpClient.Waiting, client.State);
            Assert.AreEqual(SntpClient.NotOurs, client.LastRefusal);
        }

        /// <summary>The named zones' daylight saving on nanoFramework's DateTime (DayOfWeek, DaysInMonth, AddDays): the second around each change.</summary>
        [TestMethod]
        public void DaylightSavingChangesAtTheRightSecond()
        {
            int ger = TimeZones.Find("GER+1");
            int usa = TimeZones.Find("USA-5");
            Assert.AreEqual(60, TimeZones.OffsetAt(ger, new DateTime(2026, 3, 29, 0, 59, 59)));
            Assert.AreEqual(120, TimeZones.OffsetAt(ger, new DateTime(2026, 3, 29, 1, 0, 0)));
            Assert.AreEqual(120, TimeZones.OffsetAt(ger, new DateTime(2026, 10, 25, 0, 59, 59)));
            Assert.AreEqual(60, TimeZones.OffsetAt(ger, new DateTime(2026, 10, 25, 1, 0, 0)));
            Assert.AreEqual(-300, TimeZones.OffsetAt(usa, new DateTime(2026, 3, 8, 6, 59, 59)));
            Assert.AreEqual(-240, TimeZones.OffsetAt(usa, new DateTime(2026, 3, 8, 7, 0, 0)));
            Assert.AreEqual(-240, TimeZones.OffsetAt(usa, new DateTime(2026, 11, 1, 5, 59, 59)));
            Assert.AreEqual(-300, TimeZones.OffsetAt(usa, new DateTime(2026, 11, 1, 6, 0, 0)));
            Assert.AreEqual(-1, TimeZones.Find("XYZ+1"));
        }

        [TestMethod]
        public void AfterAFailureTheNextServerIsAsked()
        {
            var channel = new Channel();
            var client = new SntpClient(channel);
            client.Configure("127.0.0.1 127.0.0.2:1123", 3600, 0);
            client.Poll(0);
            Assert.AreEqual("127.0.0.1:123", client.Server);
            client.Poll(SntpClient.AnswerTimeoutMs);
            Assert.AreEqual("127.0.0.2:1123", client.Server);
            channel.Answer = AnswerTo(channel.Request);
            client.Poll(SntpClient.AnswerTimeoutMs + 10);
            Assert.AreEqual(SntpClient.Synchronized, client.State);
        }
    }
}
