using System.Collections.Generic;
using System.Linq;
using DeskPhone.Media.Dtmf;

namespace DeskPhone.Media.Tests.Dtmf
{
    /// <summary>Each digit reported once, from RFC 4733 payloads as they arrive: repeated ends, lost starts, reordering.</summary>
    public class DtmfReceiverTests
    {
        [Fact]
        public void ADigitIsReportedOnceDespiteUpdatesAndRepeatedEnds()
        {
            var receiver = new DtmfReceiver();
            var reported = new List<int>
            {
                Receive(receiver, 1000, 7, false, 160),
                Receive(receiver, 1000, 7, false, 320),
                Receive(receiver, 1000, 7, false, 480),
                Receive(receiver, 1000, 7, true, 640),
                Receive(receiver, 1000, 7, true, 640),
                Receive(receiver, 1000, 7, true, 640),
            };

            Assert.Equal(new[] { 7, -1, -1, -1, -1, -1 }, reported);
        }

        [Fact]
        public void ADigitWhoseStartWasLostIsReportedFromItsFirstUpdateOrEnd()
        {
            var receiver = new DtmfReceiver();
            Assert.Equal(3, Receive(receiver, 2000, 3, false, 480));
            Assert.Equal(-1, Receive(receiver, 2000, 3, true, 800));

            // Only the ends of the next digit arrive.
            Assert.Equal(11, Receive(receiver, 3600, 11, true, 800));
            Assert.Equal(-1, Receive(receiver, 3600, 11, true, 800));
        }

        [Fact]
        public void TheSameDigitTwiceIsTwoEvents()
        {
            var receiver = new DtmfReceiver();
            Assert.Equal(5, Receive(receiver, 160, 5, false, 160));
            Assert.Equal(-1, Receive(receiver, 160, 5, true, 800));
            Assert.Equal(5, Receive(receiver, 1600, 5, false, 160));
        }

        [Fact]
        public void ALatePacketOfAnOlderEventIsIgnoredAcrossTheClockWrap()
        {
            var receiver = new DtmfReceiver();
            Assert.Equal(1, Receive(receiver, 0xFFFFFF00, 1, false, 160));
            Assert.Equal(2, Receive(receiver, 0x00000500, 2, false, 160));
            Assert.Equal(-1, Receive(receiver, 0xFFFFFF00, 1, true, 800)); // reordered: arrives after the next digit began
        }

        [Fact]
        public void ALongEventsNextSegmentContinuesTheDigit()
        {
            var receiver = new DtmfReceiver();
            Assert.Equal(9, Receive(receiver, 0, 9, false, 160));
            Assert.Equal(-1, Receive(receiver, 0, 9, false, 0xFFFF));
            Assert.Equal(-1, Receive(receiver, 0xFFFF, 9, false, 160)); // RFC 4733 2.5.1.3: a new segment, not a new digit
            Assert.Equal(9, Receive(receiver, 0xFFFF + 8000, 9, false, 160));
        }

        [Fact]
        public void ShortPayloadsAndOtherEventsReportNothing()
        {
            var receiver = new DtmfReceiver();
            Assert.Equal(-1, receiver.Receive(new byte[] { 1, 0x0A, 0 }, 0, 3, 100));
            Assert.Equal(-1, Receive(receiver, 200, 32, false, 160)); // 32: not DTMF (RFC 4734's modem tones)
            Assert.Equal(4, Receive(receiver, 400, 4, false, 160));
        }

        [Fact]
        public void WhatTheSenderSendsTheReceiverReportsDigitForDigit()
        {
            var sender = new DtmfSender(10);
            var receiver = new DtmfReceiver();
            foreach (char key in "123#*0")
            {
                sender.Press(TelephoneEvent.FromKey(key));
                sender.Release();
            }

            var payload = new byte[4];
            var keys = new List<char>();
            for (uint now = 5000; sender.Active; now += 160)
            {
                Assert.True(sender.Next(now, payload, 0));
                int code = receiver.Receive(payload, 0, 4, sender.Timestamp);
                if (code >= 0)
                {
                    keys.Add(TelephoneEvent.ToKey(code));
                }
            }

            Assert.Equal("123#*0", new string(keys.ToArray()));
        }

        private static int Receive(DtmfReceiver receiver, uint timestamp, int code, bool end, int duration)
        {
            var payload = new byte[4];
            TelephoneEvent.Write(payload, 0, code, end, 10, duration);
            return receiver.Receive(payload, 0, payload.Length, timestamp);
        }
    }
}
