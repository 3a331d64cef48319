using System.Text;
using DeskPhone.Sip.Text;

namespace DeskPhone.Domain.Messages
{
    /// <summary>
    /// Turns a text body into what a screen may show: UTF-8 decoded with every invalid sequence replaced by U+FFFD,
    /// control characters removed, line breaks (CR LF, CR, LF) kept as one '\n', tabs as a space, outer white space
    /// trimmed. A part of <see cref="DesktopMessageStore"/>, not a class of its own (a type is 8 B of runtime tables on
    /// the device, h-domslim).
    /// </summary>
    public sealed partial class DesktopMessageStore
    {
        public const char Replacement = '\uFFFD';

        public static string FromUtf8(byte[] data, int offset, int length)
        {
            int end = offset + length;
            if (ShowsAsIs(data, offset, end))
            {
                // Nothing to replace, remove or turn into '\n': the runtime decodes the bytes in one call, instead of a
                // StringBuilder call per character (on the device a 112-byte text cost half a million instructions so).
                while (offset < end && data[offset] == (byte)' ')
                {
                    offset++;
                }
                while (end > offset && data[end - 1] == (byte)' ')
                {
                    end--;
                }
                return Utf8.Codec.GetString(data, offset, end - offset);
            }
            return Rebuild(data, offset, length);
        }

        /// <summary>
        /// True when every byte in [offset, end) is printable ASCII or part of a valid sequence of at most three bytes
        /// (below U+10000) that is no C1 control: then the text is the bytes decoded, trimmed of spaces.
        /// </summary>
        private static bool ShowsAsIs(byte[] data, int offset, int end)
        {
            int i = offset;
            while (i < end)
            {
                // Printable ASCII (the usual text) four bytes a turn, one unsigned compare each: the interpreter pays per
                // IL instruction, and the byte-by-byte tests below take twice as many per byte.
                while (i + 3 < end && (uint)(data[i] - 0x20) < 0x5F && (uint)(data[i + 1] - 0x20) < 0x5F &&
                       (uint)(data[i + 2] - 0x20) < 0x5F && (uint)(data[i + 3] - 0x20) < 0x5F)
                {
                    i += 4;
                }
                if (i == end)
                {
                    break;
                }
                int b = data[i];
                if (b < 0x80)
                {
                    if (b < 0x20 || b == 0x7F)
                    {
                        return false;
                    }
                    i++;
                    continue;
                }
                // The sequence's length in b: one local fewer in a frame under every MESSAGE's text (h-turnframes).
                b = Utf8.Decode(data, i, end, out int code, out int broken, out bool truncated);
                if (b == 0 || b == 4 || (code >= 0x80 && code < 0xA0))
                {
                    return false;
                }
                i += b;
            }
            return true;
        }

        /// <summary>The text built character by character: invalid sequences replaced, controls removed, line breaks made '\n'.</summary>
        private static string Rebuild(byte[] data, int offset, int length)
        {
            var sb = new StringBuilder(length);
            int end = offset + length;
            int i = offset;
            while (i < end)
            {
                int b = data[i];
                if (b < 0x80)
                {
                    i++;
                    if (b == '\r')
                    {
                        if (i < end && data[i] == (byte)'\n')
                        {
                            i++;
                        }
                        sb.Append('\n');
                    }
                    else if (b == '\n')
                    {
                        sb.Append('\n');
                    }
                    else if (b == '\t')
                    {
                        sb.Append(' ');
                    }
                    else if (b >= 0x20 && b != 0x7F)
                    {
                        sb.Append((char)b);
                    }
                    continue;
                }
                // The sequence's length in b, as in ShowsAsIs.
                b = Utf8.Decode(data, i, end, out int code, out int broken, out bool truncated);
                if (b == 0)
                {
                    // Skip the lead byte and the continuation bytes that belonged to it: one replacement per sequence.
                    sb.Append(Replacement);
                    i += broken;
                    continue;
                }
                i += b;
                if (code >= 0x80 && code < 0xA0)
                {
                    continue;
                }
                Utf8.AppendCodePoint(sb, code);
            }
            return Trim(sb.ToString());
        }

        private static string Trim(string s)
        {
            int start = 0;
            int end = s.Length;
            while (start < end && (s[start] == ' ' || s[start] == '\n'))
            {
                start++;
            }
            while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\n'))
            {
                end--;
            }
            return start == 0 && end == s.Length ? s : s.Substring(start, end - start);
        }
    }
}
