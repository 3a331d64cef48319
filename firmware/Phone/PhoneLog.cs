using System.Text;
using DeskPhone.Sip.Text;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// The phone's log (docs/bench.md): the last lines (as many as it was made with) of the phone events worth reading later (registration,
    /// link, calls, presence, settings, USB and modules, the status line, messages), each stamped with the loop's
    /// clock. LED, screen and key events are left out: they come many times a second and say nothing new.
    /// </summary>
    public sealed class PhoneLog
    {
        // The lines oldest first, each its clock (ms, 5 bytes, low first: 34 years) and its text's UTF-8 bytes ended by
        // End (0xFF, which no UTF-8 text holds, so a line may hold a '\n'), in one array with an eighth of room: a string
        // and an array slot per line, its clock written out, were about 50 B a line on the device (804 B for the board's
        // 16 lines at rest, docs/benchmarks.md, h-office3).
        private const byte End = 0xFF;
        private const int ClockBytes = 5;

        private readonly PhoneCore _phone;
        private byte[] _bytes;
        private int _length;
        // Lines that may still be added before the oldest goes (one field for the lines kept and the lines held).
        private int _room;

        public PhoneLog(PhoneCore phone, int lines)
        {
            _phone = phone;
            _room = lines;
            phone.Log = this;
        }

        /// <summary>
        /// The board's lines: a page of the bench's log (GET /api/log, phonectl log) that shows the last turn of events; 16
        /// held about 350 B of the board's heap at rest, most of them the office profile's last MESSAGEs (docs/benchmarks.md,
        /// h-firmrest). The simulator keeps 256.
        /// </summary>
        public const int BoardLines = 8;

        /// <summary>Adds one line (the bench's own notes, e.g. refused passwords, go here too).</summary>
        public void Add(string text)
        {
            byte[] line = Utf8.Codec.GetBytes(text);
            long now = _phone.Now;
            // The bench's thread reads while the loop adds: the log itself is the lock (a lock object was 24 B more).
            int needed;
            lock (this)
            {
                if (_room == 0)
                {
                    // The oldest line dropped here, its end found in this frame (in needed's local), not in a DropOldest >
                    // TextEnd of their own: two frames less under this one, the deepest point of a call's end whose
                    // presence event the log takes (12,188 B free shifted to the 80,896-byte board, office at 80,696 B:
                    // tools/HeapCensus/sweep.sh, h-margin4).
                    for (needed = ClockBytes; _bytes[needed] != End; needed++)
                    {
                    }
                    _length -= needed + 1;
                    System.Array.Copy(_bytes, needed + 1, _bytes, 0, _length);
                }
                else
                {
                    _room--;
                }
                needed = _length + ClockBytes + line.Length + 1;
                if (_bytes == null || needed > _bytes.Length || needed < _bytes.Length / 2)
                {
                    // Grown to the lines held and an eighth more, cut again once they take under half of it (one long
                    // line does not keep its room).
                    var bytes = new byte[needed + needed / 8];
                    if (_length > 0)
                    {
                        System.Array.Copy(_bytes, bytes, _length);
                    }
                    _bytes = bytes;
                }
                for (int i = 0; i < ClockBytes; i++)
                {
                    _bytes[_length++] = (byte)(now >> (8 * i));
                }
                System.Array.Copy(line, 0, _bytes, _length, line.Length);
                _length += line.Length;
                _bytes[_length++] = End;
            }
        }

        /// <summary>The lines, oldest first, one per line.</summary>
        public string Text()
        {
            var sb = new StringBuilder();
            lock (this)
            {
                for (int start = 0; start < _length; start = TextEnd(start) + 1)
                {
                    long ms = 0;
                    for (int i = ClockBytes - 1; i >= 0; i--)
                    {
                        ms = (ms << 8) | _bytes[start + i];
                    }
                    int text = start + ClockBytes;
                    sb.Append(Seconds.Of(ms)).Append(" s ").Append(Utf8.Codec.GetString(_bytes, text, TextEnd(start) - text)).Append('\n');
                }
            }
            return sb.ToString();
        }

        /// <summary>Where the line starting at <paramref name="start"/> ends (its End byte; the clock may hold 0xFF bytes).</summary>
        private int TextEnd(int start)
        {
            int end = start + ClockBytes;
            while (_bytes[end] != End)
            {
                end++;
            }
            return end;
        }

        internal void OnEvent(string kind, string detail)
        {
            if (kind == PhoneEventKind.Leds || kind == PhoneEventKind.Screen || kind == PhoneEventKind.Key)
            {
                return;
            }
            Add(detail == null || detail.Length == 0 ? kind : kind + " " + detail);
        }
    }
}
