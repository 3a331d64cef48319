namespace DeskPhone.Media.Audio
{
    /// <summary>
    /// The phone's audio devices as a call sees them: the microphone it sends and the speaker it plays, per call (the
    /// simulator writes one WAV file per call; the board has one microphone and one speaker for every call).
    /// </summary>
    public interface ICallAudio
    {
        IAudioSource Source(int callId);

        IAudioSink Sink(int callId);

        /// <summary>The call ended (not merely held): the simulator closes the call's file.</summary>
        void End(int callId);
    }

    /// <summary>No audio devices (a board profile without an I2S amplifier or microphone, tests): silence is sent, what arrives is dropped.</summary>
    public sealed class SilentAudio : ICallAudio, IAudioSource, IAudioSink
    {
        public IAudioSource Source(int callId) => this;

        public IAudioSink Sink(int callId) => this;

        public void End(int callId)
        {
        }

        public bool Read(short[] frame)
        {
            System.Array.Clear(frame, 0, frame.Length);
            return true;
        }

        public void Write(short[] frame)
        {
        }
    }
}
