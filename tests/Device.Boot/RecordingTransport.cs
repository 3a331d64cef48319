using System;
using System.Collections;
using System.Text;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Boot
{
    /// <summary>
    /// The SIP wire of the boot test: what the phone sends is recorded (its bytes, until the script takes them), and what
    /// the scripted registrar sends arrives through the inbox exactly as the board's UDP transport delivers it
    /// (<see cref="SipInbox.Rent"/>, fill, <see cref="SipInbox.Post"/>).
    /// </summary>
    internal sealed class RecordingTransport : ISipTransport
    {
        private readonly SipInbox _inbox;
        // Made anew by Clear: an ArrayList keeps the capacity it grew to (a step's burst of SUBSCRIBEs) for good.
        private ArrayList _sent = new ArrayList();
        private int _held;

        public RecordingTransport(SipInbox inbox)
        {
            _inbox = inbox;
        }

        public string Name => "UDP";
        public int LocalPort => 5060;

        /// <summary>Where every sent message is also recorded, as the board's UDP transport does; null: none.</summary>
        public SipTrace Trace { get; set; }

        /// <summary>Messages sent since start.</summary>
        public int SentCount;

        public bool Send(byte[] data, int length, string host, int port, object connection)
        {
            SentCount++;
            SipTrace trace = Trace;
            if (trace != null)
            {
                trace.Record(true, data, 0, length, Name, host, port);
            }
            // A retransmission of a message still waiting adds nothing the script does not have (it answers a branch
            // once): one copy is kept.
            for (int i = 0; i < _sent.Count; i++)
            {
                if (Same((byte[])_sent[i], data, length))
                {
                    return true;
                }
            }
            // The bytes, made text only when the script reads them: a string made here (UTF-8 decoded through a char
            // array of 2 B a character) would take three times the message's size in the middle of the phone's send.
            var copy = new byte[length];
            Array.Copy(data, copy, length);
            _sent.Add(copy);
            _held += ArrayBytes(length);
            return true;
        }

        private static bool Same(byte[] kept, byte[] data, int length)
        {
            if (kept.Length != length)
            {
                return false;
            }
            for (int i = 0; i < length; i++)
            {
                if (kept[i] != data[i])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// Heap the recorded and queued messages take (the script's, not the phone's): a byte array in this interpreter is
        /// 20 B and its bytes, in 12-byte blocks (docs/benchmarks.md, "Where the heap goes before Main").
        /// </summary>
        public int HeldBytes => _held;

        private static int ArrayBytes(int bytes) => (20 + bytes + 11) / 12 * 12;

        /// <summary>Messages sent and not yet taken.</summary>
        public int Pending => _sent.Count;

        /// <summary>A message sent and not yet taken, as text (made anew each time).</summary>
        public string Peek(int index)
        {
            byte[] m = (byte[])_sent[index];
            return Encoding.UTF8.GetString(m, 0, m.Length);
        }

        public void RemoveAt(int index)
        {
            _held -= ArrayBytes(((byte[])_sent[index]).Length);
            _sent.RemoveAt(index);
        }

        /// <summary>Forgets what was sent (the script's step is over).</summary>
        public void Clear()
        {
            _sent = new ArrayList();
            _held = 0;
        }

        private readonly ArrayList _arriving = new ArrayList();
        private string _arrivingFrom;

        /// <summary>
        /// A message from host:5060 waits "in the socket" until the loop's <see cref="Receive"/> puts it in the inbox, as
        /// the board's UDP transport does from the loop: the inbox's packet is made there, with the loop's shallow stack
        /// under it, not under the script's frames and strings (about 1.5 KB at that moment on the board's heap).
        /// </summary>
        public void Queue(byte[] bytes, string host)
        {
            _arriving.Add(bytes);
            _arrivingFrom = host;
            _held += ArrayBytes(bytes.Length);
        }

        /// <summary>Messages queued and not yet in the inbox.</summary>
        public int Queued => _arriving.Count;

        /// <summary>
        /// The loop's receive (UdpTransport.ReceiveFor): puts the queued messages in the inbox, oldest first, as far as it
        /// has packets; returns how many still wait.
        /// </summary>
        public int Receive()
        {
            while (_arriving.Count > 0)
            {
                byte[] bytes = (byte[])_arriving[0];
                if (!Arrive(bytes, _arrivingFrom))
                {
                    break;
                }
                _arriving.RemoveAt(0);
                _held -= ArrayBytes(bytes.Length);
            }
            return _arriving.Count;
        }

        /// <summary>Puts a message from host:5060 in the inbox; false when every slot is taken (run the loop first).</summary>
        public bool Arrive(string text, string host)
        {
            return Arrive(Encoding.UTF8.GetBytes(text), host);
        }

        /// <summary>The same for bytes already encoded (the cost program's requests, made once before they are counted).</summary>
        public bool Arrive(byte[] bytes, string host)
        {
            // Sized as the board's socket tells it (UdpTransport): a packet of the message's size.
            SipPacket p = _inbox.Rent(bytes.Length);
            if (p == null)
            {
                return false;
            }
            if (bytes.Length > p.Data.Length)
            {
                throw new InvalidOperationException("scripted message of " + bytes.Length.ToString() + " bytes does not fit the inbox");
            }
            Array.Copy(bytes, p.Data, bytes.Length);
            p.Length = bytes.Length;
            p.RemoteHost = host;
            p.RemotePort = 5060;
            p.Transport = this;
            _inbox.Post(p);
            return true;
        }
    }
}
