using System.Collections.Generic;
using DeskPhone.Drivers.Framing;

namespace DeskPhone.Drivers.Tests
{
    public class FrameReaderTests
    {
        private readonly int _sum = FrameFormat.Of(0x57, 0xAB, 16, crc8: false);
        private readonly List<string> _log = new List<string>();
        private readonly FrameReader _reader;

        public FrameReaderTests()
        {
            _reader = new LoggingReader(_sum, 30, _log);
        }

        private sealed class LoggingReader : FrameReader
        {
            private readonly List<string> _log;

            public LoggingReader(int format, int gapTimeoutMs, List<string> log)
                : base(null, format, gapTimeoutMs)
            {
                _log = log;
            }

            protected override void OnFrame(int type, byte[] p, int offset, int count) =>
                _log.Add("frame " + type.ToString("X2") + ":" + System.Convert.ToHexString(p, offset, count));

            protected override void OnFrameError(FrameError error, int detail) => _log.Add(FrameErrorNames.Name(error) + " " + detail);
        }

        [Fact]
        public void EncodesByteExact()
        {
            var output = new byte[21];
            int n = FrameFormat.Encode(_sum, 0x81, new byte[] { 0x00, 0x02, 0x01 }, 0, 3, output);
            // check = 0x81 + 0x03 + 0x00 + 0x02 + 0x01 = 0x87
            Assert.Equal("57AB810300020187", System.Convert.ToHexString(output, 0, n));
        }

        [Fact]
        public void Crc8MatchesTheStandardCheckValue()
        {
            int crc = FrameFormat.Of(0xA5, 0x5A, 40, crc8: true);
            byte[] data = System.Text.Encoding.ASCII.GetBytes("123456789");
            Assert.Equal(0xF4, FrameFormat.Check(crc, data, 0, data.Length)); // CRC-8/SMBUS check value
        }

        [Fact]
        public void FrameSplitAcrossReadsIsReassembled()
        {
            byte[] f = { 0x57, 0xAB, 0x80, 0x01, 0x21, 0xA2 };
            _reader.Feed(f, 0, 3, 0);
            Assert.Empty(_log);
            _reader.Feed(f, 3, 3, 5);
            Assert.Equal(new[] { "frame 80:21" }, _log);
            Assert.Equal(0, _reader.Pending);
        }

        [Fact]
        public void GarbageBeforeAFrameIsReportedAndSkipped()
        {
            byte[] bytes = { 0x00, 0x57, 0x13, 0x57, 0xAB, 0x80, 0x01, 0x21, 0xA2 };
            _reader.Feed(bytes, 0, bytes.Length, 0);
            Assert.Equal(new[] { "garbage 3", "frame 80:21" }, _log);
        }

        [Fact]
        public void GoodFrameRightAfterABadCheckIsStillFound()
        {
            byte[] bytes = { 0x57, 0xAB, 0x80, 0x01, 0x21, 0xFF, 0x57, 0xAB, 0x80, 0x01, 0x22, 0xA3 };
            _reader.Feed(bytes, 0, bytes.Length, 0);
            Assert.Equal(new[] { "bad-check 128", "garbage 5", "frame 80:22" }, _log);
        }

        [Fact]
        public void OverlongLengthIsRejected()
        {
            byte[] bytes = { 0x57, 0xAB, 0x82, 0x40, 0x00, 0x57, 0xAB, 0x80, 0x00, 0x80 };
            _reader.Feed(bytes, 0, bytes.Length, 0);
            Assert.Equal(new[] { "too-long 64", "garbage 4", "frame 80:" }, _log);
        }

        [Fact]
        public void FrameThatStopsArrivingIsReportedAsTruncated()
        {
            byte[] part = { 0x57, 0xAB, 0x82, 0x09, 0x00, 0x00 };
            _reader.Feed(part, 0, part.Length, 100);
            _reader.CheckGap(120);
            Assert.Empty(_log);
            _reader.CheckGap(131);
            Assert.Equal(new[] { "truncated 6" }, _log);
            byte[] good = { 0x57, 0xAB, 0x80, 0x01, 0x21, 0xA2 };
            _reader.Feed(good, 0, good.Length, 200);
            Assert.Equal(new[] { "truncated 6", "frame 80:21" }, _log);
        }

        [Fact]
        public void TruncatedFrameFollowedLaterByAGoodFrameIsDetectedOnFeed()
        {
            byte[] part = { 0x57, 0xAB, 0x82, 0x09, 0x00 };
            _reader.Feed(part, 0, part.Length, 0);
            byte[] good = { 0x57, 0xAB, 0x80, 0x01, 0x21, 0xA2 };
            _reader.Feed(good, 0, good.Length, 1000);
            Assert.Equal(new[] { "truncated 5", "frame 80:21" }, _log);
        }

        [Fact]
        public void RandomNoiseNeverThrowsAndLeavesReaderUsable()
        {
            var rng = new System.Random(7);
            var noise = new byte[5000];
            rng.NextBytes(noise);
            for (int i = 0; i < noise.Length; i += 37)
            {
                _reader.Feed(noise, i, System.Math.Min(37, noise.Length - i), i);
            }
            _log.Clear();
            _reader.CheckGap(100000);
            _log.Clear();
            byte[] good = { 0x57, 0xAB, 0x80, 0x01, 0x21, 0xA2 };
            _reader.Feed(good, 0, good.Length, 100001);
            Assert.Equal(new[] { "frame 80:21" }, _log);
        }
    }
}
