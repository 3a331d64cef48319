using DeskPhone.Sip.Text;

namespace DeskPhone.Sip.Message
{
    /// <summary>
    /// The phone's rules for a parsed message, in the order RFC 3261 8.2 gives (docs/sip-message.md): syntax of the
    /// headers the phone relies on (400), then method (501 unknown, 405 not handled), CSeq agreement (400), URI
    /// scheme (416), Require (420), body type (415) and, for INVITE, Accept (406). Responses that break a rule
    /// are dropped. `phonectl sip lint` and the user agent both call this.
    /// </summary>
    public static class RequestCheck
    {
        /// <summary>The kinds every message needs: Via, From, To, Call-ID and CSeq, 1 to 5 (<see cref="HeaderNames.ViaKind"/> to CSeqKind).</summary>
        private const int RequiredKinds = 5;

        public static CheckResult Check(SipMessage m, UaCapabilities caps, CheckResult r)
        {
            // Three locals for the whole check: one index (i) and one count (n) for every loop, one string (faulty) for the
            // faulty header's name and the Date. Each local is a slot of this frame, under which every From, To, Contact
            // and Via is parsed (the stream's lowest collections on the 80,896-byte board, h-checkbytes).
            int i;
            int n;
            for (i = 0; i < RequiredKinds; i++)
            {
                // Looked for, not read: the message keeps no value (h-turnparse), so a read here would make five strings.
                if (m.IndexOf(HeaderNames.ViaKind + i, null, 0) < 0)
                {
                    return Bad(m, r, "missing " + HeaderNames.NameOf(HeaderNames.ViaKind + i) + " header");
                }
            }
            // An INVITE's Request-URI parsed first (judged below, in CheckRequest's order; a response has no Method): it is
            // not parsed beside the From and To the INVITE keeps (issue #18, h-callthrough). Any other request's is parsed
            // below, after the From, To, Contact and Via are judged: not under their parse (the MESSAGE and NOTIFY stream's
            // lowest collections on the 80,896-byte board, h-checkbytes).
            if (m.Method == "INVITE")
            {
                _ = m.RequestUri;
            }
            string faulty = RepeatedSingleHeader(m);
            if (faulty != null)
            {
                return Bad(m, r, "more than one " + faulty + " header");
            }
            if (m.CSeq < 0)
            {
                return Bad(m, r, "malformed CSeq (a number up to 2^32-1 and a method)");
            }
            // From and To are only checked here, kept in the message for an INVITE alone (a new call's dialog takes the
            // From's parts; parsing it again there was the INVITE's deepest point, h-callsig). Every other message's
            // handling reads what it needs in place (the tags: SipMessage.ToTag/FromTag): a response's (the REGISTER's 200,
            // issue #17), a BYE's (issue #18), and the MESSAGE and NOTIFY stream's, whose kept URIs (about 1 KB with the
            // Request-URI's) were under every handler's turn at its lowest on the 80,896-byte board (h-checkparts).
            // Any other's only judged (NameAddr.Read without an address; both are there, judged above): no address, URI or
            // part of them made (h-reqcheck). The name of a malformed one in the same local as a repeated header's (null
            // here): no slot more in this frame, under every URI's parse.
            // Their characters are decoded straight from the message's bytes (ValueChars): no string of the value and no
            // SipMessage.First > Unfold > GetString frames under it (h-checkbytes).
            faulty = m.Method == "INVITE" ? (m.From == null ? "From" : m.To == null ? "To" : null)
                : !NameAddr.Read(m.ValueChars(m.IndexOf(HeaderNames.FromKind, null, 0)), null) ? "From"
                : !NameAddr.Read(m.ValueChars(m.IndexOf(HeaderNames.ToKind, null, 0)), null) ? "To" : null;
            if (faulty != null)
            {
                return Bad(m, r, "malformed " + faulty + " header");
            }
            // The To is well formed: the answer's echo adds its tag without parsing it again (SipWriter.EchoRequest).
            m.ReadBits |= SipMessage.ToChecked;
            n = m.ViaCount;
            for (i = 0; i < n; i++)
            {
                if (m.GetVia(i) == null)
                {
                    return Bad(m, r, "malformed Via header");
                }
            }
            n = m.ContactCount;
            for (i = 0; i < n; i++)
            {
                // Judged here, not parsed through SipMessage.GetContact: nothing of it made, a NOTIFY's check and a
                // response's, the REGISTER's 200 on the 80,896-byte board (issue #17, h-reqcheck). The usual single value is
                // the first Contact line's, its characters straight from the bytes; several are split as strings by ValueOf.
                if (!NameAddr.Read(n == 1 ? m.ValueChars(m.IndexOf(HeaderNames.ContactKind, null, 0))
                        : m.ValueOf(HeaderNames.ContactKind, null, i).ToCharArray(), null))
                {
                    return Bad(m, r, "malformed Contact header");
                }
            }
            faulty = m.First(HeaderNames.DateKind);
            if (faulty != null && !SipDate.Valid(faulty))
            {
                return Bad(m, r, "malformed Date header (RFC 1123 date in GMT expected)");
            }
            if (!m.IsRequest)
            {
                return r.Set(true, 0, null);
            }
            // A request's body type, then its Request-URI, read from this frame, not from CheckRequest's: a frame less under
            // their characters (the office stream's lowest collections in a census sweep around the 80,896-byte board,
            // 12,252 B and then 12,460 B shifted to it, each under CheckRequest: tools/HeapCensus/sweep.sh, h-sipsweep).
            // Passed to CheckRequest, not read again there (a getter's call each); kept by the message for the handlers.
            return CheckRequest(m, caps, r, m.ContentType, m.RequestUri);
        }

        /// <summary>
        /// The rules of a request after the syntax of its headers; a method of its own so that the frame under which
        /// every Via and Contact is parsed keeps only the locals of the syntax rules. <paramref name="type"/> and
        /// <paramref name="uri"/>: the message's ContentType and RequestUri.
        /// </summary>
        private static CheckResult CheckRequest(SipMessage m, UaCapabilities caps, CheckResult r, string type, SipUri uri)
        {
            // Read on the message's bytes (SipMessage.Number): no string of either under the request's check.
            if (m.MaxForwards == -2)
            {
                return Bad(m, r, "Max-Forwards is not a number from 0 to 255");
            }
            if (m.Expires == -2)
            {
                return Bad(m, r, "Expires is not a number of seconds");
            }
            if (uri == null)
            {
                return Bad(m, r, "malformed Request-URI");
            }
            if (uri.Headers != null)
            {
                return Bad(m, r, "headers are not allowed in a Request-URI");
            }
            if (!UaCapabilities.IsKnownMethod(m.Method))
            {
                // 501 either way (RFC 4475 3.1.2.18 prefers it); a CSeq that names another method still makes it malformed.
                return r.Set(m.CSeqMethod == m.Method, 501, "Not Implemented");
            }
            if (m.CSeqMethod != m.Method)
            {
                return Bad(m, r, "CSeq method differs from the request method");
            }
            if (!caps.Allows(m.Method))
            {
                return r.Set(true, 405, "Method Not Allowed").With(caps.AllowList());
            }
            if (m.Method == "PRACK" && !IsRAck(m.GetHeader(HeaderNames.RAck)))
            {
                return Bad(m, r, "missing or malformed RAck header");
            }
            if (!uri.IsSip && uri.Scheme != "tel")
            {
                return r.Set(true, 416, "Unsupported URI Scheme");
            }
            string unsupported = UnsupportedOptions(m, caps);
            if (unsupported != null)
            {
                return r.Set(true, 420, "Bad Extension").With(unsupported);
            }
            // The type (SipMessage.ContentType) read in Check: no string of the value under this frame.
            if (m.BodyLength > 0 && (type == null || !caps.Reads(type, m.Method)))
            {
                return r.Set(true, 415, "Unsupported Media Type").With(caps.AcceptList());
            }
            if (m.Method == "INVITE" && !AcceptsSdp(m))
            {
                return r.Set(true, 406, "Not Acceptable");
            }
            return r.Set(true, 0, null);
        }

        /// <summary>
        /// The first header (in message order) of a single-value kind that appears more than once, or null; one pass
        /// marks the kinds seen once and twice (a bit per kind), a second pass runs only when there is a repeat.
        /// </summary>
        private static string RepeatedSingleHeader(SipMessage m)
        {
            byte[] kinds = m.HeaderKind;
            int count = m.Lines;
            long once = 0;
            long twice = 0;
            for (int i = 0; i < count; i++)
            {
                long bit = (1L << kinds[i]) & SingleKinds;
                twice |= once & bit;
                once |= bit;
            }
            if (twice == 0)
            {
                return null;
            }
            for (int i = 0; i < count; i++)
            {
                if (((twice >> kinds[i]) & 1) != 0)
                {
                    return m.Canonical(i);
                }
            }
            return null;
        }

        // HeaderNames.SingleMask without Content-Length (the parser judges repeats of it): a constant, where an array of
        // the names and a table made from it at start-up held heap for good.
        private const long SingleKinds = HeaderNames.SingleMask & ~(1L << HeaderNames.ContentLengthKind);

        /// <summary>
        /// A PRACK's RAck (RFC 3262 7.2): the RSeq acknowledged (1 or more), one space, the INVITE's CSeq number, one space,
        /// a method. Checked before the PRACK reaches a dialog, so a bad one changes nothing (400).
        /// </summary>
        private static bool IsRAck(string value)
        {
            // On the value's characters: no Substring of the method and no Token.IsToken(string) for it (Sip's byte code,
            // h-checkbytes), and the search is right after non-ASCII text on the device too.
            char[] v = value == null ? null : value.ToCharArray();
            int a = v == null ? -1 : Token.IndexOf(v, ' ', 0, v.Length);
            int b = a < 0 ? -1 : Token.IndexOf(v, ' ', a + 1, v.Length);
            return b > 0 && DecimalDigits.Parse(v, 0, a, 10) > 0 && DecimalDigits.Parse(v, a + 1, b, 10) >= 0 &&
                   Token.All(v, b + 1, v.Length, Token.TokenBit);
        }

        private static CheckResult Bad(SipMessage m, CheckResult r, string reason) =>
            r.Set(false, m.IsRequest ? 400 : 0, reason);

        private static string UnsupportedOptions(SipMessage m, UaCapabilities caps)
        {
            string list = null;
            int n = m.CountValues(HeaderNames.RequireKind, null);
            for (int i = 0; i < n; i++)
            {
                string tag = m.ValueOf(HeaderNames.RequireKind, null, i);
                if (tag.Length > 0 && !caps.Supports(tag))
                {
                    list = list == null ? tag : list + ", " + tag;
                }
            }
            return list;
        }

        private static bool AcceptsSdp(SipMessage m)
        {
            int n = m.CountValues(HeaderNames.AcceptKind, null);
            if (n == 0)
            {
                return true;
            }
            for (int i = 0; i < n; i++)
            {
                string type = HeaderParams.Value(m.ValueOf(HeaderNames.AcceptKind, null, i));
                if (type == "application/sdp" || type == "application/*" || type == "*/*")
                {
                    return true;
                }
            }
            return false;
        }
    }
}
