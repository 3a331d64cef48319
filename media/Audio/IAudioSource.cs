namespace DeskPhone.Media.Audio
{
    /// <summary>Where a call's outgoing audio comes from: a microphone (I2S on the board), a WAV file or a generated tone in the simulator.</summary>
    public interface IAudioSource
    {
        /// <summary>Fills <paramref name="frame"/> (AudioFrame.Samples long) with the next 20 ms; false when nothing is ready yet.</summary>
        bool Read(short[] frame);
    }
}
