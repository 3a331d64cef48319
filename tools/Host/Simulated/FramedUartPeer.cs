using System.Collections.Generic;
using DeskPhone.Drivers.Framing;
using DeskPhone.Drivers.Hal;

namespace DeskPhone.Host.Simulated
{
    /// <summary>
    /// The far end of one of the phone's framed UART links, in memory (the USB-host bridge, the expansion chain):
    /// what the phone writes is decoded at once and handed to <see cref="OnFrame"/>; what the peer answers waits to
    /// be read, as a UART's receive buffer would.
    /// </summary>
    public abstract class FramedUartPeer : IUart
    {
        private readonly int _format;
        private readonly FrameEvents _reader;
        private readonly Queue<byte> _out = new Queue<byte>();
        private readonly byte[] _frame;

        protected FramedUartPeer(int format, int maxPayload)
        {
            _format = format;
            _frame = new byte[maxPayload + FrameFormat.Overhead];
            _reader = new FrameEvents(format, int.MaxValue, OnFrame, (error, detail) => Rejected.Add(FrameErrorNames.Name(error) + ":" + detail));
        }

        /// <summary>Damaged or unexpected frames from the phone.</summary>
        public List<string> Rejected { get; } = new List<string>();

        /// <summary>Raw bytes towards the phone (corrupt or unexpected frames).</summary>
        public void Inject(params byte[] bytes)
        {
            foreach (byte b in bytes) _out.Enqueue(b);
        }

        /// <summary>A well-formed frame towards the phone.</summary>
        public void Reply(int type, params byte[] payload)
        {
            int n = FrameFormat.Encode(_format, type, payload, 0, payload.Length, _frame);
            for (int i = 0; i < n; i++) _out.Enqueue(_frame[i]);
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = 0;
            while (n < count && _out.Count > 0) buffer[offset + n++] = _out.Dequeue();
            return n;
        }

        public void Write(byte[] data, int offset, int count) => _reader.Feed(data, offset, count, 0);

        /// <summary>A frame the phone sent, its payload at <paramref name="offset"/>.</summary>
        protected abstract void OnFrame(int type, byte[] payload, int offset, int count);
    }
}
