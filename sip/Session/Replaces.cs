using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Session
{
    /// <summary>
    /// The Replaces header (RFC 3891 6.1): <c>callid;to-tag=X;from-tag=Y[;early-only]</c>, the dialog a new INVITE
    /// takes the place of. to-tag and from-tag are the tags as the receiver of the INVITE sees them: its local tag and
    /// its remote tag. Read from a header, written for a header or (escaped) for the Refer-To URI of an attended
    /// transfer.
    /// Its plain state (CallId, ToTag, FromTag, EarlyOnly) is public fields, not properties: no accessor method in the
    /// runtime tables, image and calls on the device (issue #17).
    /// </summary>
    public sealed class Replaces
    {
        public const string Header = "Replaces";

        /// <summary>The option tag of the extension (Require, Supported).</summary>
        public const string OptionTag = "replaces";

        public string CallId;
        public string ToTag;
        public string FromTag;
        public bool EarlyOnly;

        /// <summary>A Replaces value; null when it is not one (no Call-ID, a tag missing).</summary>
        public static Replaces Parse(string value)
        {
            if (value == null)
            {
                return null;
            }
            int semi = value.IndexOf(';');
            string callId = (semi < 0 ? value : value.Substring(0, semi)).Trim();
            string list = semi < 0 ? null : value.Substring(semi + 1);
            string to = Params.Get(list, "to-tag");
            string from = Params.Get(list, "from-tag");
            if (callId.Length == 0 || to == null || to.Length == 0 || from == null || from.Length == 0)
            {
                return null;
            }
            return new Replaces { CallId = callId, ToTag = to, FromTag = from, EarlyOnly = Params.Get(list, "early-only") != null };
        }

        /// <summary>The value naming a dialog whose receiver has <paramref name="toTag"/> as its local tag.</summary>
        public static string Of(string callId, string toTag, string fromTag) => callId + ";to-tag=" + toTag + ";from-tag=" + fromTag;

        /// <summary>
        /// A value as a header of a URI (RFC 3261 19.1.1: hnv-unreserved and unreserved characters stay, the rest is
        /// %XX): "?Replaces=" followed by this goes after a Refer-To URI.
        /// </summary>
        public static string Escape(string value)
        {
            char[] c = value.ToCharArray();
            var sb = new System.Text.StringBuilder(c.Length + 16);
            byte[] classes = Token.Classes;
            for (int i = 0; i < c.Length; i++)
            {
                char ch = c[i];
                // The URI parameter characters (token and []/:&$) without '%', '&' and '`', with '(' and ')': alphanum and
                // -_.!~*'()[]/:+$, by the grammar's class table rather than 22 tests (Sip's byte code, h-sipmargin).
                if (ch < 128 && ((classes[ch] & Token.UriParamBit) != 0 ? ch != '%' && ch != '&' && ch != '`' : ch == '(' || ch == ')'))
                {
                    sb.Append(ch);
                }
                else
                {
                    sb.Append('%').Append(Hex(ch >> 4)).Append(Hex(ch & 15));
                }
            }
            return sb.ToString();
        }

        private static char Hex(int n) => (char)(n < 10 ? '0' + n : 'A' + n - 10);

        /// <summary>
        /// A Refer-To URI split: the URI without its headers in <paramref name="uri"/>, and the unescaped Replaces
        /// header among its headers (null when none). False when a header cannot be unescaped.
        /// </summary>
        public static bool SplitUri(SipUri target, out string uri, out string replaces)
        {
            string text = target.ToString();
            int q = text.IndexOf('?');
            uri = q < 0 ? text : text.Substring(0, q);
            replaces = null;
            if (q < 0)
            {
                return true;
            }
            char[] h = text.ToCharArray();
            int i = q + 1;
            while (i < h.Length)
            {
                int end = i;
                while (end < h.Length && h[end] != '&')
                {
                    end++;
                }
                int eq = i;
                while (eq < end && h[eq] != '=')
                {
                    eq++;
                }
                if (eq - i == Header.Length && new string(h, i, eq - i).ToLower() == OptionTag)
                {
                    replaces = eq < end ? SipUri.Unescape(h, eq + 1, end) : null;
                    if (replaces == null)
                    {
                        return false;
                    }
                }
                i = end + 1;
            }
            return true;
        }
    }
}
