namespace DeskPhone.Media.Audio
{
    /// <summary>
    /// The unit every audio path in the phone moves: 20 ms of 16-bit linear mono samples at 8 kHz (160 samples), the
    /// packet time of G.711 over RTP. Fixed so buffers are allocated once per call, never per frame.
    /// </summary>
    public static class AudioFrame
    {
        public const int SampleRate = 8000;

        public const int Milliseconds = 20;

        public const int Samples = SampleRate * Milliseconds / 1000;
    }
}
