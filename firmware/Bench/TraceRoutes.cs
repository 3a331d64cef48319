using System.Text;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// The SIP trace as the bench and the web interface download it (GET /api/trace): the text of the entries the SIP
    /// stack's <see cref="SipTrace"/> keeps. Here, not in the stack: what the user reads is the application's (365 B of
    /// DeskPhone.Sip's byte code, h-margin4); the stack keeps the ring and writes each entry's head line
    /// (<see cref="SipTrace.Head"/>, also the simulator's live trace).
    /// </summary>
    public sealed partial class BenchRouter
    {
        /// <summary>The entries, oldest first, each a head line and the message as text.</summary>
        public static string TraceText(SipTrace trace)
        {
            var sb = new StringBuilder();
            lock (trace)
            {
                int first = trace.Recorded - trace.Count + 1;
                int start = (trace.Write - trace.Used + trace.RingBytes) % trace.RingBytes;
                for (int i = 0; i < trace.Count; i++)
                {
                    start = TraceEntry(sb, trace, first + i, (trace.Next - trace.Count + i + trace.Slots) % trace.Slots, start);
                }
            }
            return sb.ToString();
        }

        /// <summary>
        /// One entry as text (under the trace's lock), its bytes starting at <paramref name="start"/> in the ring; gives
        /// where the next entry's start. A method of its own: the loop's frame holds none of its locals (12 B each on the
        /// device).
        /// </summary>
        private static int TraceEntry(StringBuilder sb, SipTrace trace, int number, int slot, int start)
        {
            int[] meta = trace.Meta;
            int at = slot * SipTrace.MetaInts;
            int kept = meta[at + SipTrace.Kept];
            int length = meta[at + SipTrace.Length];
            int portOut = meta[at + SipTrace.PortOut];
            SipTrace.Head(sb, number, (long)meta[at + SipTrace.AtHigh] << 32 | (uint)meta[at + SipTrace.AtLow], (portOut & SipTrace.OutBit) != 0,
                trace.Names[slot * 2], trace.Names[slot * 2 + 1], portOut & 0xFFFF, length);
            if (kept < length)
            {
                sb.Append(", first ").Append(kept.ToString()).Append(" kept");
            }
            sb.Append("\r\n");
            // An entry may run past the ring's end and go on at its start: its bytes in one piece for the text (length,
            // written, now counts the part before the ring's end: a local less).
            var bytes = new byte[kept];
            length = trace.RingBytes - start;
            length = kept < length ? kept : length;
            System.Array.Copy(trace.Ring, start, bytes, 0, length);
            System.Array.Copy(trace.Ring, 0, bytes, length, kept - length);
            sb.Append(Encoding.UTF8.GetChars(bytes, 0, kept));
            sb.Append("\r\n");
            return (start + kept) % trace.RingBytes;
        }
    }
}
