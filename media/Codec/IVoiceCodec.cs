namespace DeskPhone.Media.Codec
{
    /// <summary>A call's voice codec at the RTP payload level: samples to payload bytes and back, into caller-given arrays.</summary>
    public interface IVoiceCodec
    {
        /// <summary>The static RTP payload type (RFC 3551).</summary>
        int PayloadType { get; }

        /// <summary>The SDP encoding name (a=rtpmap), e.g. "PCMU".</summary>
        string Name { get; }

        /// <summary>Encodes <paramref name="count"/> samples of <paramref name="samples"/> into <paramref name="payload"/> from <paramref name="offset"/>; returns the bytes written.</summary>
        int Encode(short[] samples, int count, byte[] payload, int offset);

        /// <summary>Decodes <paramref name="length"/> payload bytes from <paramref name="offset"/> into <paramref name="samples"/>; returns the samples written.</summary>
        int Decode(byte[] payload, int offset, int length, short[] samples);
    }
}
