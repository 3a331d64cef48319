using DeskPhone.Media.Audio;
using DeskPhone.Media.Codec;
using DeskPhone.Media.Tones;

namespace NFUnitTest
{
    /// <summary>
    /// What the voice code produces over whole ranges, as FNV-1a checksums: every linear value encoded, every code
    /// decoded, the first 200 ms of every tone of every scheme. The same functions run in the interpreter
    /// (MediaTests) and on the host (tests/Media.Tests links this file: MediaGoldenTests), where the codec matches sox
    /// on every value; both must give these constants, so the interpreter's integer arithmetic (shifts, uint phase
    /// wrap, byte and short conversions) is the host's.
    /// </summary>
    public static class MediaGolden
    {
        public const uint MuLawEncoded = 0x9AA140D1;
        public const uint ALawEncoded = 0xC95044C5;
        public const uint MuLawDecoded = 0x715D95A8;
        public const uint ALawDecoded = 0x12FB6645;
        public const uint Tones = 0x9CBE8516;

        private const uint Offset = 2166136261;
        private const uint Prime = 16777619;

        /// <summary>The codes of -32,768..32,767 in 160-sample frames, as a call encodes them.</summary>
        public static uint Encoded(bool muLaw)
        {
            var frame = new short[AudioFrame.Samples];
            var codes = new byte[AudioFrame.Samples];
            uint hash = Offset;
            for (int first = -32768; first < 32768; first += AudioFrame.Samples)
            {
                int count = first + AudioFrame.Samples <= 32768 ? AudioFrame.Samples : 32768 - first;
                for (int i = 0; i < count; i++)
                {
                    frame[i] = (short)(first + i);
                }

                if (muLaw)
                {
                    G711.EncodeMuLaw(frame, 0, codes, 0, count);
                }
                else
                {
                    G711.EncodeALaw(frame, 0, codes, 0, count);
                }

                for (int i = 0; i < count; i++)
                {
                    hash = (hash ^ codes[i]) * Prime;
                }
            }

            return hash;
        }

        /// <summary>The samples of codes 0..255, low byte first.</summary>
        public static uint Decoded(bool muLaw)
        {
            var codes = new byte[256];
            for (int i = 0; i < 256; i++)
            {
                codes[i] = (byte)i;
            }

            var samples = new short[256];
            if (muLaw)
            {
                G711.DecodeMuLaw(codes, 0, samples, 0, 256);
            }
            else
            {
                G711.DecodeALaw(codes, 0, samples, 0, 256);
            }

            uint hash = Offset;
            for (int i = 0; i < 256; i++)
            {
                hash = (hash ^ (byte)samples[i]) * Prime;
                hash = (hash ^ (byte)(samples[i] >> 8)) * Prime;
            }

            return hash;
        }

        /// <summary>Ten frames of each tone of each scheme, samples low byte first.</summary>
        public static uint AllTones()
        {
            string[] schemes = { "USA", "GER", "UK", "FRA", "ITA", "NLD", "SWI", "SWE", "AUS", "JPN" };
            var frame = new short[AudioFrame.Samples];
            uint hash = Offset;
            for (int s = 0; s < schemes.Length; s++)
            {
                ToneScheme scheme = ToneScheme.ForSetting(schemes[s]);
                for (int kind = 0; kind <= (int)ToneKind.CallWaiting; kind++)
                {
                    var generator = new ToneGenerator(scheme, (ToneKind)kind);
                    for (int f = 0; f < 10; f++)
                    {
                        generator.Read(frame);
                        for (int i = 0; i < frame.Length; i++)
                        {
                            hash = (hash ^ (byte)frame[i]) * Prime;
                            hash = (hash ^ (byte)(frame[i] >> 8)) * Prime;
                        }
                    }
                }
            }

            return hash;
        }
    }
}
