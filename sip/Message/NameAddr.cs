using DeskPhone.Sip.Text;

namespace DeskPhone.Sip.Message
{
    /// <summary>
    /// The value of From, To, Contact, Route and similar headers: name-addr ("Display" &lt;uri&gt;;params) or addr-spec
    /// (uri;params, where the parameters belong to the header, not the URI), or "*" in a Contact (then without a URI: no
    /// field says so, nothing read it, h-reqcheck).
    /// Its plain state (DisplayName, Uri) is public fields, not properties: no accessor method in the
    /// runtime tables, image and calls on the device (issue #17).
    /// </summary>
    public sealed class NameAddr : ParamHolder
    {
        public string DisplayName;
        public SipUri Uri;

        public string Tag => GetParam("tag");

        /// <summary>Parses a header value; null when it is malformed (unbalanced quotes, spaces inside &lt;&gt;, a display name that is neither tokens nor quoted, bad parameters).</summary>
        public static NameAddr Parse(string value)
        {
            if (value == null)
            {
                return null;
            }
            var result = new NameAddr();
            return Read(value.ToCharArray(), result) ? result : null;
        }

        /// <summary>
        /// The value's characters <paramref name="v"/> read into <paramref name="result"/>; false when malformed. The parse
        /// works on index ranges of them (trimmed as string.Trim would). A null result only judges the value, making nothing
        /// (but a quoted display name's or an escaped user's text, rare): the request's check of a From, To or Contact it
        /// does not keep, the MESSAGE and NOTIFY stream's, whose addresses and URIs were under a third of the stream's low
        /// collections on the 80,896-byte board (h-reqcheck). Called with the value's characters, not through a method
        /// that copies them: a frame less at the check's collections.
        /// </summary>
        public static bool Read(char[] v, NameAddr result)
        {
            int first = Token.TrimStart(v, 0, v.Length);
            int end = Token.TrimEnd(v, first, v.Length);
            if (end - first == 1 && v[first] == '*')
            {
                return true;
            }
            // The display name and the '<' after it in a method of their own: this frame, under which the URI is parsed
            // (a message's deepest point), keeps fewer locals (issue #17).
            int lt = Display(v, first, end, result);
            if (lt == -2)
            {
                return false;
            }
            // From here [first, end) is the header parameters' range, after the ';' that follows the address (empty when
            // none): no locals of their own in this frame, under which the URI is parsed (h-checkbytes).
            if (lt >= 0)
            {
                // lt becomes the address's first character, the URI made apart from its read: fewer stack slots in this frame.
                int gt = ByteSearch.IndexOf(v, CharSearch.Greater, lt++, end);
                if (gt < 0)
                {
                    return false;
                }
                if (result != null)
                {
                    result.Uri = new SipUri(null, v, lt, gt);
                }
                if (!SipUri.Read(v, lt, gt, result == null ? null : result.Uri))
                {
                    return false;
                }
                first = Token.TrimStart(v, gt + 1, end);
                end = Token.TrimEnd(v, first, end);
            }
            else
            {
                first = AddrSpec(v, first, end, result);
                if (first < 0)
                {
                    return false;
                }
            }
            if (first < end)
            {
                if (v[first] != ';' || !Params.Valid(v, first + 1, end, false))
                {
                    return false;
                }
                if (result != null)
                {
                    result.SetParams(v, first + 1, end);
                }
            }
            return true;
        }

        /// <summary>
        /// An addr-spec at [first, end): the URI ends at the first ';' and may carry no headers (RFC 3261 20.10). Sets the
        /// result's URI (null result: only judged) and returns where the header parameters start, -1 when malformed; a
        /// method of its own so that <see cref="Read"/>'s frame, under which a name-addr's URI is parsed, keeps fewer locals
        /// (issue #17).
        /// </summary>
        private static int AddrSpec(char[] v, int first, int end, NameAddr result)
        {
            int semi = Token.IndexOf(v, ';', first, end);
            int uriEnd = semi < 0 ? end : semi;
            if (Token.IndexOf(v, '?', first, uriEnd) >= 0 || Token.IndexOf(v, ',', first, uriEnd) >= 0)
            {
                return -1;
            }
            int uriStart = Token.TrimStart(v, first, uriEnd);
            int trimmed = Token.TrimEnd(v, uriStart, uriEnd);
            return SipUri.Read(v, uriStart, trimmed, result == null ? null : result.Uri = new SipUri(null, v, uriStart, trimmed)) ? uriEnd : -1;
        }

        /// <summary>
        /// The display name at [first, end) (quoted, or tokens before a '&lt;') set as the result's (none when null);
        /// returns the index of the '&lt;' that opens the address, -1 when there is none (addr-spec), -2 when the name is
        /// malformed.
        /// </summary>
        private static int Display(char[] v, int first, int end, NameAddr result)
        {
            if (end > first && v[first] == '"')
            {
                int i;
                string quoted = QuotedString.Read(v, first, end, out i);
                if (quoted == null)
                {
                    return -2;
                }
                while (i < end && (v[i] == ' ' || v[i] == '\t'))
                {
                    i++;
                }
                if (result != null)
                {
                    result.DisplayName = quoted;
                }
                return i >= end || v[i] != '<' ? -2 : i;
            }
            int lt = Token.IndexOf(v, '<', first, end);
            if (lt < 0)
            {
                return -1;
            }
            int wordsEnd = Token.TrimEnd(v, first, lt);
            if (wordsEnd == first)
            {
                return lt;
            }
            byte[] classes = Token.Classes;
            for (int k = first; k < wordsEnd; k++)
            {
                char c = v[k];
                if (c != ' ' && c != '\t' && (c >= 128 || (classes[c] & Token.TokenBit) == 0))
                {
                    return -2;
                }
            }
            if (result != null)
            {
                result.DisplayName = new string(v, first, wordsEnd - first);
            }
            return lt;
        }
    }
}
