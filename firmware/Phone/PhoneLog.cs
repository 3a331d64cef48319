using System.Text;
using DeskPhone.Sip.Text;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// The phone's log (docs/bench.md): the last <see cref="Lines"/> phone events worth reading later (registration,
    /// link, calls, presence, settings, USB and modules, the status line, messages), each stamped with the loop's
    /// clock. LED, screen and key events are left out: they come many times a second and say nothing new. A ring of
    /// strings: the event's own text is kept, nothing else is built.
    /// </summary>
    public sealed class PhoneLog
    {
        private readonly object _gate = new object();
        private readonly PhoneCore _phone;
        private readonly string[] _lines;
        private int _next;
        private int _count;

        public PhoneLog(PhoneCore phone, int lines)
        {
            _phone = phone;
            _lines = new string[lines];
            Lines = lines;
            phone.Event += OnEvent;
        }

        public int Lines { get; }

        /// <summary>Adds one line (the bench's own notes, e.g. refused passwords, go here too).</summary>
        public void Add(string text)
        {
            string line = Seconds.Of(_phone.Now) + " s " + text;
            lock (_gate)
            {
                _lines[_next] = line;
                _next = (_next + 1) % Lines;
                _count = _count < Lines ? _count + 1 : Lines;
            }
        }

        /// <summary>The lines, oldest first, one per line.</summary>
        public string Text()
        {
            var sb = new StringBuilder();
            lock (_gate)
            {
                for (int i = 0; i < _count; i++)
                {
                    sb.Append(_lines[(_next - _count + i + Lines) % Lines]).Append('\n');
                }
            }
            return sb.ToString();
        }

        private void OnEvent(string kind, string detail)
        {
            if (kind == PhoneEventKind.Leds || kind == PhoneEventKind.Screen || kind == PhoneEventKind.Key)
            {
                return;
            }
            Add(detail == null || detail.Length == 0 ? kind : kind + " " + detail);
        }
    }
}
