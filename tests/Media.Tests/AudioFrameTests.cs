using DeskPhone.Media.Audio;

namespace DeskPhone.Media.Tests
{
    public class AudioFrameTests
    {
        /// <summary>G.711 over RTP at the usual 20 ms packet time carries 160 samples (RFC 3551, 4.5.14).</summary>
        [Fact]
        public void AFrameIsOneG711PacketOf20Ms()
        {
            Assert.Equal(160, AudioFrame.Samples);
        }
    }
}
