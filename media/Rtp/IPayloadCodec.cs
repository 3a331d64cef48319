namespace DeskPhone.Media.Rtp
{
    /// <summary>
    /// How a media session turns a 20 ms frame into an RTP payload and back (G.711 μ-law and A-law, media/Codec);
    /// chosen by the payload type the SDP agreed on.
    /// </summary>
    public interface IPayloadCodec
    {
        /// <summary>Encodes <paramref name="frame"/> (AudioFrame.Samples) into payload[offset..]; returns the octets written.</summary>
        int Encode(short[] frame, byte[] payload, int offset);

        /// <summary>Decodes <paramref name="count"/> octets into <paramref name="frame"/>; samples past them are zeroed.</summary>
        void Decode(byte[] payload, int offset, int count, short[] frame);
    }
}
