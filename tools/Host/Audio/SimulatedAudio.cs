using System;
using System.Collections.Generic;
using System.IO;
using DeskPhone.Media.Audio;

namespace DeskPhone.Host.Audio
{
    /// <summary>
    /// The simulator's audio devices (docs/simulator.md, "Audio"): each call's microphone is the <c>--mic</c> source
    /// (a tone, a WAV file or silence), and with <c>--record-dir</c> each call's speaker is a WAV file there,
    /// <c>call-N.wav</c> with N counting the calls from 1 (held and resumed, a call keeps its file); the phone's own
    /// audio outside calls (the dial tone, <see cref="CallAudio.NoCall"/>) is <c>tone-N.wav</c>, a file each time it plays, and each multicast page <c>page-N.wav</c>.
    /// Whatever a call's speaker plays also goes to its <see cref="Listeners"/> (the bench page's Listen).
    /// </summary>
    public sealed class SimulatedAudio : ICallAudio, IDisposable
    {
        private readonly double _tone;
        private readonly short[] _file;
        private readonly string _recordDir;
        private readonly Dictionary<int, Speaker> _speakers = new Dictionary<int, Speaker>();
        private readonly object _lock = new object();
        private int _calls;
        private int _tones;
        private int _pages;

        /// <param name="mic">"tone:FREQ" (Hz), a WAV file (16-bit mono 8 kHz), or null for silence.</param>
        /// <param name="recordDir">Where each call's speaker is written; null: played nowhere.</param>
        /// <exception cref="ArgumentException">The mic is neither a tone nor a readable WAV file of the phone's format.</exception>
        public SimulatedAudio(string mic, string recordDir)
        {
            if (mic != null && mic.StartsWith("tone:", StringComparison.Ordinal))
            {
                if (!double.TryParse(mic.Substring(5), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _tone) ||
                    _tone <= 0 || _tone >= AudioFrame.SampleRate / 2)
                {
                    throw new ArgumentException("--mic tone:FREQ needs a frequency in Hz between 0 and 4000, not " + mic.Substring(5));
                }
            }
            else if (mic != null)
            {
                try
                {
                    _file = Wav.Read(mic);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    throw new ArgumentException("--mic: " + ex.Message);
                }
            }
            if (recordDir != null)
            {
                Directory.CreateDirectory(recordDir);
            }
            _recordDir = recordDir;
        }

        /// <summary>The recordings made so far, oldest first.</summary>
        public List<string> Recordings { get; } = new List<string>();

        public IAudioSource Source(int callId) =>
            _file != null ? Microphone.Loop(_file) : _tone > 0 ? Microphone.Tone(_tone) : Microphone.Silence();

        /// <summary>Who listens to a call's speaker (the bench's GET /api/calls/{id}/audio).</summary>
        public CallListeners Listeners { get; } = new CallListeners();

        public IAudioSink Sink(int callId)
        {
            lock (_lock)
            {
                if (!_speakers.TryGetValue(callId, out Speaker speaker))
                {
                    WavRecorder recorder = null;
                    if (_recordDir != null)
                    {
                        string name = callId == CallAudio.NoCall ? "tone-" + ++_tones : callId == CallAudio.Page ? "page-" + ++_pages : "call-" + ++_calls;
                        recorder = new WavRecorder(Path.Combine(_recordDir, name + ".wav"));
                        Recordings.Add(recorder.Path);
                    }
                    speaker = new Speaker(callId, recorder, Listeners);
                    _speakers[callId] = speaker;
                }
                return speaker;
            }
        }

        public void End(int callId)
        {
            lock (_lock)
            {
                if (_speakers.TryGetValue(callId, out Speaker speaker))
                {
                    speaker.Dispose();
                    _speakers.Remove(callId);
                }
            }
            Listeners.End(callId);
        }

        public void Dispose()
        {
            lock (_lock)
            {
                foreach (Speaker speaker in _speakers.Values)
                {
                    speaker.Dispose();
                }
                _speakers.Clear();
            }
        }

        /// <summary>A call's speaker: its WAV file (with --record-dir) and its listeners.</summary>
        private sealed class Speaker : IAudioSink, IDisposable
        {
            private readonly int _callId;
            private readonly WavRecorder _recorder;
            private readonly CallListeners _listeners;

            public Speaker(int callId, WavRecorder recorder, CallListeners listeners)
            {
                _callId = callId;
                _recorder = recorder;
                _listeners = listeners;
            }

            public void Write(short[] frame)
            {
                _recorder?.Write(frame);
                _listeners.Write(_callId, frame);
            }

            public void Dispose() => _recorder?.Dispose();
        }
    }
}
