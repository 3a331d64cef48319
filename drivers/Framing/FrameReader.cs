using System;

namespace DeskPhone.Drivers.Framing
{
    /// <summary>
    /// Reassembles frames from a byte stream in a fixed buffer. After a bad check or length it drops one byte
    /// and hunts for the next sync pair, so a good frame right behind a damaged one is still found. A frame
    /// that stops arriving for longer than the gap timeout is reported as truncated and discarded.
    /// </summary>
    public sealed class FrameReader
    {
        private readonly FrameFormat _format;
        private readonly int _gapTimeoutMs;
        // Made by the first byte fed: a port with nothing on it (no module, no bridge) keeps no buffer.
        private byte[] _buf;
        private int _count;
        private int _garbage;
        private long _lastByteMs;

        public event FrameHandler Frame;

        public event FrameErrorHandler Error;

        public FrameReader(FrameFormat format, int gapTimeoutMs)
        {
            _format = format;
            _gapTimeoutMs = gapTimeoutMs;
        }

        /// <summary>Bytes held for an incomplete frame.</summary>
        public int Pending
        {
            get { return _count; }
        }

        public void Feed(byte[] data, int offset, int count, long nowMs)
        {
            Tick(nowMs);
            if (_buf == null && count > 0)
            {
                _buf = new byte[(_format.MaxPayload + FrameFormat.Overhead) * 2];
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

        /// <summary>Detects a frame that stopped arriving.</summary>
        public void Tick(long nowMs)
        {
            if (_count > 0 && nowMs - _lastByteMs > _gapTimeoutMs)
            {
                int lost = _count;
                _count = 0;
                RaiseError(FrameError.Truncated, lost);
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
                if (length > _format.MaxPayload)
                {
                    ReportGarbage();
                    RaiseError(FrameError.TooLong, length);
                    Drop(1);
                    continue;
                }
                int total = length + FrameFormat.Overhead;
                if (_count < total)
                {
                    return;
                }
                int type = _buf[2];
                if (_format.Check(_buf, 2, length + 2) != _buf[total - 1])
                {
                    ReportGarbage();
                    RaiseError(FrameError.BadCheck, type);
                    Drop(1);
                    continue;
                }
                ReportGarbage();
                FrameHandler handler = Frame;
                if (handler != null)
                {
                    handler(type, _buf, 4, length);
                }
                Drop(total);
            }
        }

        // A lone sync0 at the end may be the start of a frame, so it counts as a possible sync.
        private bool SyncAt(int i)
        {
            if (_buf[i] != _format.Sync0)
            {
                return false;
            }
            return i + 1 >= _count || _buf[i + 1] == _format.Sync1;
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
                RaiseError(FrameError.Garbage, n);
            }
        }

        private void RaiseError(FrameError error, int detail)
        {
            FrameErrorHandler handler = Error;
            if (handler != null)
            {
                handler(error, detail);
            }
        }
    }
}
