using System.Text;
using DeskPhone.Sip.Text;

namespace DeskPhone.Xml
{
    /// <summary>
    /// A small, strict XML pull reader for the documents a phone receives (Infobox, provisioning, PIDF, dialog-info,
    /// feature events). It refuses DTDs, so no entity can expand; every size it keeps is bounded by the limits below;
    /// names, texts and attribute values become strings only when a consumer asks for one (Name, Value, GetAttribute),
    /// and can be compared in the bytes instead (NameIs, LocalNameIs, ValueIs, AttributeIs); malformed input yields an
    /// Error node with the byte position, never an exception. An empty element (&lt;a/&gt;) is one StartElement with
    /// <see cref="IsEmptyElement"/> set and no EndElement. Whitespace-only text between elements is skipped.
    /// Its plain state (IsEmptyElement, Kind, Error) is public fields, not properties: no accessor method in the
    /// runtime tables, image and calls on the device (issue #17).
    /// </summary>
    public sealed class XmlPullReader
    {
        private readonly byte[] _data;
        private readonly int _start;
        private readonly int _end;
        private int _pos;

        // The current start tag's attributes' name starts (MaxAttributes of them), then the open elements' name
        // starts from the last slot down (MaxDepth, the root's last): end tags are matched and attributes read in the
        // document's own bytes, and no attribute becomes a string until a consumer asks for it. One int array of 32
        // (148 B) for what were two string arrays of 16 and two int arrays (600 B, and every attribute's name and value
        // as strings) under a BLF key's NOTIFY (docs/benchmarks.md, h-notifyxml). Two slots an int, 16 bits each from the
        // document's start, for a document of at most 65,535 bytes (every SIP body) and an even number of slots: 84 B,
        // not 156, under a BLF key's NOTIFY (h-notifyturn); one slot an int else (Wide). Read and written by Slot, SetSlot.
        private readonly int[] _offsets;

        // MaxDepth (low 8 bits), MaxNodes (the next 24) and MaxValueBytes (the high 32): one field (a long is one 12-byte
        // field as an int is), the limits being read only on a node's, a tag's or a value's way (h-notifyread).
        private readonly long _limits;
        // The open elements (low 8 bits: MaxDepth is at most 255) and the nodes read (above): one field, not two (12 B
        // less a reader, under every BLF key's NOTIFY, h-notifyturn).
        private int _depth;

        // RootSeen, RootClosed, Failed, Wide, then the current start tag's attribute count from bit CountShift.
        private int _state;
        private const int RootSeen = 1;
        private const int RootClosed = 2;
        private const int Failed = 4;
        private const int Wide = 8;
        private const int CountShift = 4;

        /// <summary>
        /// The limits for the SIP event bodies (PIDF, dialog-info, reginfo, feature events) and provisioning's file lists.
        /// 16 attributes an element: their documents carry about six at most (the namespaces included). Each attribute
        /// slot is an int (4 B) in the reader's one array, and a BLF key's NOTIFY makes a reader while the phone may be
        /// in a call (docs/benchmarks.md, "What it would take to fit 79 KB", h-notifyxml).
        /// </summary>
        public XmlPullReader(byte[] data, int offset, int length)
        {
            // The fields set here, not through the other constructor: a frame (204 B) less where the reader's array
            // is allocated, at the start of every BLF key's NOTIFY (docs/benchmarks.md, h-notifyread).
            _data = data;
            _start = offset;
            _end = offset + length;
            _pos = offset;
            _limits = 16 | 2048 << 8 | 4096L << 32;
            if (length > 0xFFFF)
            {
                _state = Wide;
                _offsets = new int[32];
            }
            else
            {
                _offsets = new int[16];
            }
        }

        public XmlPullReader(byte[] data, int offset, int length, int maxDepth, int maxAttributes, int maxValueBytes, int maxNodes)
        {
            _data = data;
            _start = offset;
            _end = offset + length;
            _pos = offset;
            _limits = (uint)(maxDepth | maxNodes << 8) | (long)maxValueBytes << 32;
            if (length > 0xFFFF || ((maxDepth + maxAttributes) & 1) != 0)
            {
                _state = Wide;
                _offsets = new int[maxDepth + maxAttributes];
            }
            else
            {
                _offsets = new int[(maxDepth + maxAttributes) >> 1];
            }
        }

        /// <summary>How many slots <see cref="_offsets"/> holds (attributes and open elements).</summary>
        private int Slots => (_state & Wide) != 0 ? _offsets.Length : _offsets.Length << 1;

        /// <summary>The document position kept in slot <paramref name="i"/>.</summary>
        private int Slot(int i) => (_state & Wide) != 0 ? _offsets[i] : _start + (_offsets[i >> 1] >> ((i & 1) << 4) & 0xFFFF);

        /// <summary>Keeps document position <paramref name="at"/> in slot <paramref name="i"/>.</summary>
        private void SetSlot(int i, int at)
        {
            if ((_state & Wide) != 0)
            {
                _offsets[i] = at;
            }
            else
            {
                // The other slot of the int kept: shift 0 or 16.
                at = (at - _start) << ((i & 1) << 4);
                _offsets[i >> 1] = _offsets[i >> 1] & ~(0xFFFF << ((i & 1) << 4)) | at;
            }
        }

        // Where the current node's name (a start or end tag's) or text starts, a CDATA section's as ~start (no entity
        // in it): a name ends where its bytes do, a text where the reader stopped (the '<' after it; a CDATA section 3
        // bytes before). Checked when it was read, made a string only when Name or Value is asked for: a consumer that
        // only compares a name or a text does it in the bytes (NameIs, LocalNameIs, ValueIs), no string for a tag or a
        // text of a BLF key's NOTIFY (docs/benchmarks.md, h-notifyread).
        private int _at;

        /// <summary>The current start or end tag's name, made a string now (each time it is asked for); null for another node.</summary>
        public string Name => Kind == XmlNodeKind.StartElement || Kind == XmlNodeKind.EndElement ? AttributeName(_at) : null;

        /// <summary>The current text (or CDATA section), decoded now (each time it is asked for); null for another node.</summary>
        public string Value
        {
            get
            {
                if (Kind != XmlNodeKind.Text)
                {
                    return null;
                }
                if (_at < 0)
                {
                    return new string(Utf8.Codec.GetChars(_data, ~_at, _pos - 3 - ~_at));
                }
                // Checked when it was read: decoded here without an error.
                for (int i = _at; i < _pos; i++)
                {
                    if (_data[i] == (byte)'&')
                    {
                        return DecodeEntities(_at, _pos, i);
                    }
                }
                return new string(Utf8.Codec.GetChars(_data, _at, _pos - _at));
            }
        }

        public bool IsEmptyElement;
        public int AttributeCount => _state >> CountShift;
        public string Error;

        /// <summary>What the last <see cref="Read"/> or <see cref="Next"/> stopped on (an <see cref="XmlNodeKind"/>).</summary>
        public int Kind;

        /// <summary>
        /// Nesting level of the current node: for a start or end tag the element's own (1 for the root, 2 for its
        /// children, the same at both tags), for text the level of the element that holds it.
        /// </summary>
        public int Depth => Kind == XmlNodeKind.EndElement || IsEmptyElement ? (_depth & 0xFF) + 1 : _depth & 0xFF;

        /// <summary>
        /// Whether the current start or end tag's name is the ASCII <paramref name="name"/>, compared in the document's
        /// bytes (Name == name, without the string).
        /// </summary>
        public bool NameIs(string name) => (Kind == XmlNodeKind.StartElement || Kind == XmlNodeKind.EndElement) && Matches(_at, NameEnd(_at), name);

        /// <summary>
        /// Whether the current start or end tag's name without its prefix (<see cref="LocalName"/>) is the ASCII
        /// <paramref name="name"/>, compared in the document's bytes.
        /// </summary>
        public bool LocalNameIs(string name)
        {
            if (Kind != XmlNodeKind.StartElement && Kind != XmlNodeKind.EndElement)
            {
                return false;
            }
            int end = NameEnd(_at);
            int at = _at;
            while (at < end && _data[at] != (byte)':')
            {
                at++;
            }
            return Matches(at < end ? at + 1 : _at, end, name);
        }

        /// <summary>
        /// Whether the current text, the white space around it aside, is the ASCII <paramref name="value"/>
        /// (Value.Trim() == value), compared in the document's bytes; a text with an entity reference or a byte outside
        /// ASCII, or a CDATA section, is compared decoded (the rare case).
        /// </summary>
        public bool ValueIs(string value)
        {
            if (Kind != XmlNodeKind.Text)
            {
                return false;
            }
            int start = _at;
            // A CDATA section (~start) is compared decoded: no byte loop.
            int end = _at < 0 ? _at : _pos;
            for (int i = start; i < end; i++)
            {
                if (_data[i] >= 0x80 || _data[i] == (byte)'&')
                {
                    end = -1;
                    break;
                }
            }
            if (end < 0)
            {
                return Value.Trim() == value;
            }
            // Past the white space XML allows around a text (a control character else is refused when it is read).
            while (start < end && _data[start] <= (byte)' ')
            {
                start++;
            }
            while (end > start && _data[end - 1] <= (byte)' ')
            {
                end--;
            }
            return Matches(start, end, value);
        }

        /// <summary>
        /// The value of the current start tag's attribute <paramref name="name"/> (compared byte for character: the
        /// names asked for are ASCII), or with no name of attribute <paramref name="index"/>, made a string now, each
        /// time it is asked for; null when the tag has none. The value is scanned and made here, not in a method under
        /// this one: a frame (204 B) less where its string is allocated, under a BLF NOTIFY's Apply (docs/benchmarks.md,
        /// h-applyframe).
        /// </summary>
        public string GetAttribute(string name, int index = 0)
        {
            int at = Find(name, index);
            if (at < 0)
            {
                return null;
            }
            // Its end, and its first entity reference (index, -1: none): checked when the tag was read, it is decoded only.
            index = -1;
            int end = at + 1;
            while (_data[end] != _data[at])
            {
                if (index < 0 && _data[end] == (byte)'&')
                {
                    index = end;
                }
                end++;
            }
            return index < 0 ? new string(Utf8.Codec.GetChars(_data, at + 1, end - at - 1)) : DecodeEntities(at + 1, end, index);
        }

        /// <summary>
        /// Whether the current start tag has attribute <paramref name="name"/> with the ASCII <paramref name="value"/>,
        /// compared in the document's bytes: no string for a value that is only compared (a dialog-info's state,
        /// direction, param), h-applyframe. A value with an entity reference is compared decoded (the rare case).
        /// </summary>
        public bool AttributeIs(string name, string value)
        {
            int at = Find(name, 0);
            if (at < 0)
            {
                return false;
            }
            int length = value.Length;
            for (int i = 0; i <= length; i++)
            {
                int b = _data[at + 1 + i];
                if (b == (byte)'&')
                {
                    return GetAttribute(name) == value;
                }
                if (i == length || b != value[i])
                {
                    // Equal when the value's closing quote is where the value asked for ends.
                    return i == length && b == _data[at];
                }
            }
            return false;
        }

        /// <summary>
        /// The FNV-1a hash of the current start tag's attribute <paramref name="name"/>'s value (its UTF-8 bytes,
        /// decoded when it has an entity reference), 0 when the tag has none (a value that hashes to 0 is 1): for a value
        /// only matched against others by its hash (a dialog's id), no string (docs/benchmarks.md, h-notifyread).
        /// </summary>
        public int AttributeHash(string name)
        {
            int at = Find(name, 0);
            if (at < 0)
            {
                return 0;
            }
            byte[] bytes = _data;
            int end = at + 1;
            while (_data[end] != _data[at])
            {
                if (_data[end] == (byte)'&')
                {
                    bytes = Utf8.Codec.GetBytes(GetAttribute(name));
                    at = -1;
                    end = bytes.Length;
                    break;
                }
                end++;
            }
            uint hash = 2166136261;
            while (++at < end)
            {
                hash = (hash ^ bytes[at]) * 16777619;
            }
            return hash == 0 ? 1 : (int)hash;
        }

        /// <summary>
        /// The current start tag's attribute <paramref name="name"/> as a decimal number of at most 18 digits (no sign,
        /// no white space), or -1 when the tag has none or it is not one: read in the bytes, no string (h-notifyread).
        /// </summary>
        public long AttributeNumber(string name)
        {
            int at = Find(name, 0);
            if (at < 0)
            {
                return -1;
            }
            int end = at + 1;
            while (_data[end] != _data[at])
            {
                if (_data[end] == (byte)'&')
                {
                    return DecimalDigits.Parse(GetAttribute(name), DecimalDigits.MaxDigits);
                }
                end++;
            }
            return DecimalDigits.Parse(_data, at + 1, end, DecimalDigits.MaxDigits);
        }

        /// <summary>
        /// Where the value of the current start tag's attribute <paramref name="name"/> (with no name: of attribute
        /// <paramref name="index"/>) opens, its quote (past the name, '=' and white space: none of them a quote); -1: none.
        /// </summary>
        private int Find(string name, int index)
        {
            int at = -1;
            if (name == null)
            {
                at = Slot(index);
            }
            else
            {
                // The names compared here, not in a method under this one: a frame (204 B) less under every attribute a
                // BLF key's NOTIFY asks for (h-notifyturn). A name read ends at '=' or white space.
                for (int i = _state >> CountShift; --i >= 0;)
                {
                    at = Slot(i);
                    int j = 0;
                    if (at + name.Length < _end)
                    {
                        while (j < name.Length && _data[at + j] == name[j])
                        {
                            j++;
                        }
                    }
                    if (j == name.Length && NameEnds(_data[at + j]))
                    {
                        break;
                    }
                    at = -1;
                }
            }
            if (at >= 0)
            {
                while (_data[at] != (byte)'"' && _data[at] != (byte)'\'')
                {
                    at++;
                }
            }
            return at;
        }

        /// <summary>
        /// Whether <paramref name="b"/> ends an attribute's name read already: '=' or white space is all that may follow one.
        /// </summary>
        private static bool NameEnds(byte b) => b == (byte)'=' || b <= (byte)' ';

        public string GetAttributeName(int index)
        {
            int at = Slot(index);
            return Decode(at, NameEnd(at) - at);
        }

        /// <summary>A name without its namespace prefix ("rpid:busy" is "busy"): the documents the phone reads use fixed vocabularies.</summary>
        public static string LocalName(string name)
        {
            int colon = name.IndexOf(':');
            return colon < 0 ? name : name.Substring(colon + 1);
        }

        public string GetAttributeValue(int index) => GetAttribute(null, index);

        /// <summary>Where the name starting at <paramref name="at"/> ends (scanned by <see cref="ScanName"/> before).</summary>
        private int NameEnd(int at)
        {
            while (at < _end)
            {
                byte b = _data[at];
                if (!((b >= (byte)'a' && b <= (byte)'z') || (b >= (byte)'A' && b <= (byte)'Z') || b == (byte)'_' ||
                      b == (byte)':' || b >= 0x80 || (b >= (byte)'0' && b <= (byte)'9') || b == (byte)'-' || b == (byte)'.'))
                {
                    break;
                }
                at++;
            }
            return at;
        }

        /// <summary>
        /// The walk of a document's nodes that every parser of one does: true on each start tag, text and end tag in
        /// document order (see <see cref="Kind"/>, <see cref="Depth"/>), false at the end of the document or on an
        /// error (then <see cref="Error"/> says why; null at a good end). The reader already refuses what a walk
        /// would otherwise check: a second root, unmatched end tags, a document that ends inside an element, the limits.
        /// </summary>
        public bool Next()
        {
            // ReadNode itself, not through Read, and Kind for a local: one frame (204 B) less under every node a
            // NOTIFY's body is read by (docs/benchmarks.md, h-turnframes).
            Kind = ReadNode();
            return Kind != XmlNodeKind.EndOfDocument && Kind != XmlNodeKind.Error;
        }

        public int Read()
        {
            Kind = ReadNode();
            return Kind;
        }

        // A start tag and its attributes are read here, not in methods of their own: ReadStartTag (216 B) and
        // ReadAttribute (216 B) were two frames more under every attribute's checks of a BLF key's NOTIFY, the deepest
        // point of its turn (docs/benchmarks.md, h-notifyturn).
        private int ReadNode()
        {
            // What ReadText returned, then the tag's name start (a start tag's) or its open element's (an end tag's): one
            // local for both (a frame slot less); an attribute's name start or an end tag's; a tag's byte, a quote or an
            // end tag's name length.
            int at;
            int attribute;
            int b;
            if ((_state & Failed) != 0)
            {
                return XmlNodeKind.Error;
            }
            IsEmptyElement = false;
            _state &= (1 << CountShift) - 1;
            while (true)
            {
                if (_pos >= _end)
                {
                    if ((_depth & 0xFF) > 0)
                    {
                        return Fail("document ends inside <" + OpenName((_depth & 0xFF) - 1) + ">");
                    }
                    return (_state & RootSeen) != 0 ? XmlNodeKind.EndOfDocument : Fail("no root element");
                }
                if ((_depth += 0x100) >> 8 > ((int)_limits >> 8 & 0xFFFFFF))
                {
                    return Fail("more than " + Number((int)_limits >> 8 & 0xFFFFFF) + " nodes");
                }
                if (_data[_pos] != (byte)'<')
                {
                    at = ReadText();
                    if (at != 0)
                    {
                        return at;
                    }
                    continue;
                }
                // The byte after '<' tells the node: a tag is told from it without a literal (every ldstr makes a 12-byte
                // string object on nanoCLR: up to five a node were garbage under a NOTIFY's Apply, h-notifyread).
                if (_pos + 1 >= _end || _data[_pos + 1] != (byte)'?' && _data[_pos + 1] != (byte)'!')
                {
                    if (_pos + 1 < _end && _data[_pos + 1] == (byte)'/')
                    {
                        // An end tag, read here as a start tag is (ReadEndTag was a frame of 228 B under its name's
                        // reads, h-notifyturn): its name's start, then its length; its '<' is 2 bytes before its name.
                        _pos += 2;
                        attribute = _pos;
                        if (!ScanName())
                        {
                            return Fail("bad end tag");
                        }
                        b = _pos - attribute;
                        SkipSpace();
                        if (_pos >= _end || _data[_pos] != (byte)'>')
                        {
                            return Fail("unterminated end tag");
                        }
                        _pos++;
                        if ((_depth & 0xFF) == 0)
                        {
                            _pos = attribute - 2;
                            return Fail("end tag without a start tag");
                        }
                        // The open element's name is the end tag's when its bytes are and it ends there (white space,
                        // '>' or '/' follows a name in a start tag): no scan of its length.
                        at = Slot(Slots - (_depth & 0xFF));
                        if (!SameBytes(at, b, attribute, b) || _data[at + b] > (byte)' ' &&
                            _data[at + b] != (byte)'>' && _data[at + b] != (byte)'/')
                        {
                            _pos = attribute - 2;
                            return Fail("end tag does not match <" + OpenName((_depth & 0xFF) - 1) + ">");
                        }
                        _depth--;
                        if ((_depth & 0xFF) == 0)
                        {
                            _state |= RootClosed;
                        }
                        // The open element's bytes, checked when its start tag was read: no string for an end tag (Name
                        // makes one).
                        _at = attribute;
                        return XmlNodeKind.EndElement;
                    }
                    // A start tag: read below.
                    break;
                }
                if (_data[_pos + 1] == (byte)'?')
                {
                    if (!SkipPast("?>"))
                    {
                        return Fail("unterminated processing instruction");
                    }
                    continue;
                }
                if (StartsWith("<!--"))
                {
                    if (!SkipPast("-->"))
                    {
                        return Fail("unterminated comment");
                    }
                    continue;
                }
                if (StartsWith("<![CDATA["))
                {
                    return ReadCData();
                }
                return Fail("DTDs and declarations are not accepted");
            }
            if ((_state & RootClosed) != 0)
            {
                return Fail("content after the root element");
            }
            _pos++;
            at = _pos;
            if (!ScanName())
            {
                return Fail("bad element name");
            }
            // The name checked (UTF-8; ScanName let no control character through), made a string only when asked for.
            if (!Ascii(at, _pos) && !Check(at, _pos))
            {
                return XmlNodeKind.Error;
            }
            while (true)
            {
                // White space is what may come before an attribute, and none is needed before '>' or "/>": no bool for
                // whether there was some.
                if (!SkipSpace() && _pos < _end && _data[_pos] != (byte)'>' && _data[_pos] != (byte)'/')
                {
                    return Fail("expected white space before an attribute");
                }
                if (_pos >= _end)
                {
                    return Fail("unterminated start tag <" + AttributeName(at) + ">");
                }
                b = _data[_pos];
                if (b == (byte)'>' || b == (byte)'/')
                {
                    // b is '/' for an empty element: no bool beside it (h-turnframes).
                    if (b == (byte)'/')
                    {
                        _pos++;
                        if (_pos >= _end || _data[_pos] != (byte)'>')
                        {
                            return Fail("expected '>' after '/'");
                        }
                    }
                    _pos++;
                    if ((_depth & 0xFF) == 0 && (_state & RootSeen) != 0)
                    {
                        return Fail("more than one root element");
                    }
                    _state |= RootSeen;
                    if ((_depth & 0xFF) >= ((int)_limits & 0xFF))
                    {
                        return Fail("nesting deeper than " + Number((int)_limits & 0xFF));
                    }
                    if (b == (byte)'/')
                    {
                        if ((_depth & 0xFF) == 0)
                        {
                            _state |= RootClosed;
                        }
                    }
                    else
                    {
                        SetSlot(Slots - 1 - (_depth & 0xFF), at);
                        _depth++;
                    }
                    _at = at;
                    IsEmptyElement = b == (byte)'/';
                    return XmlNodeKind.StartElement;
                }
                // An attribute: its name's start (its value's is the byte after the quote that follows the name).
                attribute = _pos;
                if (!ScanName())
                {
                    return Fail("bad attribute name");
                }
                // The name checked, not made a string: only an error says it (AttributeName).
                if (!Check(attribute, _pos))
                {
                    return XmlNodeKind.Error;
                }
                SkipSpace();
                if (_pos >= _end || _data[_pos] != (byte)'=')
                {
                    return Fail("attribute " + AttributeName(attribute) + " has no value");
                }
                _pos++;
                SkipSpace();
                if (_pos >= _end || (_data[_pos] != (byte)'"' && _data[_pos] != (byte)'\''))
                {
                    return Fail("attribute " + AttributeName(attribute) + " value is not quoted");
                }
                // b is the quote now.
                b = _data[_pos++];
                while (_pos < _end && _data[_pos] != b)
                {
                    if (_data[_pos] == (byte)'<')
                    {
                        return Fail("'<' inside attribute " + AttributeName(attribute));
                    }
                    _pos++;
                }
                if (_pos >= _end)
                {
                    return Fail("unterminated value of attribute " + AttributeName(attribute));
                }
                // The value checked as it would be decoded (entities, UTF-8, length), made a string only when asked for.
                if (!Check(ValueStart(attribute), _pos))
                {
                    return XmlNodeKind.Error;
                }
                _pos++;
                if (!Keep(attribute))
                {
                    return XmlNodeKind.Error;
                }
            }
        }

        /// <summary>The byte after the quote that opens the value of the attribute read at <paramref name="name"/>.</summary>
        private int ValueStart(int name)
        {
            while (_data[name] != (byte)'"' && _data[name] != (byte)'\'')
            {
                name++;
            }
            return name + 1;
        }

        /// <summary>A number for a message, made a string in a frame of its own: no temporary in its caller's.</summary>
        private static string Number(int n) => n.ToString();

        /// <summary>
        /// Keeps the current start tag's attribute whose name starts at <paramref name="nameStart"/> (read and checked),
        /// unless the tag has it already or has as many as it may: in its own frame, so ReadNode's, live under each
        /// attribute's checks, stays small (docs/benchmarks.md, h-turnframes, h-notifyxml). The names are compared here,
        /// not in a method under this one: a frame (204 B) less under every attribute of a BLF key's NOTIFY (h-notifyturn).
        /// </summary>
        private bool Keep(int nameStart)
        {
            for (int i = 0; i < _state >> CountShift; i++)
            {
                // Equal up to where both names end ('=' or white space: all that may follow a name read already).
                int a = Slot(i);
                int b = nameStart;
                while (_data[a] == _data[b] && !NameEnds(_data[a]))
                {
                    a++;
                    b++;
                }
                if (NameEnds(_data[a]) && NameEnds(_data[b]))
                {
                    Fail("duplicate attribute " + AttributeName(nameStart));
                    return false;
                }
            }
            if (_state >> CountShift == Slots - ((int)_limits & 0xFF))
            {
                Fail("more than " + Number(_state >> CountShift) + " attributes");
                return false;
            }
            SetSlot(_state >> CountShift, nameStart);
            _state += 1 << CountShift;
            return true;
        }

        /// <summary>The name (an attribute's or an element's) at <paramref name="at"/> for a message (checked already).</summary>
        private string AttributeName(int at) => new string(Utf8.Codec.GetChars(_data, at, NameEnd(at) - at));

        /// <summary>
        /// Checks bytes start to end as <see cref="ReadText"/> decodes a text (length, entity references,
        /// control characters, UTF-8) without making a string: false and an Error where they are not.
        /// </summary>
        private bool Check(int start, int end)
        {
            if (end - start > (int)(_limits >> 32))
            {
                Fail("value longer than " + ((int)(_limits >> 32)).ToString() + " bytes");
                return false;
            }
            while (start < end)
            {
                int b = _data[start];
                if (b == '&')
                {
                    start = Entity(null, start, end);
                    if (start < 0)
                    {
                        return false;
                    }
                }
                else if (b < 0x80)
                {
                    if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D)
                    {
                        _pos = start;
                        Fail("control character");
                        return false;
                    }
                    start++;
                }
                else
                {
                    b = SequenceAt(start, end);
                    if (b == 0)
                    {
                        return false;
                    }
                    start += b;
                }
            }
            return true;
        }

        /// <summary>Returns Text, Error, or 0 when the run was white space only (skipped).</summary>
        private int ReadText()
        {
            int start = _pos;
            // The first byte that needs a check (an entity reference's '&', a byte outside ASCII, a control character;
            // -1: none, the common case), and -2 while only white space was read: one local for both. The bytes are
            // classed in this loop, not by Ascii after it: a frame (204 B) less under every text of a BLF key's NOTIFY
            // (h-notifyturn).
            int amp = -2;
            while (_pos < _end && _data[_pos] != (byte)'<')
            {
                byte b = _data[_pos];
                if (amp < 0 && (b == (byte)'&' || b >= 0x80 || b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D))
                {
                    amp = _pos;
                }
                else if (amp == -2 && b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n')
                {
                    amp = -1;
                }
                _pos++;
            }
            if (amp == -2)
            {
                return 0;
            }
            if ((_depth & 0xFF) == 0)
            {
                _pos = start;
                return Fail("text outside the root element");
            }
            if (_pos - start > (int)(_limits >> 32))
            {
                return Fail("value longer than " + Number((int)(_limits >> 32)) + " bytes");
            }
            // Checked as it would be decoded (entities, control characters, UTF-8), made a string only when Value is
            // asked for: no string for a text that is only compared (ValueIs), h-notifyread.
            if (amp >= 0 && !Check(start, _pos))
            {
                return XmlNodeKind.Error;
            }
            _at = start;
            return XmlNodeKind.Text;
        }

        private int ReadCData()
        {
            if ((_depth & 0xFF) == 0)
            {
                return Fail("CDATA outside the root element");
            }
            _pos += 9;
            int start = _pos;
            if (!SkipPast("]]>"))
            {
                return Fail("unterminated CDATA section");
            }
            // Checked by Decode (the rare case: its string let go), no entity in it: its start kept as ~start (Value
            // makes it a string as it is).
            if (Decode(start, _pos - 3 - start) == null)
            {
                return XmlNodeKind.Error;
            }
            _at = ~start;
            return XmlNodeKind.Text;
        }

        // A value with entity references, the rare case, in its own frame: the common one (no '&') goes to Decode
        // from a frame of 204 B, not 276 (docs/benchmarks.md, h-turnframes).
        private string DecodeEntities(int start, int end, int amp)
        {
            var sb = new StringBuilder(end - start);
            int run = start;
            int p = amp;
            while (p < end)
            {
                if (_data[p] != (byte)'&')
                {
                    p++;
                    continue;
                }
                if (p > run)
                {
                    string part = Decode(run, p - run);
                    if (part == null)
                    {
                        return null;
                    }
                    sb.Append(part);
                }
                p = Entity(sb, p, end);
                if (p < 0)
                {
                    return null;
                }
                run = p;
            }
            if (run < end)
            {
                string tail = Decode(run, end - run);
                if (tail == null)
                {
                    return null;
                }
                sb.Append(tail);
            }
            return sb.ToString();
        }

        /// <summary>
        /// The entity reference whose '&amp;' is at <paramref name="at"/>, checked (and appended to <paramref name="sb"/>
        /// when given): the byte after its ';', or -1 once failed (a ';' within 10 bytes, a known or numeric entity).
        /// </summary>
        private int Entity(StringBuilder sb, int at, int end)
        {
            int semi = at + 1;
            while (semi < end && semi - at <= 10 && _data[semi] != (byte)';')
            {
                semi++;
            }
            if (semi >= end || _data[semi] != (byte)';')
            {
                _pos = at;
                Fail("unterminated entity reference");
                return -1;
            }
            if (!AppendEntity(sb, at + 1, semi))
            {
                _pos = at;
                return -1;
            }
            return semi + 1;
        }

        /// <summary>Appends the entity's character to <paramref name="sb"/>, or only checks it when sb is null (<see cref="Check"/>).</summary>
        private bool AppendEntity(StringBuilder sb, int start, int end)
        {
            if (Matches(start, end, "lt")) { sb?.Append('<'); return true; }
            if (Matches(start, end, "gt")) { sb?.Append('>'); return true; }
            if (Matches(start, end, "amp")) { sb?.Append('&'); return true; }
            if (Matches(start, end, "quot")) { sb?.Append('"'); return true; }
            if (Matches(start, end, "apos")) { sb?.Append('\''); return true; }
            if (end - start >= 2 && _data[start] == (byte)'#')
            {
                int code = 0;
                bool hex = _data[start + 1] == (byte)'x';
                int i = hex ? start + 2 : start + 1;
                if (i >= end)
                {
                    Fail("empty character reference");
                    return false;
                }
                for (; i < end; i++)
                {
                    int d = Digit(_data[i], hex);
                    if (d < 0 || code > 0x10FFFF)
                    {
                        Fail("bad character reference");
                        return false;
                    }
                    code = code * (hex ? 16 : 10) + d;
                }
                if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
                {
                    Fail("character reference to an invalid character");
                    return false;
                }
                if (sb != null)
                {
                    Utf8.AppendCodePoint(sb, code);
                }
                return true;
            }
            Fail("unknown entity (only the five predefined ones and character references are accepted)");
            return false;
        }

        private static int Digit(byte b, bool hex)
        {
            if (b >= (byte)'0' && b <= (byte)'9') return b - (byte)'0';
            return hex ? HexDigit.Value(b) : -1;
        }

        /// <summary>UTF-8 bytes to a string; null (and an Error) on an invalid sequence.</summary>
        private string Decode(int start, int length)
        {
            if (length > (int)(_limits >> 32))
            {
                Fail("value longer than " + ((int)(_limits >> 32)).ToString() + " bytes");
                return null;
            }
            int i = start;
            int end = start + length;
            while (i < end)
            {
                int b = _data[i];
                if (b < 0x80)
                {
                    if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D)
                    {
                        _pos = i;
                        Fail("control character");
                        return null;
                    }
                    i++;
                    continue;
                }
                int n = SequenceAt(i, end);
                if (n == 0)
                {
                    return null;
                }
                i += n;
            }
            return new string(Utf8.Codec.GetChars(_data, start, length));
        }

        // The length of the UTF-8 sequence at i (0 and an Error when it is invalid), in its own frame: Decode's, under
        // every name and value, stays at 204 B for ASCII, not 288 (docs/benchmarks.md, h-turnframes).
        private int SequenceAt(int i, int end)
        {
            int n = Utf8.Decode(_data, i, end, out int code, out int broken, out bool truncated);
            if (n == 0)
            {
                _pos = i;
                Fail(truncated ? "truncated UTF-8 sequence" : "invalid UTF-8");
            }
            return n;
        }

        private bool ScanName()
        {
            int first = _pos;
            while (_pos < _end)
            {
                byte b = _data[_pos];
                bool ok = (b >= (byte)'a' && b <= (byte)'z') || (b >= (byte)'A' && b <= (byte)'Z') || b == (byte)'_' ||
                          b == (byte)':' || b >= 0x80 ||
                          (_pos > first && ((b >= (byte)'0' && b <= (byte)'9') || b == (byte)'-' || b == (byte)'.'));
                if (!ok)
                {
                    break;
                }
                _pos++;
            }
            return _pos > first && _pos - first <= (int)(_limits >> 32);
        }

        /// <summary>
        /// Whether bytes start to end are all ASCII and no control character but tab, CR and LF: what
        /// <see cref="Decode"/> takes as it is (a name has no control character: only the ASCII of it is asked).
        /// </summary>
        private bool Ascii(int start, int end)
        {
            for (; start < end; start++)
            {
                int b = _data[start];
                if (b >= 0x80 || b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D)
                {
                    return false;
                }
            }
            return true;
        }

        private bool SkipSpace()
        {
            int before = _pos;
            while (_pos < _end)
            {
                byte b = _data[_pos];
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n')
                {
                    break;
                }
                _pos++;
            }
            return _pos > before;
        }

        private bool StartsWith(string token)
        {
            if (_pos + token.Length > _end)
            {
                return false;
            }
            for (int i = 0; i < token.Length; i++)
            {
                if (_data[_pos + i] != (byte)token[i])
                {
                    return false;
                }
            }
            return true;
        }

        private bool SkipPast(string token)
        {
            while (_pos < _end)
            {
                if (StartsWith(token))
                {
                    _pos += token.Length;
                    return true;
                }
                _pos++;
            }
            return false;
        }

        private bool Matches(int start, int end, string name)
        {
            if (end - start != name.Length)
            {
                return false;
            }
            for (int i = 0; i < name.Length; i++)
            {
                if (_data[start + i] != (byte)name[i])
                {
                    return false;
                }
            }
            return true;
        }

        private bool SameBytes(int a, int aLength, int b, int bLength)
        {
            if (aLength != bLength)
            {
                return false;
            }
            for (int i = 0; i < aLength; i++)
            {
                if (_data[a + i] != _data[b + i])
                {
                    return false;
                }
            }
            return true;
        }

        private string OpenName(int level) => AttributeName(Slot(Slots - 1 - level));

        private int Fail(string message)
        {
            if ((_state & Failed) == 0)
            {
                _state |= Failed;
                Error = message + " at byte " + (_pos - _start).ToString();
            }
            return XmlNodeKind.Error;
        }
    }
}
