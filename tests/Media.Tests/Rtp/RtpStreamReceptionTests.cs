using DeskPhone.Media.Rtp;

namespace DeskPhone.Media.Tests.Rtp
{
    /// <summary>
    /// The receiver's counts of <see cref="RtpStream"/> (RFC 3550 A.1, A.3) with the first and highest sequence number in
    /// one value and "started" read from the packets counted (h-callrest2): a wrap of the sequence, a jump that restarts
    /// the count, a reset.
    /// </summary>
    public class RtpStreamReceptionTests
    {
        [Fact]
        public void TheSequenceWrapsIntoTheExtendedHighestAndLossIsCountedAcrossIt()
        {
            var r = new RtpStream();
            Assert.False(r.Started);
            Assert.Equal(0u, r.Expected);
            r.Update(7, 65534, 0, 0);
            Assert.True(r.Started);
            r.Update(7, 65535, 160, 20);
            r.Update(7, 1, 480, 60); // 0 lost
            Assert.Equal(0x10001u, r.ExtendedMax);
            Assert.Equal(4u, r.Expected);
            Assert.Equal(3u, r.Received);
            Assert.Equal(1, r.Lost);
            // A late packet from before the wrap changes neither the highest nor the count expected.
            r.Update(7, 0, 320, 80);
            Assert.Equal(0x10001u, r.ExtendedMax);
            Assert.Equal(0, r.Lost);
        }

        [Fact]
        public void TheFractionLostIsEachIntervalsOwnAcrossTheCountsWrap()
        {
            var r = new RtpStream();
            int seq = 0;
            // 70,000 packets (more than the 16 bits the interval's start is kept in), none lost, then a quarter lost.
            for (int i = 0; i < 70000; i++, seq++) r.Update(7, seq & 0xFFFF, (uint)(seq * 160), seq * 20L);
            Assert.Equal(0, r.TakeFractionLost());
            for (int i = 0; i < 100; i++, seq++)
            {
                if (i % 4 != 0) r.Update(7, seq & 0xFFFF, (uint)(seq * 160), seq * 20L);
            }
            Assert.Equal(64, r.TakeFractionLost());
            for (int i = 0; i < 50; i++, seq++) r.Update(7, seq & 0xFFFF, (uint)(seq * 160), seq * 20L);
            Assert.Equal(0, r.TakeFractionLost());
            for (int i = 0; i < 10; i++, seq++)
            {
                if (i >= 5) r.Update(7, seq & 0xFFFF, (uint)(seq * 160), seq * 20L);
            }
            Assert.Equal(128, r.TakeFractionLost());
        }

        [Fact]
        public void AJumpOrANewSourceRestartsTheCountAndAResetForgetsTheStream()
        {
            var r = new RtpStream();
            r.Update(7, 100, 0, 0);
            r.Update(7, 101, 160, 20);
            r.Update(7, 20000, 320, 40); // a jump past MAX_DROPOUT: the sender restarted
            Assert.Equal(1u, r.Received);
            Assert.Equal(1u, r.Expected);
            Assert.Equal(20000u, r.ExtendedMax);
            r.Update(9, 5, 0, 60); // another source
            Assert.Equal(9u, r.SourceSsrc);
            Assert.Equal(5u, r.ExtendedMax);
            Assert.Equal(1u, r.Expected);
            r.ResetReception();
            Assert.False(r.Started);
            Assert.Equal(0u, r.Expected);
            r.Update(9, 300, 0, 80);
            Assert.True(r.Started);
            Assert.Equal(1u, r.Expected);
            Assert.Equal(0, r.Lost);
        }
    }
}
