namespace DeskPhone.Media.Codec
{
    /// <summary>PCMU or PCMA as an <see cref="IVoiceCodec"/>: one byte per sample, so a 20 ms frame is 160 payload bytes.</summary>
    public sealed class G711Codec : IVoiceCodec
    {
        /// <summary>PCMU, payload type 0.</summary>
        public static readonly G711Codec MuLaw = new G711Codec(G711.MuLawPayloadType);

        /// <summary>PCMA, payload type 8.</summary>
        public static readonly G711Codec ALaw = new G711Codec(G711.ALawPayloadType);

        private G711Codec(int payloadType)
        {
            PayloadType = payloadType;
        }

        public int PayloadType { get; }

        /// <summary>
        /// Made when asked (nothing on the phone asks: the tests and the cost program do): a kept name was a field and a string of each codec,
        /// 72 B at every step on nanoCLR (docs/benchmarks.md h-restcut).
        /// </summary>
        public string Name => PayloadType == G711.MuLawPayloadType ? "PCMU" : "PCMA";

        /// <summary>The codec for an RTP payload type (0 or 8), or null for one that is not G.711.</summary>
        public static G711Codec ForPayloadType(int payloadType)
        {
            if (payloadType == G711.MuLawPayloadType)
            {
                return MuLaw;
            }

            return payloadType == G711.ALawPayloadType ? ALaw : null;
        }

        public int Encode(short[] samples, int count, byte[] payload, int offset)
        {
            if (PayloadType == G711.MuLawPayloadType)
            {
                G711.EncodeMuLaw(samples, 0, payload, offset, count);
            }
            else
            {
                G711.EncodeALaw(samples, 0, payload, offset, count);
            }

            return count;
        }

        public int Decode(byte[] payload, int offset, int length, short[] samples)
        {
            if (PayloadType == G711.MuLawPayloadType)
            {
                G711.DecodeMuLaw(payload, offset, samples, 0, length);
            }
            else
            {
                G711.DecodeALaw(payload, offset, samples, 0, length);
            }

            return length;
        }
    }
}
