using System;
using DeskPhone.Media.Rtp;

namespace DeskPhone.Media.Tests.Rtp
{
    public class RtpPacketTests
    {
        private static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

        [Fact]
        public void TheHeaderIsWrittenByteForByte()
        {
            var data = new byte[12];
            Assert.Equal(12, RtpPacket.Write(data, 0, true, 8, 0xABCD, 0x01020304, 0xDEADBEEF));
            Assert.Equal("8088ABCD01020304DEADBEEF", Convert.ToHexString(data));
            RtpPacket.Write(data, 0, false, 0, 1, 0, 0);
            Assert.Equal("800000010000000000000000", Convert.ToHexString(data));
        }

        [Fact]
        public void AWrittenHeaderReadsBack()
        {
            var data = new byte[12 + 160];
            RtpPacket.Write(data, 0, true, 101, 65535, 0xFFFFFFFF, 0x80000001);
            var p = new RtpPacket();
            Assert.True(p.Read(data, 0, data.Length));
            Assert.True(p.Marker);
            Assert.Equal(101, p.PayloadType);
            Assert.Equal(65535, p.Sequence);
            Assert.Equal(0xFFFFFFFFu, p.Timestamp);
            Assert.Equal(0x80000001u, p.Ssrc);
            Assert.Equal(12, p.PayloadOffset);
            Assert.Equal(160, p.PayloadLength);
        }

        [Fact]
        public void CsrcsAnExtensionAndPaddingAreSkipped()
        {
            // V=2 P=1 X=1 CC=2, PT 0, two CSRCs, an extension of one word, payload AABB, padding of 3 (00 00 03).
            byte[] data = Bytes("B2 00 0001 00000010 00000020  11111111 22222222  BEDE 0001 33333333  AABB 000003");
            var p = new RtpPacket();
            Assert.True(p.Read(data, 0, data.Length));
            Assert.Equal(2, p.CsrcCount);
            Assert.True(p.Extension);
            Assert.True(p.Padding);
            Assert.Equal(28, p.PayloadOffset);
            Assert.Equal(2, p.PayloadLength);
            Assert.Equal(0xAA, data[p.PayloadOffset]);
        }

        [Fact]
        public void AnOffsetInTheBufferIsRespected()
        {
            byte[] data = Bytes("FFFF 8000 0007 00000000 00000009 55");
            var p = new RtpPacket();
            Assert.True(p.Read(data, 2, data.Length - 2));
            Assert.Equal(7, p.Sequence);
            Assert.Equal(9u, p.Ssrc);
            Assert.Equal(14, p.PayloadOffset);
            Assert.Equal(1, p.PayloadLength);
        }

        [Theory]
        [InlineData("80 00 0001 00000000 000000")]                  // 11 bytes
        [InlineData("40 00 0001 00000000 00000000 AA")]             // version 1
        [InlineData("C0 00 0001 00000000 00000000 AA")]             // version 3
        [InlineData("82 00 0001 00000000 00000000 11111111")]       // two CSRCs, one present
        [InlineData("90 00 0001 00000000 00000000 BEDE 0002 33333333")] // extension of 2 words, 1 present
        [InlineData("90 00 0001 00000000 00000000 BE")]             // extension header cut
        [InlineData("A0 00 0001 00000000 00000000 AA 05")]          // padding longer than the payload
        [InlineData("A0 00 0001 00000000 00000000 AA 00")]          // padding count 0
        public void MalformedPacketsAreRefused(string hex)
        {
            byte[] data = Bytes(hex);
            Assert.False(new RtpPacket().Read(data, 0, data.Length));
        }

        [Fact]
        public void TheSenderCountsSequenceAndTimestampPerFrameAndMarksTheFirst()
        {
            var sender = new RtpStream();
            sender.Start(new Random(7));
            int sequence = sender.Sequence;
            uint timestamp = sender.Timestamp;
            var data = new byte[12];
            var p = new RtpPacket();
            for (int i = 0; i < 70000; i++)
            {
                sender.Next(data, 0, 160, 160);
                Assert.True(p.Read(data, 0, 12));
                Assert.Equal((sequence + i) & 0xFFFF, p.Sequence);
                Assert.Equal(unchecked(timestamp + (uint)(160 * i)), p.Timestamp);
                Assert.Equal(sender.Ssrc, p.Ssrc);
                Assert.Equal(i == 0, p.Marker);
            }
            Assert.Equal(70000u, sender.Packets);
            Assert.Equal(70000u * 160, sender.Octets);
        }

        [Fact]
        public void EachStreamStartsAtRandom()
        {
            var a = new RtpStream();
            var b = new RtpStream();
            var random = new Random(1);
            a.Start(random);
            b.Start(random);
            Assert.NotEqual(a.Ssrc, b.Ssrc);
            Assert.NotEqual(a.Sequence, b.Sequence);
            Assert.NotEqual(a.Timestamp, b.Timestamp);
        }
    }
}
