using System;
using DeskPhone.Drivers.Hal;

namespace DeskPhone.Drivers.Framing
{
    /// <summary>
    /// Reassembles frames from a byte stream in a fixed buffer. After a bad check or length it drops one byte
    /// and hunts for the next sync pair, so a good frame right behind a damaged one is still found. A frame
    /// that stops arriving for longer than the gap timeout is reported as truncated and discarded.
    /// <para>
    /// The protocol's driver (HID bridge, expansion chain) derives from this and handles the frames in its overrides:
    /// no reader object, no field for it and no two delegates per link (nanoCLR: 12 B an object and a field, 36 B a
    /// delegate), and <see cref="Pump"/> reads the UART straight into the frame buffer (no read buffer per link).
    /// </para>
    /// <para>
    /// One thread uses a link (the phone's loop, or a caller holding its gate): <see cref="SendBuffer"/> is written and
    /// sent in one call, and between calls <see cref="Pump"/> asks a silent port for its first byte into it.
    /// </para>
    /// </summary>
    public abstract class FrameReader
    {
        private readonly IUart _uart;
        // The link's FrameFormat (bits 0-24) and its gap timeout (ms, the 7 bits from GapShift on; NoGap: none, a gap
        // of that or more, as the simulator's int.MaxValue): one field, not two (12 B a link at every step,
        // docs/benchmarks.md h-restcuts3). FrameFormat reads only the format's bits.
        private readonly int _format;
        private const int GapShift = 25;
        private const int NoGap = 0x7F;
        // Made by the first byte fed: a port with nothing on it (no module, no bridge) keeps no buffer.
        private byte[] _buf;
        private int _count;
        private int _garbage;
        private long _lastByteMs;

        /// <summary>A frame to send: its payload is written at <see cref="FrameFormat.PayloadAt"/>, then <see cref="Send"/>.</summary>
        protected readonly byte[] SendBuffer;

        /// <param name="uart">The link's UART (<see cref="Pump"/>, <see cref="Send"/>); null for a reader that is only fed.</param>
        /// <param name="format">The link's <see cref="FrameFormat"/>.</param>
        protected FrameReader(IUart uart, int format, int gapTimeoutMs)
        {
            _uart = uart;
            if ((format >> GapShift) != 0 || gapTimeoutMs < 0)
            {
                throw new ArgumentException("frame format or gap timeout out of range");
            }
            _format = format | (gapTimeoutMs < NoGap ? gapTimeoutMs : NoGap) << GapShift;
            SendBuffer = new byte[FrameFormat.MaxPayload(format) + FrameFormat.Overhead];
        }

        /// <summary>When the bytes being handled were read (the nowMs of the Feed or Pump that read them).</summary>
        protected long FrameMs => _lastByteMs;

        /// <summary>A complete frame with a good check: its payload is buffer[offset .. offset+count), valid during the call.</summary>
        protected abstract void OnFrame(int type, byte[] buffer, int offset, int count);

        /// <summary>A damaged, too long, truncated frame or bytes between frames.</summary>
        protected abstract void OnFrameError(FrameError error, int detail);

        /// <summary>Bytes held for an incomplete frame.</summary>
        public int Pending
        {
            get { return _count; }
        }

        public void Feed(byte[] data, int offset, int count, long nowMs)
        {
            CheckGap(nowMs);
            if (_buf == null && count > 0)
            {
                MakeBuffer();
            }
            while (count > 0)
            {
                int n = _buf.Length - _count;
                if (n > count)
                {
                    n = count;
                }
                Array.Copy(data, offset, _buf, _count, n);
                _count += n;
                offset += n;
                count -= n;
                _lastByteMs = nowMs;
                Parse();
            }
            ReportGarbage();
        }

        /// <summary>
        /// Reads what the UART has into the frame buffer and handles the complete frames, then detects a frame that
        /// stopped arriving. After parsing, what stays in the buffer is less than one frame, so there is always room.
        /// </summary>
        protected void Pump(long nowMs)
        {
            CheckGap(nowMs);
            IUart uart = _uart;
            if (_buf == null)
            {
                // Nothing has arrived yet: the first byte is asked for into the send buffer (free between sends), so a
                // port with nothing on it keeps no frame buffer.
                if (uart.Read(SendBuffer, 0, 1) == 0)
                {
                    return;
                }
                MakeBuffer();
                _buf[0] = SendBuffer[0];
                _count = 1;
                _lastByteMs = nowMs;
                Parse();
            }
            int n;
            while ((n = uart.Read(_buf, _count, _buf.Length - _count)) > 0)
            {
                _count += n;
                _lastByteMs = nowMs;
                Parse();
            }
            ReportGarbage();
        }

        /// <summary>Sends the frame whose payload (count bytes) was written in <see cref="SendBuffer"/>.</summary>
        protected void Send(int type, int count)
        {
            // The payload was written in place, after the frame's header (one array instead of two).
            int length = FrameFormat.Encode(_format, type, SendBuffer, FrameFormat.PayloadAt, count, SendBuffer);
            _uart.Write(SendBuffer, 0, length);
        }

        private void MakeBuffer()
        {
            _buf = new byte[(FrameFormat.MaxPayload(_format) + FrameFormat.Overhead) * 2];
        }

        /// <summary>Detects a frame that stopped arriving.</summary>
        public void CheckGap(long nowMs)
        {
            int gap = (int)((uint)_format >> GapShift);
            if (_count > 0 && gap != NoGap && nowMs - _lastByteMs > gap)
            {
                int lost = _count;
                _count = 0;
                OnFrameError(FrameError.Truncated, lost);
            }
        }

        private void Parse()
        {
            while (_count > 0)
            {
                int skip = 0;
                while (skip < _count && !SyncAt(skip))
                {
                    skip++;
                }
                if (skip > 0)
                {
                    _garbage += skip;
                    Drop(skip);
                    continue;
                }
                if (_count < 4)
                {
                    return;
                }
                int length = _buf[3];
                if (length > FrameFormat.MaxPayload(_format))
                {
                    ReportGarbage();
                    OnFrameError(FrameError.TooLong, length);
                    Drop(1);
                    continue;
                }
                int total = length + FrameFormat.Overhead;
                if (_count < total)
                {
                    return;
                }
                int type = _buf[2];
                if (FrameFormat.Check(_format, _buf, 2, length + 2) != _buf[total - 1])
                {
                    ReportGarbage();
                    OnFrameError(FrameError.BadCheck, type);
                    Drop(1);
                    continue;
                }
                ReportGarbage();
                OnFrame(type, _buf, FrameFormat.PayloadAt, length);
                Drop(total);
            }
        }

        // A lone sync0 at the end may be the start of a frame, so it counts as a possible sync.
        private bool SyncAt(int i)
        {
            if (_buf[i] != FrameFormat.Sync0(_format))
            {
                return false;
            }
            return i + 1 >= _count || _buf[i + 1] == FrameFormat.Sync1(_format);
        }

        private void Drop(int n)
        {
            _count -= n;
            if (_count > 0)
            {
                Array.Copy(_buf, n, _buf, 0, _count);
            }
        }

        private void ReportGarbage()
        {
            if (_garbage > 0)
            {
                int n = _garbage;
                _garbage = 0;
                OnFrameError(FrameError.Garbage, n);
            }
        }
    }
}
