namespace DeskPhone.Media.Audio
{
    /// <summary>Where a call's incoming audio goes: a speaker or amplifier (I2S on the board), a WAV file per call in the simulator.</summary>
    public interface IAudioSink
    {
        /// <summary>Plays the 20 ms in <paramref name="frame"/> (AudioFrame.Samples long); the caller keeps the array.</summary>
        void Write(short[] frame);
    }
}
