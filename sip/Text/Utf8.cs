namespace DeskPhone.Sip.Text
{
    /// <summary>
    /// One UTF-8 sequence decoded from bytes, for the readers that must judge each sequence themselves (the XML
    /// reader refuses bad ones, message text replaces them); Encoding.UTF8 then makes the string of a checked range.
    /// </summary>
    public static class Utf8
    {
        /// <summary>
        /// The one UTF-8 encoder of the hot paths: on nanoFramework each read of <c>Encoding.UTF8</c> makes a new
        /// <c>UTF8Encoding</c> (four managed calls and an object: 43 of them per MESSAGE answered).
        /// </summary>
        public static readonly System.Text.UTF8Encoding Codec = new System.Text.UTF8Encoding();

        /// <summary>Appends a code point (0 to U+10FFFF, no surrogate) as UTF-16: one char, or a surrogate pair above U+FFFF.</summary>
        public static void AppendCodePoint(System.Text.StringBuilder sb, int code)
        {
            if (code < 0x10000)
            {
                sb.Append((char)code);
                return;
            }
            code -= 0x10000;
            sb.Append((char)(0xD800 + (code >> 10)));
            sb.Append((char)(0xDC00 + (code & 0x3FF)));
        }

        /// <summary>
        /// Decodes the multi-byte sequence whose lead byte is data[i] (at least 0x80). Returns its length (2 to 4) with
        /// the code point in <paramref name="code"/>, or 0 when it is not valid UTF-8 (a bad lead or continuation
        /// byte, an overlong form, a surrogate, beyond U+10FFFF, or cut off by <paramref name="end"/>). Then
        /// <paramref name="broken"/> is how many bytes belong to it (the lead and the continuation bytes that follow
        /// it, up to its stated length), and <paramref name="truncated"/> says whether its stated length runs past end.
        /// </summary>
        public static int Decode(byte[] data, int i, int end, out int code, out int broken, out bool truncated)
        {
            int b = data[i];
            int extra;
            int min;
            if ((b & 0xE0) == 0xC0) { extra = 1; code = b & 0x1F; min = 0x80; }
            else if ((b & 0xF0) == 0xE0) { extra = 2; code = b & 0x0F; min = 0x800; }
            else if ((b & 0xF8) == 0xF0) { extra = 3; code = b & 0x07; min = 0x10000; }
            else
            {
                code = 0;
                broken = 1;
                truncated = false;
                return 0;
            }
            truncated = i + extra >= end;
            int k = 1;
            while (k <= extra && i + k < end && (data[i + k] & 0xC0) == 0x80)
            {
                code = (code << 6) | (data[i + k] & 0x3F);
                k++;
            }
            if (k <= extra || code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            {
                broken = k;
                return 0;
            }
            broken = 0;
            return extra + 1;
        }
    }
}
