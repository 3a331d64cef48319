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
        private static readonly string[] Required = { HeaderNames.Via, HeaderNames.From, HeaderNames.To, HeaderNames.CallId, HeaderNames.CSeq };

        public static CheckResult Check(SipMessage m, UaCapabilities caps, CheckResult r)
        {
            for (int i = 0; i < Required.Length; i++)
            {
                if (m.GetHeader(Required[i]) == null)
                {
                    return Bad(m, r, "missing " + Required[i] + " header");
                }
            }
            string twice = RepeatedSingleHeader(m);
            if (twice != null)
            {
                return Bad(m, r, "more than one " + twice + " header");
            }
            if (m.CSeq < 0)
            {
                return Bad(m, r, "malformed CSeq (a number up to 2^32-1 and a method)");
            }
            if (m.From == null || m.To == null)
            {
                return Bad(m, r, "malformed " + (m.From == null ? "From" : "To") + " header");
            }
            int vias = m.ViaCount;
            for (int i = 0; i < vias; i++)
            {
                if (m.GetVia(i) == null)
                {
                    return Bad(m, r, "malformed Via header");
                }
            }
            int contacts = m.ContactCount;
            for (int i = 0; i < contacts; i++)
            {
                if (m.GetContact(i) == null)
                {
                    return Bad(m, r, "malformed Contact header");
                }
            }
            string date = m.GetHeader(HeaderNames.Date);
            if (date != null && !SipDate.Valid(date))
            {
                return Bad(m, r, "malformed Date header (RFC 1123 date in GMT expected)");
            }
            if (!m.IsRequest)
            {
                return r.Set(true, 0, false, null);
            }

            if (m.MaxForwards == -2)
            {
                return Bad(m, r, "Max-Forwards is not a number from 0 to 255");
            }
            if (m.Expires == -2)
            {
                return Bad(m, r, "Expires is not a number of seconds");
            }
            SipUri uri = m.RequestUri;
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
                return r.Set(m.CSeqMethod == m.Method, 501, false, "Not Implemented");
            }
            if (m.CSeqMethod != m.Method)
            {
                return Bad(m, r, "CSeq method differs from the request method");
            }
            if (!caps.Allows(m.Method))
            {
                return r.Set(true, 405, false, "Method Not Allowed").With(HeaderNames.Allow, caps.AllowList());
            }
            if (!uri.IsSip && uri.Scheme != "tel")
            {
                return r.Set(true, 416, false, "Unsupported URI Scheme");
            }
            string unsupported = UnsupportedOptions(m, caps);
            if (unsupported != null)
            {
                return r.Set(true, 420, false, "Bad Extension").With(HeaderNames.Unsupported, unsupported);
            }
            string type = m.ContentType;
            if (m.BodyLength > 0 && (type == null || !caps.Reads(type, m.Method)))
            {
                return r.Set(true, 415, false, "Unsupported Media Type").With(HeaderNames.Accept, caps.AcceptList());
            }
            if (m.Method == "INVITE" && !AcceptsSdp(m))
            {
                return r.Set(true, 406, false, "Not Acceptable");
            }
            return r.Set(true, 0, false, null);
        }

        /// <summary>
        /// The first header (in message order) of a single-value kind that appears more than once, or null; one pass
        /// marks the kinds seen once and twice, a second pass runs only when there is a repeat.
        /// </summary>
        private static string RepeatedSingleHeader(SipMessage m)
        {
            int once = 0;
            int twice = 0;
            for (int i = 0; i < m.HeaderCount; i++)
            {
                int bit = SingleBit(m.Canonical(i));
                twice |= once & bit;
                once |= bit;
            }
            if (twice == 0)
            {
                return null;
            }
            for (int i = 0; i < m.HeaderCount; i++)
            {
                string canonical = m.Canonical(i);
                if ((SingleBit(canonical) & twice) != 0)
                {
                    return canonical;
                }
            }
            return null;
        }

        /// <summary>A bit per single-value header kind, else 0.</summary>
        private static int SingleBit(string canonical)
        {
            for (int k = 0; k < SingleKinds.Length; k++)
            {
                if ((object)SingleKinds[k] == (object)canonical)
                {
                    return 1 << k;
                }
            }
            return 0;
        }

        // HeaderNames.IsSingle without Content-Length (the parser judges repeats of it).
        private static readonly string[] SingleKinds =
        {
            HeaderNames.From, HeaderNames.To, HeaderNames.CallId, HeaderNames.CSeq, HeaderNames.MaxForwards,
            HeaderNames.ContentType, HeaderNames.Expires, HeaderNames.Date,
        };

        private static CheckResult Bad(SipMessage m, CheckResult r, string reason) =>
            m.IsRequest ? r.Set(false, 400, false, reason) : r.Set(false, 0, true, reason);

        private static string UnsupportedOptions(SipMessage m, UaCapabilities caps)
        {
            string list = null;
            int n = m.CountHeaderValues(HeaderNames.Require);
            for (int i = 0; i < n; i++)
            {
                string tag = m.GetHeaderValue(HeaderNames.Require, i);
                if (tag.Length > 0 && !caps.Supports(tag))
                {
                    list = list == null ? tag : list + ", " + tag;
                }
            }
            return list;
        }

        private static bool AcceptsSdp(SipMessage m)
        {
            int n = m.CountHeaderValues(HeaderNames.Accept);
            if (n == 0)
            {
                return true;
            }
            for (int i = 0; i < n; i++)
            {
                string value = m.GetHeaderValue(HeaderNames.Accept, i);
                int semi = value.IndexOf(';');
                string type = (semi < 0 ? value : value.Substring(0, semi)).Trim().ToLower();
                if (type == "application/sdp" || type == "application/*" || type == "*/*")
                {
                    return true;
                }
            }
            return false;
        }
    }
}
