using System.Text;

namespace DeskPhone.Domain.Presence
{
    /// <summary>
    /// The body of an as-feature-event NOTIFY: one DoNotDisturbEvent or ForwardingEvent document, or (what BroadWorks
    /// sends after each SUBSCRIBE, the full state) a multipart/mixed body with one such document per part. Every part
    /// is parsed before any is used, so a bad part leaves the phone's state as it was.
    /// Its plain state (Count, Error) is public fields, not properties: no accessor method in the runtime tables, image
    /// and calls on the device (issue #17).
    /// </summary>
    public sealed class FeatureEventSet
    {
        /// <summary>DND and the three forwards, plus room for parts a server adds that the phone skips.</summary>
        public const int MaxParts = 8;

        private readonly FeatureEvent[] _events = new FeatureEvent[MaxParts];

        public int Count;
        public string Error;

        public FeatureEvent Get(int i) => _events[i];

        /// <summary>
        /// Parses a body of <paramref name="mediaType"/> (lower case, without parameters); <paramref name="boundary"/>
        /// is the multipart boundary parameter, null otherwise.
        /// </summary>
        public bool Parse(string mediaType, string boundary, byte[] body, int offset, int length)
        {
            Count = 0;
            Error = null;
            if (mediaType == FeatureEvent.ContentType || mediaType == null)
            {
                return Add(body, offset, length);
            }
            if (mediaType != "multipart/mixed")
            {
                return Fail("unsupported body " + mediaType);
            }
            if (boundary == null || boundary.Length == 0)
            {
                return Fail("multipart body without a boundary");
            }
            byte[] delimiter = Encoding.UTF8.GetBytes("--" + boundary);
            int end = offset + length;
            int at = IndexOf(body, delimiter, offset, end);
            if (at < 0)
            {
                return Fail("multipart body without its boundary");
            }
            while (true)
            {
                int after = at + delimiter.Length;
                if (after + 1 < end && body[after] == '-' && body[after + 1] == '-')
                {
                    return Count > 0 || Fail("multipart body without parts");
                }
                int partStart = SkipLineEnd(body, after, end);
                int next = IndexOf(body, delimiter, partStart, end);
                if (next < 0)
                {
                    return Fail("multipart body not closed");
                }
                // The CRLF before a delimiter belongs to the delimiter (RFC 2046 5.1.1).
                int partEnd = next;
                if (partEnd - 2 >= partStart && body[partEnd - 2] == '\r' && body[partEnd - 1] == '\n')
                {
                    partEnd -= 2;
                }
                if (!AddPart(body, partStart, partEnd))
                {
                    return false;
                }
                at = next;
            }
        }

        private bool AddPart(byte[] body, int start, int end)
        {
            string type = null;
            int line = start;
            while (true)
            {
                int eol = line;
                while (eol < end && body[eol] != '\n')
                {
                    eol++;
                }
                if (eol >= end)
                {
                    return Fail("multipart part without a blank line after its headers");
                }
                int textEnd = eol > line && body[eol - 1] == '\r' ? eol - 1 : eol;
                if (textEnd == line)
                {
                    line = eol + 1;
                    break;
                }
                string header = Encoding.UTF8.GetString(body, line, textEnd - line);
                int colon = header.IndexOf(':');
                if (colon > 0 && header.Substring(0, colon).Trim().ToLower() == "content-type")
                {
                    type = header.Substring(colon + 1);
                    int semi = type.IndexOf(';');
                    type = (semi < 0 ? type : type.Substring(0, semi)).Trim().ToLower();
                }
                line = eol + 1;
            }
            if (type != null && type != FeatureEvent.ContentType)
            {
                // Another kind of part (a server's own extension): not ours to judge.
                return true;
            }
            return Add(body, line, end - line);
        }

        private bool Add(byte[] body, int offset, int length)
        {
            if (Count >= MaxParts)
            {
                return Fail("more than " + MaxParts.ToString() + " feature events");
            }
            if (_events[Count] == null)
            {
                _events[Count] = new FeatureEvent();
            }
            if (!_events[Count].Parse(body, offset, length))
            {
                return Fail(_events[Count].Error);
            }
            Count++;
            return true;
        }

        private static int SkipLineEnd(byte[] body, int at, int end)
        {
            while (at < end && (body[at] == ' ' || body[at] == '\t'))
            {
                at++;
            }
            if (at < end && body[at] == '\r')
            {
                at++;
            }
            if (at < end && body[at] == '\n')
            {
                at++;
            }
            return at;
        }

        private static int IndexOf(byte[] data, byte[] pattern, int from, int end)
        {
            for (int i = from; i + pattern.Length <= end; i++)
            {
                int j = 0;
                while (j < pattern.Length && data[i + j] == pattern[j])
                {
                    j++;
                }
                if (j == pattern.Length)
                {
                    return i;
                }
            }
            return -1;
        }

        private bool Fail(string reason)
        {
            Error = reason;
            Count = 0;
            return false;
        }
    }
}
