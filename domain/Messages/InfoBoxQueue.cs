using DeskPhone.Domain.Signals;
using DeskPhone.Xml;
using DeskPhone.Sip.Text;

namespace DeskPhone.Domain.Messages
{
    /// <summary>
    /// The Infobox queue, fed by out-of-dialog NOTIFYs with Content-Type application/snomxml:
    /// <code>&lt;InfoBoxQueue&gt;&lt;InfoBox time="false" id="x"&gt;&lt;Line pos="1"&gt;&lt;Text&gt;..&lt;/Text&gt;&lt;Icon&gt;warning&lt;/Icon&gt;&lt;/Line&gt;..&lt;/InfoBox&gt;..&lt;/InfoBoxQueue&gt;</code>
    /// Semantics (docs/idle-messages.md): boxes are appended in document order; a box whose id matches a queued box
    /// replaces it in place; a later Line with the same pos replaces the earlier one; positions outside 1..4 are
    /// ignored; the box on screen stays <see cref="SecondsPerLine"/> per line, then the next one shows; the last box
    /// stays until something replaces or clears it; an empty &lt;InfoBoxQueue/&gt; clears the queue. At most
    /// <see cref="MaxBoxes"/> boxes wait; when full the oldest waiting box gives way. Malformed XML is answered 400 and
    /// leaves the queue as it was; untrusted senders get 403.
    /// Its plain state (LastError) is public fields, not properties: no accessor method in the runtime tables, image
    /// and calls on the device (issue #17).
    /// </summary>
    public sealed partial class InfoBoxQueue
    {
        public const string ContentType = "application/snomxml";
        public const int MaxBoxes = 8;
        public const int MaxBodyBytes = 8192;

        // The queued boxes, all in one object (the first is the one on screen): made by the first box and let go when the
        // queue is cleared, so a phone without Infoboxes holds none.
        private InfoBox _boxes;
        private int _count;
        private long _shownAtMs;

        public InfoBoxQueue()
        {
            SecondsPerLine = 10;
        }

        public SignalHandler Changed;

        /// <summary>Setting infobox_line_seconds.</summary>
        public int SecondsPerLine;

        /// <summary>Why the last NOTIFY was refused, or null.</summary>
        public string LastError;

        /// <summary>The box on screen, or null.</summary>
        public InfoBox Current => _count > 0 ? _boxes : null;

        public int Count => _count;

        /// <summary>
        /// Takes a NOTIFY body and returns the SIP status to answer: 200, 400 (malformed), 403 (untrusted sender),
        /// 413 (too large).
        /// </summary>
        public int OnNotify(string sourceHost, bool fromRegistrar, string trustedHosts, byte[] body, int offset, int length, long nowMs)
        {
            if (!IsTrusted(sourceHost, fromRegistrar, trustedHosts))
            {
                LastError = "sender " + sourceHost + " is neither a registrar nor in mb_trusted_hosts";
                return 403;
            }
            if (length > MaxBodyBytes)
            {
                LastError = "body larger than " + MaxBodyBytes.ToString() + " bytes";
                return 413;
            }
            var parsed = new string[MaxBoxes];
            var parsedBits = new int[MaxBoxes];
            int parsedCount;
            string error = Parse(body, offset, length, parsed, parsedBits, out parsedCount);
            if (error != null)
            {
                LastError = error;
                return 400;
            }
            LastError = null;
            if (parsedCount == 0)
            {
                ClearAll();
                return 200;
            }
            for (int i = 0; i < parsedCount; i++)
            {
                Add(parsed[i], parsedBits[i], nowMs);
            }
            Raise();
            return 200;
        }

        /// <summary>Moves on to the next box once the current one has had its time.</summary>
        public void Tick(long nowMs)
        {
            if (_count < 2)
            {
                return;
            }
            int lines = _boxes.LineCount;
            long stay = (lines > 0 ? lines : 1) * (long)SecondsPerLine * 1000;
            if (nowMs - _shownAtMs >= stay)
            {
                RemoveAt(0);
                _shownAtMs = nowMs;
                Raise();
            }
        }

        public void ClearAll()
        {
            if (_count == 0)
            {
                return;
            }
            _boxes = null;
            _count = 0;
            Raise();
        }

        private void Add(string box, int bits, long nowMs)
        {
            string id = InfoBox.IdOf(box, bits);
            if (id != null)
            {
                for (int i = 0; i < _count; i++)
                {
                    if (_boxes.IdOf(i) == id)
                    {
                        _boxes.Put(i, _count, box, bits);
                        if (i == 0)
                        {
                            _shownAtMs = nowMs;
                        }
                        return;
                    }
                }
            }
            if (_count == MaxBoxes)
            {
                RemoveAt(1);
            }
            if (_boxes == null)
            {
                _boxes = new InfoBox();
            }
            _boxes.Put(_count, _count, box, bits);
            _count++;
            if (_count == 1)
            {
                _shownAtMs = nowMs;
            }
        }

        private void RemoveAt(int index)
        {
            _boxes.RemoveAt(index, _count--);
        }

        private void Raise()
        {
            SignalHandler handler = Changed;
            if (handler != null)
            {
                handler();
            }
        }

        /// <summary>Reads the boxes into <paramref name="boxes"/> and their <paramref name="bits"/> (InfoBox.Begin); an error or null.</summary>
        private static string Parse(byte[] body, int offset, int length, string[] boxes, int[] bits, out int count)
        {
            count = 0;
            var reader = new XmlPullReader(body, offset, length, 8, 8, InfoBox.MaxLineChars * 4, 512);
            int kind = reader.Read();
            if (kind == XmlNodeKind.Error)
            {
                return reader.Error;
            }
            if (kind != XmlNodeKind.StartElement || !reader.NameIs("InfoBoxQueue"))
            {
                return "the document is not an InfoBoxQueue";
            }
            if (reader.IsEmptyElement)
            {
                return reader.Read() == XmlNodeKind.EndOfDocument ? null : reader.Error;
            }
            // The box being read (its index), -1 outside one.
            int box = -1;
            int linePos = 0;
            string lineText = null;
            string lineIcon = null;
            string field = null;
            // One return, after the switch: a switch of returns made the MetadataProcessor count a deeper stack than the
            // compiler's, 36 B more frame on every call (tools/PeTables/test.sh, docs/benchmarks.md h-frames).
            string error = null;
            while (true)
            {
                kind = reader.Read();
                switch (kind)
                {
                    case XmlNodeKind.Error:
                        error = reader.Error;
                        break;
                    case XmlNodeKind.EndOfDocument:
                        break;
                    case XmlNodeKind.StartElement:
                        if (reader.NameIs("InfoBox") && box < 0)
                        {
                            string time = reader.GetAttribute("time");
                            if (time != null && time != "true" && time != "false")
                            {
                                error = "InfoBox time must be true or false";
                                break;
                            }
                            if (count == MaxBoxes)
                            {
                                error = "more than " + MaxBoxes.ToString() + " InfoBox elements";
                                break;
                            }
                            box = count++;
                            boxes[box] = InfoBox.Begin(reader.GetAttribute("id"), time != "false", out bits[box]);
                            if (reader.IsEmptyElement)
                            {
                                box = -1;
                            }
                        }
                        else if (reader.NameIs("Line") && box >= 0 && linePos == 0)
                        {
                            linePos = ParsePos(reader.GetAttribute("pos"));
                            if (linePos == 0)
                            {
                                error = "Line needs a pos attribute with a number";
                                break;
                            }
                            lineText = null;
                            lineIcon = null;
                            if (reader.IsEmptyElement)
                            {
                                linePos = 0;
                            }
                        }
                        else if ((reader.NameIs("Text") || reader.NameIs("Icon")) && linePos != 0)
                        {
                            field = reader.IsEmptyElement ? null : reader.NameIs("Text") ? "Text" : "Icon";
                        }
                        else if (reader.NameIs("InfoBox") || reader.NameIs("Line"))
                        {
                            error = reader.Name + " in the wrong place";
                            break;
                        }
                        break;
                    case XmlNodeKind.Text:
                        if (field == "Text")
                        {
                            lineText = lineText == null ? reader.Value : lineText + reader.Value;
                        }
                        else if (field == "Icon")
                        {
                            lineIcon = reader.Value;
                        }
                        break;
                    case XmlNodeKind.EndElement:
                        if (reader.NameIs("Text") || reader.NameIs("Icon"))
                        {
                            field = null;
                        }
                        else if (reader.NameIs("Line") && linePos != 0)
                        {
                            if (linePos <= InfoBox.MaxLines)
                            {
                                boxes[box] = InfoBox.SetLine(boxes[box], ref bits[box], linePos - 1, Flatten(lineText), InfoBox.FindIcon(lineIcon));
                            }
                            linePos = 0;
                        }
                        else if (reader.NameIs("InfoBox"))
                        {
                            box = -1;
                        }
                        break;
                }
                if (error != null || kind == XmlNodeKind.Error || kind == XmlNodeKind.EndOfDocument)
                {
                    return error;
                }
            }
        }

        /// <summary>A line is one line: breaks inside its text become spaces (wrapping is the renderer's job).</summary>
        private static string Flatten(string text)
        {
            if (text == null)
            {
                return "";
            }
            char[] chars = text.Trim().ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] < ' ')
                {
                    chars[i] = ' ';
                }
            }
            return new string(chars);
        }

        private static int ParsePos(string text)
        {
            long n = DecimalDigits.Parse(text, 3);
            return n < 0 ? 0 : (int)n;
        }
    }
}
