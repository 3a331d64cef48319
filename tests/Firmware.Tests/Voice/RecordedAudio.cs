using System.Collections.Generic;
using DeskPhone.Media.Audio;

namespace DeskPhone.Firmware.Tests.Voice
{
    /// <summary>
    /// Audio devices that record every frame written to a sink, all ids together (<see cref="Samples"/>) and per id
    /// (<see cref="Of"/>: a call, <see cref="CallAudio.NoCall"/>, <see cref="CallAudio.Page"/>), and which ids were let go;
    /// the microphones are silent.
    /// </summary>
    internal sealed class RecordedAudio : ICallAudio
    {
        public readonly List<short> Samples = new List<short>();
        public readonly List<int> Ended = new List<int>();
        private readonly Dictionary<int, List<short>> _byId = new Dictionary<int, List<short>>();
        private readonly SilentAudio _silence = new SilentAudio();

        public IAudioSource Source(int callId) => _silence;

        public IAudioSink Sink(int callId) => new Recording(this, callId);

        public void End(int callId) => Ended.Add(callId);

        /// <summary>What was written to this id's sink so far (the same list as it grows, once anything was written).</summary>
        public List<short> Of(int callId) => _byId.TryGetValue(callId, out List<short> s) ? s : new List<short>();

        private sealed class Recording : IAudioSink
        {
            private readonly RecordedAudio _audio;
            private readonly int _id;

            public Recording(RecordedAudio audio, int id)
            {
                _audio = audio;
                _id = id;
            }

            public void Write(short[] frame)
            {
                _audio.Samples.AddRange(frame);
                if (!_audio._byId.TryGetValue(_id, out List<short> s))
                {
                    _audio._byId[_id] = s = new List<short>();
                }
                s.AddRange(frame);
            }
        }
    }
}
