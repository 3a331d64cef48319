using DeskPhone.Media.Audio;
using DeskPhone.Media.Codec;

namespace DeskPhone.Media.Tests.Codec
{
    /// <summary>Known G.711 values (ITU-T G.711 tables 1a and 2a) and the frame-level API the RTP side calls.</summary>
    public class G711Tests
    {
        [Theory]
        [InlineData(0, 0xFF)]
        [InlineData(-1, 0xFF)] // rounds to +0 as sox does (truncation gives 0x7E, the first negative step)
        [InlineData(-3, 0x7E)]
        [InlineData(32767, 0x80)]
        [InlineData(-32768, 0x00)]
        [InlineData(1000, 0xCE)]
        [InlineData(-1000, 0x4E)]
        public void MuLawCodesOfKnownSamples(short sample, int code)
        {
            Assert.Equal(code, MuLaw(sample));
        }

        [Theory]
        [InlineData(0, 0xD5)]
        [InlineData(-1, 0xD5)]
        [InlineData(-5, 0x55)]
        [InlineData(32767, 0xAA)]
        [InlineData(-32768, 0x2A)]
        [InlineData(1000, 0xFA)]
        [InlineData(-1000, 0x7A)]
        public void ALawCodesOfKnownSamples(short sample, int code)
        {
            Assert.Equal(code, ALaw(sample));
        }

        [Theory]
        [InlineData(0xFF, 0)]
        [InlineData(0x7F, 0)]
        [InlineData(0x80, 32124)]
        [InlineData(0x00, -32124)]
        [InlineData(0xCE, 988)]
        public void MuLawCodesDecodeToTheTableValues(int code, short sample)
        {
            Assert.Equal(sample, FromMuLaw((byte)code));
        }

        [Theory]
        [InlineData(0xD5, 8)]
        [InlineData(0x55, -8)]
        [InlineData(0xAA, 32256)]
        [InlineData(0x2A, -32256)]
        [InlineData(0xFA, 1008)]
        public void ALawCodesDecodeToTheTableValues(int code, short sample)
        {
            Assert.Equal(sample, FromALaw((byte)code));
        }

        [Fact]
        public void AFrameEncodesIntoThePayloadAtItsOffsetAndDecodesBack()
        {
            var frame = new short[AudioFrame.Samples];
            for (int i = 0; i < frame.Length; i++)
            {
                frame[i] = (short)(i * 400 - 32000);
            }

            var packet = new byte[12 + AudioFrame.Samples];
            packet[0] = 0x80;
            Assert.Equal(160, G711Codec.MuLaw.Encode(frame, frame.Length, packet, 12));
            Assert.Equal(0x80, packet[0]); // the RTP header before the offset is left alone
            Assert.Equal(MuLaw(frame[5]), packet[12 + 5]);

            var decoded = new short[AudioFrame.Samples];
            Assert.Equal(160, G711Codec.MuLaw.Decode(packet, 12, 160, decoded));
            for (int i = 0; i < frame.Length; i++)
            {
                // μ-law keeps a sample within half a step of its segment: 1/32 of its magnitude plus the bias.
                Assert.InRange(decoded[i], frame[i] - (System.Math.Abs(frame[i]) / 16 + 8), frame[i] + (System.Math.Abs(frame[i]) / 16 + 8));
            }
        }

        [Fact]
        public void PayloadTypesPickTheCodec()
        {
            Assert.Equal("PCMU", G711Codec.ForPayloadType(0).Name);
            Assert.Equal("PCMA", G711Codec.ForPayloadType(8).Name);
            Assert.Equal(8, G711Codec.ALaw.PayloadType);
            Assert.Null(G711Codec.ForPayloadType(18));
        }

        private static byte MuLaw(short sample)
        {
            var code = new byte[1];
            G711.EncodeMuLaw(new[] { sample }, 0, code, 0, 1);
            return code[0];
        }

        private static byte ALaw(short sample)
        {
            var code = new byte[1];
            G711.EncodeALaw(new[] { sample }, 0, code, 0, 1);
            return code[0];
        }

        private static short FromMuLaw(byte code)
        {
            var sample = new short[1];
            G711.DecodeMuLaw(new[] { code }, 0, sample, 0, 1);
            return sample[0];
        }

        private static short FromALaw(byte code)
        {
            var sample = new short[1];
            G711.DecodeALaw(new[] { code }, 0, sample, 0, 1);
            return sample[0];
        }
    }
}
