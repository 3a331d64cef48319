using System;
using DeskPhone.Drivers.Framing;

namespace DeskPhone.Host.Simulated
{
    /// <summary>
    /// The drivers' frame reader with its frames and errors handed to delegates: the simulated bridge and chain read
    /// what the phone writes with it (on the phone, the drivers derive from the reader instead).
    /// </summary>
    public sealed class FrameEvents : FrameReader
    {
        private readonly Action<int, byte[], int, int> _frame;
        private readonly Action<FrameError, int> _error;

        public FrameEvents(int format, int gapTimeoutMs, Action<int, byte[], int, int> frame, Action<FrameError, int> error)
            : base(null, format, gapTimeoutMs)
        {
            _frame = frame;
            _error = error;
        }

        protected override void OnFrame(int type, byte[] buffer, int offset, int count) => _frame(type, buffer, offset, count);

        protected override void OnFrameError(FrameError error, int detail) => _error(error, detail);
    }
}
