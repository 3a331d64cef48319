using System.Text;
using DeskPhone.Sip.Text;

namespace DeskPhone.Sip.Message
{
    /// <summary>
    /// A parsed SIP message as a view over the received bytes: the parser records offsets only, and strings are made
    /// when a caller asks for a value (and kept until the next message, as every reader of a request wants the same few),
    /// so parsing allocates next to nothing and one instance is reused per transport.
    /// Its plain state (Buffer, Offset, Length, IsRequest, Method, StatusCode, BodyOffset, BodyLength) is public
    /// fields, not properties: no accessor method in the runtime tables, image and calls on the device (issue #17).
    /// </summary>
    public sealed class SipMessage
    {
        public const int MaxHeaders = 64;

        /// <summary>Header lines the per-line arrays hold at first; they double (up to MaxHeaders) when a message has more.</summary>
        public const int FirstHeaders = 16;

        // Per header line, its kind (HeaderNames.FindKind), 0 when unknown: a byte instead of a string reference
        // (84 B instead of 792 B of heap per message; each TCP connection holds a message of its own). The per-line
        // arrays are made for FirstHeaders lines by the parse (Reset) and grow with the message (GrowHeaders); a
        // message the user agent releases after its request lets them go (Release): a burst's kept message holds
        // neither between its requests (192 B at the office stream's step, h-checkparts), a TCP connection's keeps them.
        internal byte[] HeaderKind;

        // Per header line, four 16-bit figures counted from the message's first byte (Offset): [4i] the name's start,
        // [4i + 1] its length, [4i + 2] the value's start, [4i + 3] its length. One array of shorts, not four int
        // arrays: 156 B instead of 336 B and three fields for 16 lines (the parsed message is live through a burst of
        // requests, docs/benchmarks.md h-msgparts); the parser refuses headers past MaxSpan bytes (513), which only a
        // header section far beyond MaxHeaderBytes reaches.
        internal ushort[] Spans;

        /// <summary>The farthest byte of the header section from the message's first (the per-line figures are 16-bit).</summary>
        internal const int MaxSpan = 0xFFFF;

        // Bit i set: header line i has continuation lines (the parser sets it), so only those values are unfolded;
        // the others are made straight from the received bytes without looking for line breaks in them.
        internal long Folded;

        // The start line's text after the method (a request's Request-URI) or the code (a response's reason phrase): one
        // field for both, a message has only one of them; its first byte counted from Offset (bits 0-15) and its length
        // (bits 16-31). A start line longer than MaxSpan is refused with its headers (513), so 16 bits each hold it; one
        // field, not two: 12 B less in a message the user agent keeps through a burst (h-checkparts).
        internal int Part;

        // A header's value is made at each read, none kept: the answer's echo copies From, To, Call-ID and CSeq from the
        // bytes (SipWriter.EchoLine) and the check looks the required headers up without reading them, so an array of
        // kept values (84 B) and their strings (about 200 B) were held through every request's turn for the one or two
        // readers left (h-turnparse).
        private Via _topVia;
        private string _contentType;
        // Bit 0: _topVia read, bit 1: _contentType read, bit 2: the To found well formed (RequestCheck); from bit 3 on,
        // the Via values' count + 1 (0: not counted yet).
        internal int ReadBits;
        private const int TopViaRead = 1;
        private const int ContentTypeRead = 2;
        internal const int ToChecked = 4;
        private const int ViaCountShift = 3;
        private SipUri _requestUri;
        private NameAddr _from;
        // The parsed To while kept (the request's check parses it; ForgetNames lets it go): a new call's responses see
        // from it that the To was let go (CallSessions.ResponseBytes), without parsing it again.
        internal NameAddr ParsedTo;
        private string _cseqMethod;
        private long _cseq = -2;

        // Where GetHeaderValue stopped: the kind (bits 0-7), the header line (bits 8-13) and the value's index + 1 (bits
        // 14-31; 0: no cursor), the value's first byte (bits 32-63: one field, not two, 12 B less in the message every
        // request's turn holds, h-turnparse), and the name asked for (an unknown kind's).
        private long _cursor;
        private string _cursorName;

        public byte[] Buffer;
        public int Offset;
        public int Length;
        public bool IsRequest;

        /// <summary>The request method (upper case as sent; known methods are shared strings).</summary>
        public string Method;

        public int StatusCode;
        public int HeaderCount => Lines;

        /// <summary>Header lines parsed (a field: the parser counts them up per line, and a property is a call each time on the device).</summary>
        internal int Lines;
        public int BodyOffset;
        public int BodyLength;

        /// <summary>
        /// The source's host, set by the user agent from the packet (the routing and the NOTIFY's handler read it). Its
        /// port and transport are not copied here: the answers read them from the packet (h-checkparts: two fields that
        /// nothing read, 24 B of a message kept through a burst).
        /// </summary>
        public string RemoteHost;

        /// <summary>
        /// The bytes the header lines an answer copies (Via, From, To, Call-ID, CSeq: kinds 1 to 5) take in it, with their
        /// long names ("Call-ID: " and the line break at most 11 bytes more than the value).
        /// </summary>
        internal int EchoedBytes()
        {
            int n = 0;
            byte[] kinds = HeaderKind;
            ushort[] spans = Spans;
            for (int i = 0; i < Lines; i++)
            {
                int kind = kinds[i];
                if (kind >= HeaderNames.ViaKind && kind <= HeaderNames.CSeqKind)
                {
                    n += spans[(i << 2) + 3] + 11;
                }
            }
            return n;
        }

        /// <summary>Room for one more header line: doubles the per-line arrays; false when they hold MaxHeaders already.</summary>
        internal bool GrowHeaders()
        {
            int size = HeaderKind.Length;
            if (size >= MaxHeaders)
            {
                return false;
            }
            int grown = size * 2;
            HeaderKind = (byte[])ArrayGrowth.Grow(HeaderKind, new byte[grown]);
            Spans = (ushort[])ArrayGrowth.Grow(Spans, new ushort[grown * 4]);
            return true;
        }

        /// <summary>
        /// Forgets the received bytes and the strings made from them once the message is handled, so the packet it was
        /// read from can be let go (<see cref="DeskPhone.Sip.Transport.SipInbox"/> drops its packets when the phone is
        /// quiet) instead of staying reachable until the next message.
        /// </summary>
        internal void Release()
        {
            Reset(null, 0);
            RemoteHost = null;
            HeaderKind = null;
            Spans = null;
        }

        /// <summary>
        /// Lets go of the parsed Request-URI and To, and the From with <paramref name="from"/> (a later read parses them
        /// again): a handler that has taken what it needs of them does not hold them under what it does next (a new
        /// call's 100 and 180, docs/benchmarks.md h-callfit, h-callsig). A response echoes the To's text and reads its tag
        /// in place (<see cref="ToTag"/>).
        /// </summary>
        public void ForgetNames(bool from)
        {
            _requestUri = null;
            ParsedTo = null;
            if (from)
            {
                _from = null;
            }
        }

        internal void Reset(byte[] buffer, int offset)
        {
            if (buffer != null && HeaderKind == null)
            {
                HeaderKind = new byte[FirstHeaders];
                Spans = new ushort[FirstHeaders * 4];
            }
            Buffer = buffer;
            Offset = offset;
            _topVia = null;
            _contentType = null;
            ReadBits = 0;
            Length = 0;
            IsRequest = false;
            Method = null;
            StatusCode = 0;
            Lines = 0;
            BodyOffset = 0;
            BodyLength = 0;
            Folded = 0;
            Part = 0;
            _requestUri = null;
            _from = null;
            ParsedTo = null;
            _cseqMethod = null;
            _cseq = -2;
            _cursor = 0;
            _cursorName = null;
        }

        /// <summary>The Request-URI, or null when it does not parse.</summary>
        /// <remarks>
        /// Parsed from the start line's bytes decoded once into characters: no string of the URI (made only if its
        /// ToString is asked) and no SipUri.Parse(string) frame under every request's check (h-sipcheck). A response
        /// has none (an empty range, null as before).
        /// </remarks>
        public SipUri RequestUri
        {
            get
            {
                if (_requestUri == null && IsRequest)
                {
                    char[] t = Utf8.Codec.GetChars(Buffer, Offset + (Part & 0xFFFF), (int)((uint)Part >> 16));
                    var uri = new SipUri(null, t, 0, t.Length);
                    _requestUri = SipUri.Read(t, 0, t.Length, uri) ? uri : null;
                }
                return _requestUri;
            }
        }

        public string ReasonPhrase => Utf8.Codec.GetString(Buffer, Offset + (Part & 0xFFFF), IsRequest ? 0 : (int)((uint)Part >> 16));

        public string HeaderName(int i) => Canonical(i) ?? Utf8.Codec.GetString(Buffer, Offset + Spans[i << 2], Spans[(i << 2) + 1]);

        /// <summary>The canonical name of header line i (a new string), or null when unknown.</summary>
        internal string Canonical(int i) => HeaderNames.NameOf(HeaderKind[i]);

        /// <summary>The header's value with line folding turned into single spaces and outer white space trimmed.</summary>
        public string HeaderValue(int i)
        {
            return Unfold(Buffer, Offset + Spans[(i << 2) + 2], Spans[(i << 2) + 3], IsFolded(i));
        }

        private bool IsFolded(int line) => (Folded & (1L << line)) != 0;

        /// <summary>
        /// The characters of header line <paramref name="line"/>'s value decoded from the message's bytes, untrimmed
        /// (their readers trim): what <see cref="HeaderValue"/>'s string held, without that string and the frames that
        /// make it. A folded value or one with a bare CR (Unfold makes each such break a space) is read as the string.
        /// </summary>
        internal char[] ValueChars(int line)
        {
            byte[] b = Buffer;
            int start = Offset + Spans[(line << 2) + 2];
            int length = Spans[(line << 2) + 3];
            // The search through ByteSearch (a frame more, under which nothing is allocated): less byte code than in place.
            return IsFolded(line) || ByteSearch.IndexOf(b, ByteSearch.Cr, start, start + length) >= 0
                ? HeaderValue(line).ToCharArray() : Utf8.Codec.GetChars(b, start, length);
        }

        /// <summary>
        /// Whether the first header of the kind names <paramref name="token"/> (lower case) before its parameters: its
        /// value up to the first ';', trimmed, equal in any case (an Event's package, RFC 6665 7.2.1). Judged on the
        /// received bytes, no string of the value made (line folds are white space here).
        /// </summary>
        internal bool Names(int kind, string token)
        {
            long at = ValueAt(kind);
            int start = (int)at;
            int end = Next(Buffer, start, (int)(at >> 32), (byte)';');
            end = TrimWhite(Buffer, start, end < 0 ? (int)(at >> 32) : end);
            return at >= 0 && HeaderNames.Equal(token, Buffer, start, end - start);
        }

        /// <summary>
        /// Where the first header of the kind's value is in <see cref="Buffer"/>, without the white space (line folds
        /// included) around it: its first byte (bits 0-31) and its end (bits 32-63); -1 when there is none.
        /// </summary>
        internal long ValueAt(int kind)
        {
            int line = IndexOf(kind, null, 0);
            if (line < 0)
            {
                return -1;
            }
            int start = Offset + Spans[(line << 2) + 2];
            int end = TrimWhite(Buffer, start, start + Spans[(line << 2) + 3]);
            return (uint)SkipWhite(Buffer, start, end) | (long)end << 32;
        }

        /// <summary>First value of a header (long or compact name, any case), or null.</summary>
        public string GetHeader(string name)
        {
            // HeaderValue's body here, as in First: a frame less under the value's string (a PUBLISH's SIP-ETag, the office
            // stream's lowest point in a census sweep around the 80,896-byte board, h-sipsweep).
            int i = IndexOf(HeaderNames.Kind(name), name, 0);
            return i < 0 ? null : Unfold(Buffer, Offset + Spans[(i << 2) + 2], Spans[(i << 2) + 3], IsFolded(i));
        }

        /// <summary>First value of a header of a known kind (<see cref="HeaderNames"/>' kind constants), or null.</summary>
        internal string First(int kind)
        {
            int i = IndexOf(kind, null, 0);
            if (i < 0)
            {
                return null;
            }
            // HeaderValue's body here, not a call: a frame less under the value's string, where a response's handler
            // reads its Expires at the REGISTER's deepest point on the 80,896-byte board (issue #17).
            return Unfold(Buffer, Offset + Spans[(i << 2) + 2], Spans[(i << 2) + 3], IsFolded(i));
        }

        /// <summary>Number of values of a list header over all its lines (commas inside quotes and &lt;&gt; do not split).</summary>
        public int CountHeaderValues(string name) => CountValues(HeaderNames.Kind(name), name);

        /// <summary><see cref="CountHeaderValues"/> by kind (and by name when the kind is 0, unknown).</summary>
        internal int CountValues(int kind, string name)
        {
            bool list = ((HeaderNames.ListMask >> kind) & 1) != 0;
            int n = 0;
            for (int i = IndexOf(kind, name, 0); i >= 0; i = IndexOf(kind, name, i + 1))
            {
                n++;
                if (list)
                {
                    // One pass over the bytes: each top-level comma starts one more value.
                    int start = Offset + Spans[(i << 2) + 2];
                    int end = start + Spans[(i << 2) + 3];
                    for (int at = Next(Buffer, start, end, (byte)','); at >= 0; at = Next(Buffer, at + 1, end, (byte)','))
                    {
                        n++;
                    }
                }
            }
            return n;
        }

        /// <summary>
        /// The index-th value of a list header over all its lines, or null. Reading a list in order (0, 1, 2, ...)
        /// costs one pass over it in all: the position of the last value read is kept, and a later index continues
        /// from there instead of scanning the list from its start again (which made 400 Via values cost 16 times
        /// what 100 did). The split works on the received bytes, so only the value asked for becomes a string.
        /// </summary>
        public string GetHeaderValue(string name, int index) => ValueOf(HeaderNames.Kind(name), name, index);

        /// <summary><see cref="GetHeaderValue"/> by kind (and by name when the kind is 0, unknown).</summary>
        internal string ValueOf(int kind, string name, int index)
        {
            if (((HeaderNames.ListMask >> kind) & 1) == 0)
            {
                for (int i = IndexOf(kind, name, 0); i >= 0; i = IndexOf(kind, name, i + 1))
                {
                    if (index == 0)
                    {
                        return HeaderValue(i);
                    }
                    index--;
                }
                return null;
            }
            if (index < 0)
            {
                return null;
            }
            int line;
            int start;
            int k;
            int cursor = (int)_cursor;
            ushort[] spans = Spans;
            if (cursor != 0 && index >= (cursor >> 14) - 1 && kind == (cursor & 0xFF) && (kind != 0 || (object)name == (object)_cursorName || name == _cursorName))
            {
                line = (cursor >> 8) & 0x3F;
                start = (int)(_cursor >> 32);
                k = (cursor >> 14) - 1;
            }
            else
            {
                line = IndexOf(kind, name, 0);
                if (line < 0)
                {
                    return null;
                }
                start = Offset + spans[(line << 2) + 2];
                k = 0;
            }
            while (k < index)
            {
                int comma = Next(Buffer, start, Offset + spans[(line << 2) + 2] + spans[(line << 2) + 3], (byte)',');
                if (comma >= 0)
                {
                    start = comma + 1;
                }
                else
                {
                    line = IndexOf(kind, name, line + 1);
                    if (line < 0)
                    {
                        return null;
                    }
                    start = Offset + spans[(line << 2) + 2];
                }
                k++;
            }
            // index < the values in the header section (MaxSpan bytes at most): 18 bits hold it.
            _cursor = (long)start << 32 | (uint)(kind | line << 8 | (index + 1) << 14);
            _cursorName = name;
            int lineEnd = Offset + spans[(line << 2) + 2] + spans[(line << 2) + 3];
            int end = Next(Buffer, start, lineEnd, (byte)',');
            // The line's only value (or its last) unfolded from here as a whole line's is, not through HeaderValue: a
            // frame less under the top Via's string, a low collection of the office stream's (h-echobytes).
            return Unfold(Buffer, start, (end < 0 ? lineEnd : end) - start, IsFolded(line));
        }

        /// <summary>
        /// The next <paramref name="separator"/> (a list's comma, a parameter's ';') of a header value's bytes in [from, end)
        /// that is outside quoted strings and &lt;&gt;, or -1. Line folds inside the value are plain white space here (as
        /// they are once unfolded).
        /// </summary>
        internal static int Next(byte[] b, int from, int end, byte separator)
        {
            // The walk itself, no runtime search first: Array.IndexOf's managed frame was the deepest allocation of a new
            // call's INVITE turn on the 80,896-byte board (docs/benchmarks.md, h-callfit3).
            bool quoted = false;
            bool angle = false;
            for (int i = from; i < end; i++)
            {
                byte c = b[i];
                if (quoted)
                {
                    if (c == (byte)'\\')
                    {
                        i++;
                    }
                    else if (c == (byte)'"')
                    {
                        quoted = false;
                    }
                }
                else if (c == (byte)'"')
                {
                    quoted = true;
                }
                else if (c == (byte)'<')
                {
                    angle = true;
                }
                else if (c == (byte)'>')
                {
                    angle = false;
                }
                else if (c == separator && !angle)
                {
                    return i;
                }
            }
            return -1;
        }

        public string CallId => First(HeaderNames.CallIdKind);

        /// <summary>
        /// The Event header's value, by its kind: a NOTIFY of the phone's own reads it so, where GetHeader(name) would make
        /// the name's bytes to find its kind (HeaderNames.Kind) under every such NOTIFY's handling (h-margin4).
        /// </summary>
        public string Event => First(HeaderNames.EventKind);

        public NameAddr From => _from ?? (_from = NameAddr.Parse(First(HeaderNames.FromKind)));

        public NameAddr To => ParsedTo ?? (ParsedTo = NameAddr.Parse(First(HeaderNames.ToKind)));

        /// <summary>The To tag (null: none), read in the bytes (<see cref="TagOf"/>) whether or not something parsed the To.</summary>
        public string ToTag => TagOf(HeaderNames.ToKind);

        /// <summary>The From tag, as <see cref="ToTag"/>.</summary>
        public string FromTag => TagOf(HeaderNames.FromKind);

        /// <summary>
        /// The tag of the first From or To line (<paramref name="kind"/>) as <see cref="NameAddr.Parse"/> would find it
        /// ("" without a value), or null: only the tag's text is made from the bytes (<see cref="ParamAt"/>). A message with a
        /// folded line has its tag unfolded as the value's string was.
        /// </summary>
        internal string TagOf(int kind)
        {
            long at = ParamAt(IndexOf(kind, null, 0), Tag);
            int start = (int)at;
            return at < 0 ? null : Folded == 0 ? Utf8.Codec.GetString(Buffer, start, (int)(at >> 32) - start) : Unfold(Buffer, start, (int)(at >> 32) - start, true);
        }

        /// <summary>The tag parameter of a From or To (<see cref="ParamAt"/>).</summary>
        internal const string Tag = "tag";

        /// <summary>
        /// Where the value of header line <paramref name="line"/>'s parameter <paramref name="name"/> is in
        /// <see cref="Buffer"/>: its first byte (bits 0-31) and its end (bits 32-63), trimmed and without the quotes of a
        /// quoted value (empty for a name without a value); -1 when the line (-1) or the parameter is absent. Found in the
        /// received bytes, no string nor char[] of the value made (the answer's echo asked NameAddr.TagOf of the To's
        /// string: four frames and the value's string and characters, the office stream's lowest collections on the
        /// 80,896-byte board, h-echobytes). The parameters start after the '&gt;' of a name-addr (a quoted display name may
        /// hold '&lt;' or ';'), else at the addr-spec's first ';'; a parameter ends at the next ';' outside quotes; its name
        /// is compared case-insensitively. Line folds are white space here. One reader for a From's or To's tag and a
        /// Subscription-State's expires (<see cref="ParamNumber"/>), where each had its own (h-margin4).
        /// </summary>
        internal long ParamAt(int line, string name)
        {
            if (line < 0)
            {
                return -1;
            }
            byte[] b = Buffer;
            int end = Offset + Spans[(line << 2) + 2];
            int i = end;
            end += Spans[(line << 2) + 3];
            // The span read here, not through ValueAt: its frame (228 B) was the deepest point of a NOTIFY's answer.
            while ((i = Next(b, i, end, (byte)';')) >= 0)
            {
                int at = SkipWhite(b, i + 1, end);
                i = SkipWhite(b, at + name.Length, end);
                // The name in any case, then the end, a ';' or an '='.
                if (end - at >= name.Length && HeaderNames.Equal(name, b, at, name.Length) && (i == end || b[i] == ';' || b[i] == '='))
                {
                    // The value: after the '=' to the next ';' (or the end), trimmed, without the quotes of a quoted one.
                    at = i < end && b[i] == '=' ? SkipWhite(b, i + 1, end) : i;
                    i = Next(b, at, end, (byte)';');
                    if (i < 0)
                    {
                        i = end;
                    }
                    i = TrimWhite(b, at, i);
                    if (i - at >= 2 && b[at] == '"' && b[i - 1] == '"')
                    {
                        at++;
                        i--;
                    }
                    return (uint)at | (long)i << 32;
                }
                i = at;
            }
            return -1;
        }

        /// <summary>White space as a header value's bytes hold it, a bit per byte value: tab, LF, CR and space (9, 10, 13, 32).</summary>
        private const long WhiteBits = 0x100002600L;

        /// <summary>The first byte from <paramref name="i"/> on that is not white space (line folds included), or <paramref name="end"/>.</summary>
        internal static int SkipWhite(byte[] b, int i, int end)
        {
            // The test written out here, not a call per byte: the MESSAGE's value reads and echoes made 17 calls to it
            // (docs/benchmarks.md, cost2).
            while (i < end && b[i] <= (byte)' ' && (WhiteBits >> b[i] & 1) != 0)
            {
                i++;
            }
            return i;
        }

        /// <summary>The end of [start, end) without the white space (line folds included) that ends it.</summary>
        internal static int TrimWhite(byte[] b, int start, int end)
        {
            while (end > start && b[end - 1] <= (byte)' ' && (WhiteBits >> b[end - 1] & 1) != 0)
            {
                end--;
            }
            return end;
        }

        /// <summary>CSeq number, -1 when absent or malformed (including numbers above 2^32-1).</summary>
        public long CSeq
        {
            get
            {
                if (_cseq == -2)
                {
                    ParseCSeq();
                }
                return _cseq;
            }
        }

        public string CSeqMethod
        {
            get
            {
                if (_cseq == -2)
                {
                    ParseCSeq();
                }
                return _cseqMethod;
            }
        }

        /// <summary>Max-Forwards, -1 when absent, -2 when malformed or above 255.</summary>
        public int MaxForwards => Number(HeaderNames.MaxForwardsKind, 255);

        /// <summary>Expires, -1 when absent, -2 when malformed or beyond 2^31-1 seconds.</summary>
        public int Expires => Number(HeaderNames.ExpiresKind, int.MaxValue);

        /// <summary>Number of Via values (counted once per message: the checks, the answer and the echo all ask).</summary>
        public int ViaCount
        {
            get
            {
                int count = ReadBits >> ViaCountShift;
                if (count == 0)
                {
                    count = CountValues(HeaderNames.ViaKind, null) + 1;
                    ReadBits |= count << ViaCountShift;
                }
                return count - 1;
            }
        }

        /// <summary>The i-th Via value (0 is the top one), or null when absent or malformed.</summary>
        public Via GetVia(int i)
        {
            if (i != 0)
            {
                return Via.Parse(ValueOf(HeaderNames.ViaKind, null, i));
            }
            if ((ReadBits & TopViaRead) == 0)
            {
                // A single Via value (the usual request) unfolded from here as the line's whole value, not through ValueOf
                // nor First: ValueOf's 300-B frame and HeaderValue's were under the value's string, a low collection of
                // the office stream's before each request's check (h-echobytes). The count is the message's, made once
                // (the check asks too); with one value, the first Via line holds it.
                int line = IndexOf(HeaderNames.ViaKind, null, 0);
                _topVia = Via.Parse(ViaCount != 1 ? ValueOf(HeaderNames.ViaKind, null, 0)
                    : Unfold(Buffer, Offset + Spans[(line << 2) + 2], Spans[(line << 2) + 3], IsFolded(line)));
                ReadBits |= TopViaRead;
            }
            return _topVia;
        }

        public int ContactCount => CountValues(HeaderNames.ContactKind, null);

        public NameAddr GetContact(int i) => NameAddr.Parse(ValueOf(HeaderNames.ContactKind, null, i));

        /// <summary>Media type of the body, lower case, without parameters; null when there is no Content-Type.</summary>
        public string ContentType
        {
            get
            {
                if ((ReadBits & ContentTypeRead) == 0)
                {
                    // From the value's characters decoded straight from the bytes (ValueChars), the type's string the only
                    // one made: no string of the header under the request's check, nor First > Unfold > GetString frames
                    // and HeaderParams.Value's copy of it (the office stream's lowest collections on the 80,896-byte
                    // board, h-sipreads).
                    int line = IndexOf(HeaderNames.ContentTypeKind, null, 0);
                    _contentType = line < 0 ? null : HeaderParams.Value(null, ValueChars(line));
                    ReadBits |= ContentTypeRead;
                }
                return _contentType;
            }
        }

        /// <summary>The first header line from <paramref name="from"/> on of the kind (<see cref="HeaderNames.Kind"/>; 0: unknown, then by name), or -1.</summary>
        internal int IndexOf(int kind, string name, int from)
        {
            byte[] kinds = HeaderKind;
            int count = Lines;
            for (int i = from; i < count; i++)
            {
                if (kinds[i] == kind && (kind != 0 || HeaderNames.Equal(name, Buffer, Offset + Spans[i << 2], Spans[(i << 2) + 1])))
                {
                    return i;
                }
            }
            return -1;
        }

        private void ParseCSeq()
        {
            // On the received bytes (ValueAt: the value without the white space around it; a line break is white space,
            // as a space once unfolded): no string or characters of the value, and no First > Unfold > GetChars frames
            // under the check's CSeq (the office stream's lowest collection in a census sweep around the 80,896-byte
            // board, 12,040 B shifted to it: tools/HeapCensus/sweep.sh, h-sipsweep).
            _cseq = -1;
            _cseqMethod = null;
            long at = ValueAt(HeaderNames.CSeqKind);
            byte[] b = Buffer;
            int end = (int)(at >> 32);
            int space = (int)at;
            while (space < end && (b[space] > (byte)' ' || (WhiteBits >> b[space] & 1) == 0))
            {
                space++;
            }
            int method = SkipWhite(b, space, end);
            if (at < 0 || space == (int)at || space - (int)at > 10 || method == end || !Token.IsToken(b, method, end))
            {
                return;
            }
            long number = DecimalDigits.Parse(b, (int)at, space, 10);
            if (number < 0 || number > 4294967295L)
            {
                return;
            }
            _cseq = number;
            // Almost always the request's own method (a shared string for the known ones): no copy then. Its bytes are
            // compared with the request line's, whose method starts the message and ends at a space (SipParser.StartLine):
            // no character of the method string read (each a walk of it on the device). A response's status line starts
            // with "SIP/", which no token matches up to a space. Another method's string from its characters: GetString is a
            // managed call more (a response's CSeq, REGISTER's and PUBLISH's).
            space = 0;
            while (method + space < end && b[method + space] == b[Offset + space])
            {
                space++;
            }
            _cseqMethod = method + space == end && b[Offset + space] == (byte)' ' ? Method
                : new string(Utf8.Codec.GetChars(b, method, end - method));
        }

        /// <summary>
        /// The first header of the kind as a number from 0 to <paramref name="max"/>: -1 when absent, -2 when malformed or
        /// above. Read on the received bytes, trimmed of the white space and line breaks Unfold trims (a fold or any other
        /// byte among the digits is no digit, as in the unfolded string): no string of the value, under the request's check
        /// either (the office stream's low collections on the 80,896-byte board, h-checkbytes, h-sipreads).
        /// </summary>
        private int Number(int kind, long max)
        {
            // The span read here, not through ValueAt: a call less in every request's check (Max-Forwards).
            int line = IndexOf(kind, null, 0);
            if (line < 0)
            {
                return -1;
            }
            byte[] b = Buffer;
            int start = Offset + Spans[(line << 2) + 2];
            int end = TrimWhite(b, start, start + Spans[(line << 2) + 3]);
            long n = DecimalDigits.Parse(b, SkipWhite(b, start, end), end, 10);
            return n < 0 || n > max ? -2 : (int)n;
        }

        /// <summary>
        /// The number of header line <paramref name="line"/>'s ";name=N" parameter (name in any case, N perhaps quoted),
        /// -1 when the line or the parameter is absent or N is no number (delta-seconds). Read on the received bytes, the
        /// separators found outside quoted strings as <see cref="Next"/> finds them: no characters or string of the value
        /// (a BLF key's NOTIFY reads its Subscription-State's expires so; its lowest collection on the 80,896-byte board
        /// was under those characters).
        /// </summary>
        internal int ParamNumber(int line, string name)
        {
            long at = ParamAt(line, name);
            long n = at < 0 ? -1 : DecimalDigits.Parse(Buffer, (int)at, (int)(at >> 32), 10);
            return n > int.MaxValue ? -1 : (int)n;
        }

        /// <summary>The value in [start, start + length) trimmed; <paramref name="folded"/>: it may hold line breaks, each fold becomes one space.</summary>
        internal static string Unfold(byte[] b, int start, int length, bool folded)
        {
            int end = TrimWhite(b, start, start + length);
            start = SkipWhite(b, start, end);
            // A bare CR inside a line counts as a line break too (as it did when every value was searched for both).
            // The runtime's search straight from here (not through ByteSearch): a frame less under a header's value,
            // which the check of a response reads at its deepest (issue #17).
            if (!folded && (end <= start || System.Array.IndexOf(b, (ByteSearch.Boxes ?? ByteSearch.Make())[ByteSearch.Cr], start, end - start) < 0))
            {
                // The characters, then the string, made from this frame: Encoding.GetString is a managed frame (204 B) more
                // under both allocations, under every header value read as a string (issue #17: the stream's NOTIFY routing
                // and the top Via's read collected there on the 80,896-byte board).
                return new string(Utf8.Codec.GetChars(b, start, end - start));
            }
            var copy = new byte[end - start];
            int n = 0;
            for (int i = start; i < end; i++)
            {
                if (b[i] == (byte)'\r' || b[i] == (byte)'\n')
                {
                    n = TrimWhite(copy, 0, n);
                    i = SkipWhite(b, i + 1, end) - 1;
                    copy[n++] = (byte)' ';
                    continue;
                }
                copy[n++] = b[i];
            }
            return new string(Utf8.Codec.GetChars(copy, 0, n));
        }
    }
}
