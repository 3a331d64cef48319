using System;
using System.IO;
using DeskPhone.Media.Audio;

namespace DeskPhone.Host.Audio
{
    /// <summary>
    /// The simulator's speaker for one call: every frame played is appended to a WAV file, whose header is kept
    /// current after each frame, so the file is complete at any moment (a test reads it while the call runs).
    /// </summary>
    public sealed class WavRecorder : IAudioSink, IDisposable
    {
        private readonly FileStream _file;
        private readonly byte[] _bytes = new byte[AudioFrame.Samples * 2];
        private int _samples;

        public WavRecorder(string path)
        {
            Path = path;
            _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
            _file.Write(Wav.Header(0));
        }

        public string Path { get; }

        public void Write(short[] frame)
        {
            Buffer.BlockCopy(frame, 0, _bytes, 0, frame.Length * 2);
            _file.Seek(0, SeekOrigin.End);
            _file.Write(_bytes, 0, frame.Length * 2);
            _samples += frame.Length;
            _file.Seek(0, SeekOrigin.Begin);
            _file.Write(Wav.Header(_samples));
            _file.Flush();
        }

        public void Dispose() => _file.Dispose();
    }
}
