using System;
using System.Collections;
using System.Text;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Boot
{
    /// <summary>
    /// The SIP wire of the boot test: what the phone sends is recorded (its bytes, until the script takes them; the answer
    /// to a request the script awaits is noted as it is sent instead, <see cref="AwaitedBranch"/>), and what
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
            // The answer the script awaits, of which it reads only the status: noted as it is sent, nothing kept. The
            // board's transport sends from the phone's bytes without a copy; a copy of each 503 of the worst phone's
            // MESSAGE burst was where it ran out of heap (docs/benchmarks.md, h-worstend).
            if (AwaitedBranch != 0 && data[0] == (byte)'S' && IsAwaitedAnswer(data, length))
            {
                return true;
            }
            // Only the head (the start line and headers, through the last blank line) is kept: the script answers and checks
            // the phone's messages on it, and a PUBLISH's PIDF (most of the 732 B the script held after the call's BYE)
            // was live under the idle screen's redraw (h-harness).
            // Looked for from the end: most messages (every answer without a body) end there, and the cost program
            // (tests/Device.Cost) counts this send in every request's instructions.
            int head = length;
            while (head >= 4 && !(data[head - 4] == 13 && data[head - 3] == 10 && data[head - 2] == 13 && data[head - 1] == 10))
            {
                head--;
            }
            head = head < 4 ? length : head;
            // A retransmission of a message still waiting adds nothing the script does not have (it answers a branch
            // once): one copy is kept.
            for (int i = 0; i < _sent.Count; i++)
            {
                if (Same((byte[])_sent[i], data, head))
                {
                    return true;
                }
            }
            // The bytes, made text only when the script reads them: a string made here (UTF-8 decoded through a char
            // array of 2 B a character) would take three times the message's size in the middle of the phone's send.
            var copy = new byte[head];
            Array.Copy(data, copy, head);
            _sent.Add(copy);
            _held += ArrayBytes(head);
            return true;
        }

        /// <summary>
        /// The number of the script's request whose answer is noted as it is sent, not recorded (<see cref="AwaitedStatus"/>):
        /// its Via's branch is "z9hG4bK", letters and this number (the script numbers every request it sends, whatever
        /// its kind); 0: none. Negative: the answer's bytes are kept too (<see cref="Kept"/>).
        /// </summary>
        // Initialised: tests/Device.Cost links this file and never sets them (its build must be free of warnings).
        public int AwaitedBranch = 0;

        /// <summary>
        /// The status of the awaited request's answer, <see cref="Unparsed503"/> for the 503 the phone writes from a request
        /// it has no heap to take in (its To tag "lowmem", UnparsedRefusal); -1 while none was sent.
        /// </summary>
        public int AwaitedStatus = -1;

        /// <summary>
        /// The awaited answer's bytes when <see cref="AwaitedBranch"/> asked for them: the phone's own array, not a copy
        /// (the 200 to an INVITE, which the phone keeps to send again until its ACK: a copy of it, 648 B, was live under
        /// the answered call's first redraw at the board's heap; h-harness). Null until it was sent.
        /// </summary>
        public byte[] Kept = null;

        /// <summary>What <see cref="AwaitedStatus"/> says for a request refused for want of heap (SipInbox.Admit), unparsed.</summary>
        public const int Unparsed503 = 1503;

        /// <summary>Waits for the answer to the request with this number (<see cref="AwaitedBranch"/>; 0: none).</summary>
        public void Await(int branch)
        {
            AwaitedBranch = branch;
            AwaitedStatus = -1;
            Kept = null;
        }

        /// <summary>
        /// Whether the phone's message in data[0, length) is the answer to the awaited request (its Via's branch the
        /// awaited number); then its status is noted. Read in the phone's send without a call, a literal or an array of
        /// its own (each a frame or an object on the heap, under the phone's send or at rest, where the board's send is one
        /// native call; h-harness); the script checks it after the phone's turn.
        /// </summary>
        private bool IsAwaitedAnswer(byte[] data, int length)
        {
            if (length < 12 || data[0] != (byte)'S' || data[3] != (byte)'/')
            {
                return false;
            }
            int at = 0;
            while (at + 7 < length && !(data[at] == 'z' && data[at + 1] == '9' && data[at + 2] == 'h' && data[at + 3] == 'G' &&
                                        data[at + 4] == '4' && data[at + 5] == 'b' && data[at + 6] == 'K'))
            {
                at++;
            }
            for (at += 7; at < length && data[at] >= 'a' && data[at] <= 'z'; at++)
            {
            }
            int branch = 0;
            for (; at < length && data[at] >= '0' && data[at] <= '9'; at++)
            {
                branch = branch * 10 + data[at] - '0';
            }
            if (branch != (AwaitedBranch < 0 ? -AwaitedBranch : AwaitedBranch))
            {
                return false;
            }
            int status = (data[8] - '0') * 100 + (data[9] - '0') * 10 + (data[10] - '0');
            // The 503 written unparsed for want of heap carries the To tag "lowmem" (UnparsedRefusal).
            for (at = 0; status == 503 && at + 6 < length; at++)
            {
                if (data[at] == 'l' && data[at + 1] == 'o' && data[at + 2] == 'w' && data[at + 3] == 'm' && data[at + 4] == 'e' && data[at + 5] == 'm')
                {
                    status = Unparsed503;
                }
            }
            AwaitedStatus = status;
            Kept = AwaitedBranch < 0 && length == data.Length ? data : null;
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

        /// <summary>A message sent and not yet taken, as text (made anew each time): its start line and headers.</summary>
        public string Peek(int index)
        {
            byte[] m = (byte[])_sent[index];
            return Encoding.UTF8.GetString(m, 0, m.Length);
        }

        /// <summary>
        /// Whether the message sent at <paramref name="index"/> starts with <paramref name="prefix"/> (ASCII), read on its
        /// bytes: the script looks for a method or status without making every pending message a string (beside a ringing
        /// call on the board's heap, the 100's string ran out; h-callfit3).
        /// </summary>
        public bool Starts(int index, string prefix)
        {
            byte[] m = (byte[])_sent[index];
            if (m.Length < prefix.Length)
            {
                return false;
            }
            for (int i = 0; i < prefix.Length; i++)
            {
                if (m[i] != (byte)prefix[i])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The three digits after "SIP/2.0 " of the response sent at <paramref name="index"/>, read on its bytes.</summary>
        public int StatusOf(int index)
        {
            byte[] m = (byte[])_sent[index];
            return (m[8] - '0') * 100 + (m[9] - '0') * 10 + (m[10] - '0');
        }

        /// <summary>Whether the message sent at <paramref name="index"/> holds <paramref name="text"/> (ASCII) on its bytes.</summary>
        public bool Holds(int index, string text)
        {
            byte[] m = (byte[])_sent[index];
            return Find(m, m.Length, text) >= 0;
        }

        /// <summary>Whether <paramref name="m"/> holds <paramref name="text"/> (ASCII).</summary>
        public static bool Holds(byte[] m, string text) => Find(m, m.Length, text) >= 0;

        /// <summary>
        /// The value of the header <paramref name="name"/> (its first line, as the phone writes it: "Name: value") of the
        /// message <paramref name="m"/>, read on its bytes; null when it has none.
        /// </summary>
        public static string HeaderValue(byte[] m, string name)
        {
            int at = Find(m, m.Length, "\r\n" + name + ": ");
            if (at < 0)
            {
                return null;
            }
            int start = at + name.Length + 4;
            int end = start;
            while (end < m.Length && m[end] != 13)
            {
                end++;
            }
            return Encoding.UTF8.GetString(m, start, end - start);
        }

        /// <summary>Where <paramref name="text"/> (ASCII) starts in m[0, length), -1 when it is not there.</summary>
        internal static int Find(byte[] m, int length, string text)
        {
            for (int at = 0; at + text.Length <= length; at++)
            {
                int i = 0;
                while (i < text.Length && m[at + i] == (byte)text[i])
                {
                    i++;
                }
                if (i == text.Length)
                {
                    return at;
                }
            }
            return -1;
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

        /// <summary>
        /// As <see cref="Queue(byte[], string)"/> for a long message made piece by piece as it is put in the inbox: on the
        /// board a datagram waits in lwIP's buffers, not in the managed heap, and the script's copy of a 3 KB Infobox
        /// NOTIFY (its string and bytes: 7 KB) does not fit beside the worst profile's phone.
        /// </summary>
        public void Queue(PieceDatagram message, string host)
        {
            _arriving.Add(message);
            _arrivingFrom = host;
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
                byte[] bytes = _arriving[0] as byte[];
                if (bytes == null ? !Arrive((PieceDatagram)_arriving[0], _arrivingFrom) : !Arrive(bytes, _arrivingFrom))
                {
                    break;
                }
                _arriving.RemoveAt(0);
                _held -= bytes == null ? 0 : ArrayBytes(bytes.Length);
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
            int length = bytes.Length;
            if (length > p.Data.Length)
            {
                // A datagram the heap has no room for gets a packet of its head (SipInbox.Admit): the rest is cut, as the socket cuts it.
                if (p.RefuseStatus == 0)
                {
                    throw new InvalidOperationException("scripted message of " + bytes.Length.ToString() + " bytes does not fit the inbox");
                }
                length = p.Data.Length;
            }
            Array.Copy(bytes, p.Data, length);
            Post(p, length, host);
            return true;
        }

        /// <summary>A message made piece by piece straight into its packet (the head only when the inbox refuses it).</summary>
        private bool Arrive(PieceDatagram message, string host)
        {
            SipPacket p = _inbox.Rent(message.Length);
            if (p == null)
            {
                return false;
            }
            int at = message.CopyTo(p.Data);
            Post(p, at, host);
            return true;
        }

        private void Post(SipPacket p, int length, string host)
        {
            p.Length = length;
            p.RemoteHost = host;
            p.RemotePort = 5060;
            p.Transport = this;
            _inbox.Post(p);
        }
    }

    /// <summary>
    /// A message the script sends made piece by piece straight into the inbox's packet (ASCII: a byte a character), never
    /// held whole by the script: on the board a datagram waits in lwIP's buffers, not in the managed heap.
    /// </summary>
    internal abstract class PieceDatagram
    {
        /// <summary>The message's bytes.</summary>
        public int Length;

        /// <summary>Copies as much as <paramref name="data"/> holds; returns the bytes copied.</summary>
        public abstract int CopyTo(byte[] data);

        /// <summary>Copies as much of <paramref name="text"/> as fits from <paramref name="at"/>; returns where it ends.</summary>
        protected static int Copy(string text, byte[] data, int at)
        {
            int n = text.Length < data.Length - at ? text.Length : data.Length - at;
            for (int i = 0; i < n; i++)
            {
                data[at + i] = (byte)text[i];
            }
            return at + n;
        }
    }

    /// <summary>
    /// The PBX's Infobox NOTIFY (a queue document of some boxes, application/snomxml): its head and each piece made as
    /// it is copied into the packet.
    /// </summary>
    internal sealed class InfoBoxDatagram : PieceDatagram
    {
        private readonly string _head;
        private readonly int _boxes;

        public InfoBoxDatagram(string head, int boxes)
        {
            _head = head;
            _boxes = boxes;
            Length = head.Length + BodyBytes(boxes);
        }

        /// <summary>The document's bytes (the NOTIFY's Content-Length).</summary>
        public static int BodyBytes(int boxes)
        {
            int bytes = 0;
            for (int i = 0; i < boxes + 2; i++)
            {
                bytes += Piece(i, boxes).Length;
            }
            return bytes;
        }

        /// <summary>Piece i of the document: its opening, box i, or its end.</summary>
        private static string Piece(int i, int boxes) =>
            i == 0 ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<InfoBoxQueue>\n" :
            i > boxes ? "</InfoBoxQueue>\n" :
            "<InfoBox><Line pos=\"1\"><Text>Infobox " + i.ToString() + "</Text></Line><Line pos=\"2\"><Text>Queue line two</Text></Line></InfoBox>\n";

        public override int CopyTo(byte[] data)
        {
            int at = Copy(_head, data, 0);
            for (int i = 0; i < _boxes + 2 && at < data.Length; i++)
            {
                at = Copy(Piece(i, _boxes), data, at);
            }
            return at;
        }
    }
}
