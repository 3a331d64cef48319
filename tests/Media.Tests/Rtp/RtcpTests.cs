using System;
using DeskPhone.Media.Rtp;

namespace DeskPhone.Media.Tests.Rtp
{
    public class RtcpTests
    {
        // One call's stream: what it sends, what arrives and what the other side's reports say.
        private readonly RtpStream _stream = new RtpStream();
        private readonly byte[] _out = new byte[Rtcp.MaxPacket];

        public RtcpTests()
        {
            _stream.Start(new Random(3));
        }

        private static uint U32(byte[] d, int at) => (uint)(d[at] << 24 | d[at + 1] << 16 | d[at + 2] << 8 | d[at + 3]);

        [Fact]
        public void ASenderReportWithoutReceptionHasNoBlockThenTheCname()
        {
            var frame = new byte[12];
            for (int i = 0; i < 10; i++) _stream.Next(frame, 0, 160, 160);
            int n = Rtcp.Write(_out, 12_500, true, _stream);
            // SR: 28 bytes (length field 6); SDES: 8 + (1 + 1 + 18 + 1 -> 24) = 32 bytes (length field 7).
            Assert.Equal(60, n);
            Assert.Equal("80C80006", Convert.ToHexString(_out, 0, 4));
            Assert.Equal(_stream.Ssrc, U32(_out, 4));
            Assert.Equal(12u, U32(_out, 8));                          // NTP seconds of the monotonic clock
            Assert.Equal((uint)(0.5 * 4294967296.0), U32(_out, 12));  // .500 s
            Assert.Equal(_stream.Timestamp, U32(_out, 16));
            Assert.Equal(10u, U32(_out, 20));
            Assert.Equal(1600u, U32(_out, 24));
            Assert.Equal("81CA0007", Convert.ToHexString(_out, 28, 4));
            Assert.Equal(_stream.Ssrc, U32(_out, 32));
            Assert.Equal("0112", Convert.ToHexString(_out, 36, 2));
            // The CNAME from the SSRC the call started with, in lowercase hex.
            Assert.Equal("deskphone-" + _stream.Ssrc.ToString("x8"), System.Text.Encoding.ASCII.GetString(_out, 38, 18));
            Assert.Equal("00000000", Convert.ToHexString(_out, 56, 4));             // END, then padding to 32 bits
        }

        [Fact]
        public void AReceiverReportCarriesLossJitterAndTheEchoOfTheirSenderReport()
        {
            // Packets 100..119 of SSRC 0x55 with 101 and 105 missing, each arriving 20 ms apart with timestamps 160 apart
            // except one 10 ms late.
            long now = 1000;
            for (int s = 100; s < 120; s++, now += 20)
            {
                if (s == 101 || s == 105) continue;
                _stream.Update(0x55, s, (uint)(s * 160), s == 110 ? now + 10 : now);
            }
            // Their SR at 1.25 s with NTP middle bits 0x00010002, our report 0.5 s later.
            _stream.SenderReport(0x00010002, 1250);
            int n = Rtcp.Write(_out, 1750, false, _stream);
            Assert.Equal("81C90007", Convert.ToHexString(_out, 0, 4));
            Assert.Equal(0x55u, U32(_out, 8));
            Assert.Equal(2 * 256 / 20, _out[12]);                      // fraction lost: 2 of 20
            Assert.Equal("000002", Convert.ToHexString(_out, 13, 3));  // cumulative lost
            Assert.Equal(119u, U32(_out, 16));                          // extended highest sequence
            Assert.InRange(U32(_out, 20), 1u, 80u);                     // jitter from the 10 ms (80 units) excursion
            Assert.Equal(0x00010002u, U32(_out, 24));                   // LSR
            Assert.Equal(32768u, U32(_out, 28));                        // DLSR: 0.5 s in 1/65536 s
            Assert.Equal(32 + 32, n);
            // The next report's fraction counts only what came since.
            Rtcp.Write(_out, 2000, false, _stream);
            Assert.Equal(0, _out[12]);
        }

        [Fact]
        public void JitterFollowsRfc3550A8()
        {
            // Transit alternating 0 and 16 units: D = 16 each time, J += (16 - J) / 16.
            double expected = 0;
            for (int i = 0; i < 50; i++)
            {
                _stream.Update(9, i, (uint)(i * 160), i * 20 + (i % 2 == 1 ? 2 : 0));
                if (i > 0) expected += (16 - expected) / 16;
            }
            Assert.InRange((int)_stream.Jitter, (int)expected - 1, (int)expected + 1);
        }

        [Fact]
        public void TheRoundTripComesFromTheOtherSidesBlockAboutUs()
        {
            // Our SR at 10.000 s; their RR 0.3 s later says they held it 0.1 s: the round trip is 200 ms.
            Rtcp.Write(_out, 10_000, true, _stream);
            uint lsr = Rtcp.Middle(10_000);
            var rr = new byte[32];
            rr[0] = 0x81; rr[1] = 201; rr[3] = 7;
            Put(rr, 4, 0x77);
            Put(rr, 8, _stream.Ssrc);
            rr[12] = 64;                       // a quarter lost
            rr[15] = 3;
            Put(rr, 20, 240);                  // jitter
            Put(rr, 24, lsr);
            Put(rr, 28, 6554);                 // 0.1 s
            Rtcp.Read(rr, rr.Length, 10_300, _stream);
            Assert.InRange(_stream.RoundTripMs, 199, 201);
            Assert.Equal(3, _stream.RemoteLost);
            Assert.Equal(240u, _stream.RemoteJitter);
            Assert.Equal(1, _stream.ReportsReceived);
        }

        [Fact]
        public void ABlockAboutAnotherSourceIsNotOurs()
        {
            var rr = new byte[32];
            rr[0] = 0x81; rr[1] = 201; rr[3] = 7;
            Put(rr, 8, _stream.Ssrc + 1);
            Put(rr, 24, 5);
            Rtcp.Read(rr, rr.Length, 1000, _stream);
            Assert.Equal(-1, _stream.RoundTripMs);
        }

        [Fact]
        public void TheirSenderReportIsEchoedInOurNextBlock()
        {
            _stream.Update(0x66, 1, 0, 0);
            var sr = new byte[28];
            sr[0] = 0x80; sr[1] = 200; sr[3] = 6;
            Put(sr, 4, 0x66);
            Put(sr, 8, 0x12345678);
            Put(sr, 12, 0x9ABCDEF0);
            Rtcp.Read(sr, sr.Length, 3000, _stream);
            Rtcp.Write(_out, 4000, false, _stream);
            Assert.Equal(0x56789ABCu, U32(_out, 24));
            Assert.Equal(65536u, U32(_out, 28));
        }

        [Theory]
        [InlineData("80C8")]                         // shorter than a header
        [InlineData("40C90001 00000001")]            // version 1
        [InlineData("80CA0001 00000001")]            // a compound must start with SR or RR
        [InlineData("81C90007 00000001")]            // length past the end
        public void MalformedReportsAreCountedAndIgnored(string hex)
        {
            byte[] data = Convert.FromHexString(hex.Replace(" ", ""));
            Rtcp.Read(data, data.Length, 1000, _stream);
            Assert.Equal(1, _stream.Malformed);
            Assert.Equal(0, _stream.ReportsReceived);
        }

        private static void Put(byte[] d, int at, uint v)
        {
            d[at] = (byte)(v >> 24); d[at + 1] = (byte)(v >> 16); d[at + 2] = (byte)(v >> 8); d[at + 3] = (byte)v;
        }
    }
}
