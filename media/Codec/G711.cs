namespace DeskPhone.Media.Codec
{
    /// <summary>
    /// G.711 μ-law (PCMU) and A-law (PCMA) between 16-bit linear samples and 8-bit codes, one sample per byte.
    /// Encoding follows the ITU-T G.711 segment layout as sox computes it (the independent implementation the tests
    /// compare with over all 65,536 inputs), with one difference from the ITU-T tables: the 16-bit sample is first
    /// ROUNDED to the codec's 14 bits (μ-law) or 13 bits (A-law), half up, as sox does (libsox's
    /// SOX_SAMPLE_TO_SIGNED adds half a step before it shifts), where ITU-T G.711 and the classic Sun g711.c
    /// TRUNCATE (shift right). So -1 and -2 encode as μ-law 0xFF (+0) here and in sox, 0x7E (-1 step) when truncated;
    /// a quantisation interval's edges move by half a 14/13-bit step, nothing else. Near full scale the rounding
    /// saturates (32,766 and 32,767 give the top code, as sox clips them). We follow sox because the done
    /// condition is agreement with it on every value. Decoding is ITU-T G.711's (the same in sox).
    /// Decoding computes each sample (h-callmedia: a 256-entry table per law was 540 B of a call's heap, for 131,000
    /// instructions a frame less, docs/benchmarks.md); encoding looks the segment up in a 128-entry table built by the
    /// first frame; no allocation per frame after the first.
    /// </summary>
    public static class G711
    {
        /// <summary>RTP payload type of PCMU (RFC 3551, table 4).</summary>
        public const int MuLawPayloadType = 0;

        /// <summary>RTP payload type of PCMA (RFC 3551, table 4).</summary>
        public const int ALawPayloadType = 8;

        // μ-law adds 33 to the 14-bit magnitude (the ITU-T bias of 132 at 16 bits). The largest biased magnitude is
        // 8,191 (the Sun code clips the magnitude at 8,159, whose biased 8,192 also gives the top code 0x7F).
        private const int MuTop = 8191;

        // Segment of a magnitude from its bits above the 4-bit mantissa: the position of the highest set bit of
        // (magnitude >> 6) for μ-law and of (magnitude >> 5) for A-law, 0..7.
        // Built by the first frame that encodes, not by the static constructor (which nanoCLR runs at boot for every
        // loaded assembly), and let go with the last session (Release): an idle phone keeps none of it. Two threads
        // building it at once make equal tables; the last one kept is as good as the other. Kept a table (156 B a call):
        // the segment found by three compares cost 70,000 instructions a frame more (docs/benchmarks.md, h-callmedia).
        private static byte[] _segment;

        /// <summary>Encodes <paramref name="count"/> samples from <paramref name="samples"/>[sampleOffset] as μ-law into <paramref name="codes"/>[codeOffset].</summary>
        public static void EncodeMuLaw(short[] samples, int sampleOffset, byte[] codes, int codeOffset, int count)
        {
            // One loop body, no call per sample: a managed call costs the interpreter more than the arithmetic.
            byte[] segments = _segment ?? (_segment = BuildSegments());
            int end = sampleOffset + count;
            for (int s = sampleOffset, c = codeOffset; s < end; s++, c++)
            {
                // Rounded to 14 bits (see the class comment) and biased by 33 in one step: a sample that rounds to 0 or
                // more gives ((x + 2) >> 2) + 33 = (x + 134) >> 2; one that rounds below 0 (x < -2) gives the
                // magnitude 33 - ((x + 2) >> 2) = (133 - x) >> 2.
                int value = samples[s];
                int mask = 0xFF;
                if (value < -2)
                {
                    value = (133 - value) >> 2;
                    mask = 0x7F;
                }
                else
                {
                    value = (value + 134) >> 2;
                }

                if (value > MuTop)
                {
                    value = MuTop;
                }

                int segment = segments[value >> 6];
                codes[c] = (byte)(((segment << 4) | ((value >> (segment + 1)) & 0x0F)) ^ mask);
            }
        }

        /// <summary>Decodes <paramref name="count"/> μ-law codes from <paramref name="codes"/>[codeOffset] into <paramref name="samples"/>[sampleOffset].</summary>
        public static void DecodeMuLaw(byte[] codes, int codeOffset, short[] samples, int sampleOffset, int count)
        {
            // ITU-T G.711 table 2a: codes are sent inverted; the biased mantissa (4 bits, << 3, + 132) is shifted by the
            // segment (bits 4-6), the bias taken off again, and bit 7 clear is negative. Four samples a turn, no call per
            // sample: the loop's own instructions (compare, branch, increments) cost the interpreter about as much as a
            // sample's arithmetic (docs/benchmarks.md, "h-callmedia").
            int end = codeOffset + count;
            int c = codeOffset, s = sampleOffset;
            for (; c + 4 <= end; c += 4, s += 4)
            {
                int v = ~codes[c];
                int m = ((((v & 0x0F) << 3) + 0x84) << ((v >> 4) & 0x07)) - 0x84;
                samples[s] = (short)((v & 0x80) != 0 ? -m : m);
                v = ~codes[c + 1];
                m = ((((v & 0x0F) << 3) + 0x84) << ((v >> 4) & 0x07)) - 0x84;
                samples[s + 1] = (short)((v & 0x80) != 0 ? -m : m);
                v = ~codes[c + 2];
                m = ((((v & 0x0F) << 3) + 0x84) << ((v >> 4) & 0x07)) - 0x84;
                samples[s + 2] = (short)((v & 0x80) != 0 ? -m : m);
                v = ~codes[c + 3];
                m = ((((v & 0x0F) << 3) + 0x84) << ((v >> 4) & 0x07)) - 0x84;
                samples[s + 3] = (short)((v & 0x80) != 0 ? -m : m);
            }

            for (; c < end; c++, s++)
            {
                int v = ~codes[c];
                int m = ((((v & 0x0F) << 3) + 0x84) << ((v >> 4) & 0x07)) - 0x84;
                samples[s] = (short)((v & 0x80) != 0 ? -m : m);
            }
        }

        /// <summary>Encodes <paramref name="count"/> samples from <paramref name="samples"/>[sampleOffset] as A-law into <paramref name="codes"/>[codeOffset].</summary>
        public static void EncodeALaw(short[] samples, int sampleOffset, byte[] codes, int codeOffset, int count)
        {
            byte[] segments = _segment ?? (_segment = BuildSegments());
            int end = sampleOffset + count;
            for (int s = sampleOffset, c = codeOffset; s < end; s++, c++)
            {
                // Rounded to 13 bits: (x + 4) >> 3, which saturates at 4,095 (32,764..32,767 would round to 4,096). A
                // sample that rounds below 0 (x < -4) is coded in one's complement, -((x + 4) >> 3) - 1 = (-5 - x) >> 3:
                // -1 is the smallest negative step, code 0x55 before the inversion.
                int value = samples[s];
                int mask = 0xD5;
                if (value < -4)
                {
                    value = (-5 - value) >> 3;
                    mask = 0x55;
                }
                else
                {
                    value = (value + 4) >> 3;
                    if (value > 4095)
                    {
                        value = 4095;
                    }
                }

                int segment = segments[value >> 5];
                int shift = segment < 2 ? 1 : segment;
                codes[c] = (byte)(((segment << 4) | ((value >> shift) & 0x0F)) ^ mask);
            }
        }

        /// <summary>Decodes <paramref name="count"/> A-law codes from <paramref name="codes"/>[codeOffset] into <paramref name="samples"/>[sampleOffset].</summary>
        public static void DecodeALaw(byte[] codes, int codeOffset, short[] samples, int sampleOffset, int count)
        {
            // ITU-T G.711 table 1a: even bits inverted (0x55); the mantissa (4 bits, << 4) is taken at the middle of its
            // interval (+ 8 in segment 0, + 264 and shifted by the segment - 1 above it); bit 7 set is positive. Four
            // samples a turn, as μ-law.
            int end = codeOffset + count;
            int c = codeOffset, s = sampleOffset;
            for (; c + 4 <= end; c += 4, s += 4)
            {
                int v = codes[c] ^ 0x55;
                int m = (v & 0x70) == 0 ? ((v & 0x0F) << 4) + 8 : (((v & 0x0F) << 4) + 0x108) << (((v >> 4) & 0x07) - 1);
                samples[s] = (short)((v & 0x80) != 0 ? m : -m);
                v = codes[c + 1] ^ 0x55;
                m = (v & 0x70) == 0 ? ((v & 0x0F) << 4) + 8 : (((v & 0x0F) << 4) + 0x108) << (((v >> 4) & 0x07) - 1);
                samples[s + 1] = (short)((v & 0x80) != 0 ? m : -m);
                v = codes[c + 2] ^ 0x55;
                m = (v & 0x70) == 0 ? ((v & 0x0F) << 4) + 8 : (((v & 0x0F) << 4) + 0x108) << (((v >> 4) & 0x07) - 1);
                samples[s + 2] = (short)((v & 0x80) != 0 ? m : -m);
                v = codes[c + 3] ^ 0x55;
                m = (v & 0x70) == 0 ? ((v & 0x0F) << 4) + 8 : (((v & 0x0F) << 4) + 0x108) << (((v >> 4) & 0x07) - 1);
                samples[s + 3] = (short)((v & 0x80) != 0 ? m : -m);
            }

            for (; c < end; c++, s++)
            {
                int v = codes[c] ^ 0x55;
                int m = (v & 0x70) == 0 ? ((v & 0x0F) << 4) + 8 : (((v & 0x0F) << 4) + 0x108) << (((v >> 4) & 0x07) - 1);
                samples[s] = (short)((v & 0x80) != 0 ? m : -m);
            }
        }

        /// <summary>
        /// Lets go of the segment table (156 B) when no call carries G.711 any more (the last
        /// <see cref="Rtp.MediaSession"/> stopped); the next frame builds it again.
        /// </summary>
        internal static void Release()
        {
            _segment = null;
        }

        private static byte[] BuildSegments()
        {
            var segments = new byte[128];
            for (int i = 1; i < 128; i++)
            {
                int segment = 0;
                for (int rest = i; rest != 0; rest >>= 1)
                {
                    segment++;
                }

                segments[i] = (byte)segment;
            }

            return segments;
        }
    }
}
