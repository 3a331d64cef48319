using System.Collections.Generic;
using DeskPhone.Media.Dtmf;

namespace DeskPhone.Media.Tests.Dtmf
{
    /// <summary>
    /// The packets of a key press (RFC 4733, 2.5.1): marker and the event's timestamp on the first, growing durations
    /// with the same timestamp, three ends with the final duration, each as the exact 4 bytes the RTP side sends.
    /// </summary>
    public class DtmfSenderTests
    {
        private const uint Start = 0xFFFFFE00; // the RTP clock wraps during the press: timestamps are modular

        [Fact]
        public void AHeldKeySendsAStartUpdatesAndThreeEnds()
        {
            var sender = new DtmfSender(10);
            Assert.False(sender.Active);
            Assert.True(sender.Press(1));
            Assert.True(sender.Active);

            var packets = new List<string>();
            uint now = Start;
            for (int i = 0; i < 7; i++, now += 160)
            {
                packets.Add(Tick(sender, now));
            }

            sender.Release();
            for (int i = 0; i < 4; i++, now += 160)
            {
                packets.Add(Tick(sender, now));
            }

            Assert.Equal(new[]
            {
                "M FFFFFE00 01 0A 00 A0",
                "- FFFFFE00 01 0A 01 40",
                "- FFFFFE00 01 0A 01 E0",
                "- FFFFFE00 01 0A 02 80",
                "- FFFFFE00 01 0A 03 20",
                "- FFFFFE00 01 0A 03 C0",
                "- FFFFFE00 01 0A 04 60",
                "- FFFFFE00 01 8A 04 60",
                "- FFFFFE00 01 8A 04 60",
                "- FFFFFE00 01 8A 04 60",
                "none",
            }, packets);
            Assert.False(sender.Active);
        }

        [Fact]
        public void AQuickTapLastsTheMinimumDuration()
        {
            var sender = new DtmfSender(10);
            sender.Press(11);
            sender.Release();

            var packets = new List<string>();
            for (uint now = 8000; packets.Count < 9; now += 160)
            {
                packets.Add(Tick(sender, now));
            }

            Assert.Equal(new[]
            {
                "M 00001F40 0B 0A 00 A0",
                "- 00001F40 0B 0A 01 40",
                "- 00001F40 0B 0A 01 E0",
                "- 00001F40 0B 0A 02 80",
                "- 00001F40 0B 0A 03 20", // 800: 100 ms
                "- 00001F40 0B 8A 03 20",
                "- 00001F40 0B 8A 03 20",
                "- 00001F40 0B 8A 03 20",
                "none",
            }, packets);
        }

        [Fact]
        public void KeysTypedQuicklyFollowEachOtherWithNewTimestamps()
        {
            var sender = new DtmfSender(10);
            sender.Press(1);
            sender.Release();
            sender.Press(2);
            sender.Release();

            var packets = new List<string>();
            for (uint now = 0; packets.Count < 17; now += 160)
            {
                packets.Add(Tick(sender, now));
            }

            Assert.Equal("M 00000000 01 0A 00 A0", packets[0]);
            Assert.Equal("- 00000000 01 8A 03 20", packets[7]);
            Assert.Equal("M 00000500 02 0A 00 A0", packets[8]); // the next interval, 8 x 160 later
            Assert.Equal("- 00000500 02 8A 03 20", packets[15]);
            Assert.Equal("none", packets[16]);
        }

        [Fact]
        public void AKeyHeldPastTheLongestDurationEndsThere()
        {
            var sender = new DtmfSender(10);
            sender.Press(5);
            string update = null, end;
            uint now = 0;
            for (; ; now += 160)
            {
                string packet = Tick(sender, now);
                if (packet.Substring(14, 2) == "8A")
                {
                    end = packet;
                    break;
                }

                update = packet;
            }

            Assert.Equal("- 00000000 05 0A FF A0", update); // 65,440: one more packet would pass 65,535
            Assert.Equal("- 00000000 05 8A FF FF", end);
            Assert.Equal(409u, now / 160);
        }

        [Fact]
        public void TheQueueIsBounded()
        {
            var sender = new DtmfSender(10);
            for (int i = 0; i < DtmfSender.QueueLength; i++)
            {
                Assert.True(sender.Press(i % 16));
            }

            Assert.False(sender.Press(3));
            Tick(sender, 0); // the first starts and leaves the queue
            Assert.True(sender.Press(3));
        }

        private static string Tick(DtmfSender sender, uint now)
        {
            var payload = new byte[16];
            if (!sender.Next(now, payload, 12))
            {
                return "none";
            }

            return (sender.Marker ? "M " : "- ") + sender.Timestamp.ToString("X8") + " " +
                   payload[12].ToString("X2") + " " + payload[13].ToString("X2") + " " + payload[14].ToString("X2") + " " + payload[15].ToString("X2");
        }
    }
}
