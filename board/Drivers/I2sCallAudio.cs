using System;
using System.Device.I2s;
using DeskPhone.Drivers.Boards;
using DeskPhone.Media.Audio;

namespace DeskPhone.Board.Drivers
{
    /// <summary>
    /// The board's call audio over <c>System.Device.I2s</c> (docs/board-profile.md, "Call audio"): the profile's
    /// amplifier (MAX98357A: 16-bit mono, left slot) plays every call, page and tone, the microphone (INMP441: 24 bits
    /// in a 32-bit left slot, of which the native keeps the top 16) is every call's source; both at 8 kHz, the
    /// calls' rate, so no resampling. One amplifier and one microphone for every call (the media layer plays at most
    /// one stream to it at a time). The frames are converted in two 320-byte buffers made here: nothing per frame.
    /// The I2S natives block until DMA has room or data; at the loop's 20 ms pace the DMA buffers (the settings'
    /// <see cref="BufferBytes"/>) keep them from waiting.
    /// </summary>
    public sealed class I2sCallAudio : ICallAudio, IAudioSource, IAudioSink
    {
        /// <summary>
        /// DMA per direction: the native cuts it into buffers of 256 samples (32 ms), four of the amplifier's 16-bit
        /// samples, two of the microphone's 32-bit slots (ESP-IDF needs at least two).
        /// </summary>
        public const int BufferBytes = 2048;

        private readonly I2sDevice _amp;
        private readonly I2sDevice _mic;
        private readonly byte[] _out = new byte[AudioFrame.Samples * 2];
        private readonly byte[] _in = new byte[AudioFrame.Samples * 2];

        /// <summary>Opens the profile's amplifier and microphone; a part the profile lacks stays silent.</summary>
        public I2sCallAudio(BoardProfile board)
        {
            if (board.AmpData >= 0)
            {
                _amp = Open(board.AmpI2sBus, I2sMode.Master | I2sMode.Tx);
            }
            if (board.MicData >= 0)
            {
                _mic = Open(board.MicI2sBus, I2sMode.Master | I2sMode.Rx);
            }
        }

        private static I2sDevice Open(int bus, I2sMode mode)
        {
            var settings = new I2sConnectionSettings(bus)
            {
                Mode = mode,
                SampleRate = AudioFrame.SampleRate,
                BitsPerSample = I2sBitsPerSample.Bit16,
                ChannelFormat = I2sChannelFormat.OnlyLeft,
                CommunicationFormat = I2sCommunicationFormat.I2S,
                BufferSize = BufferBytes,
            };
            return new I2sDevice(settings);
        }

        public IAudioSource Source(int callId) => this;

        public IAudioSink Sink(int callId) => this;

        public void End(int callId)
        {
        }

        public bool Read(short[] frame)
        {
            if (_mic == null)
            {
                Array.Clear(frame, 0, frame.Length);
                return true;
            }
            _mic.Read(new SpanByte(_in));
            for (int i = 0, b = 0; i < frame.Length; i++, b += 2)
            {
                frame[i] = (short)(_in[b] | (_in[b + 1] << 8));
            }
            return true;
        }

        public void Write(short[] frame)
        {
            if (_amp == null)
            {
                return;
            }
            for (int i = 0, b = 0; i < frame.Length; i++, b += 2)
            {
                _out[b] = (byte)frame[i];
                _out[b + 1] = (byte)(frame[i] >> 8);
            }
            _amp.Write(new SpanByte(_out));
        }
    }
}
