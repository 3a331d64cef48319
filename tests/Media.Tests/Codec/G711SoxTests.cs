using System;
using DeskPhone.Media.Codec;

namespace DeskPhone.Media.Tests.Codec
{
    /// <summary>
    /// The done condition for the codec: our G.711 agrees with sox on every one of the 65,536 linear inputs
    /// and every one of the 256 codes. Our encoder runs frame by frame as the call does (160 samples per call).
    /// </summary>
    public class G711SoxTests
    {
        private const string Linear = "-e signed -b 16";

        [Fact]
        public void EveryLinearValueEncodesToSoxsMuLawCode()
        {
            AssertEncodesLikeSox("-e u-law", G711.EncodeMuLaw, "μ-law");
        }

        [Fact]
        public void EveryLinearValueEncodesToSoxsALawCode()
        {
            AssertEncodesLikeSox("-e a-law", G711.EncodeALaw, "A-law");
        }

        [Fact]
        public void EveryMuLawCodeDecodesToSoxsLinearValue()
        {
            AssertDecodesLikeSox("-e u-law", G711.DecodeMuLaw, "μ-law");
        }

        [Fact]
        public void EveryALawCodeDecodesToSoxsLinearValue()
        {
            AssertDecodesLikeSox("-e a-law", G711.DecodeALaw, "A-law");
        }

        private delegate void Encoder(short[] samples, int sampleOffset, byte[] codes, int codeOffset, int count);

        private delegate void Decoder(byte[] codes, int codeOffset, short[] samples, int sampleOffset, int count);

        private static void AssertEncodesLikeSox(string law, Encoder encode, string name)
        {
            var samples = new short[65536];
            for (int i = 0; i < samples.Length; i++)
            {
                samples[i] = (short)(i - 32768);
            }

            byte[] expected = Sox.Convert(ToBytes(samples), Linear, law);
            Assert.Equal(samples.Length, expected.Length);

            var ours = new byte[samples.Length];
            for (int offset = 0; offset < samples.Length; offset += 160)
            {
                encode(samples, offset, ours, offset, Math.Min(160, samples.Length - offset));
            }

            int mismatches = 0;
            string first = null;
            for (int i = 0; i < samples.Length; i++)
            {
                if (ours[i] != expected[i])
                {
                    mismatches++;
                    first ??= name + " of " + samples[i] + ": ours 0x" + ours[i].ToString("X2") + ", sox 0x" + expected[i].ToString("X2");
                }
            }

            Assert.True(mismatches == 0, mismatches + " of 65,536 values differ from sox; first: " + first);
        }

        private static void AssertDecodesLikeSox(string law, Decoder decode, string name)
        {
            var codes = new byte[256];
            for (int i = 0; i < codes.Length; i++)
            {
                codes[i] = (byte)i;
            }

            byte[] expectedBytes = Sox.Convert(codes, law, Linear);
            Assert.Equal(512, expectedBytes.Length);

            var ours = new short[256];
            decode(codes, 0, ours, 0, 256);
            for (int code = 0; code < 256; code++)
            {
                short expected = BitConverter.ToInt16(expectedBytes, code * 2);
                Assert.True(ours[code] == expected, name + " code 0x" + code.ToString("X2") + ": ours " + ours[code] + ", sox " + expected);
            }
        }

        private static byte[] ToBytes(short[] samples)
        {
            var bytes = new byte[samples.Length * 2];
            for (int i = 0; i < samples.Length; i++)
            {
                bytes[2 * i] = (byte)samples[i];
                bytes[2 * i + 1] = (byte)(samples[i] >> 8);
            }

            return bytes;
        }
    }
}
