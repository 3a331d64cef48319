using NFUnitTest;

namespace DeskPhone.Media.Tests.Device
{
    /// <summary>
    /// The checksums tests/Device.Tests/MediaTests expects from the interpreter are what the host computes (whose codec
    /// G711SoxTests holds to sox on every value): a constant in MediaGolden cannot drift from the code.
    /// </summary>
    public class MediaGoldenTests
    {
        [Fact]
        public void EncodedChecksumsAreTheHosts()
        {
            Assert.Equal(MediaGolden.MuLawEncoded.ToString("X8"), MediaGolden.Encoded(true).ToString("X8"));
            Assert.Equal(MediaGolden.ALawEncoded.ToString("X8"), MediaGolden.Encoded(false).ToString("X8"));
        }

        [Fact]
        public void DecodedChecksumsAreTheHosts()
        {
            Assert.Equal(MediaGolden.MuLawDecoded.ToString("X8"), MediaGolden.Decoded(true).ToString("X8"));
            Assert.Equal(MediaGolden.ALawDecoded.ToString("X8"), MediaGolden.Decoded(false).ToString("X8"));
        }

        [Fact]
        public void ToneChecksumIsTheHosts()
        {
            Assert.Equal(MediaGolden.Tones.ToString("X8"), MediaGolden.AllTones().ToString("X8"));
        }
    }
}
