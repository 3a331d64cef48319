using System.Collections;
using System.Text;

namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// The payload of a slot: UTF-8 lines "name TAB idx TAB value" with \\, \t, \n and \r escaped in the value.
    /// Text rather than binary so a copied settings file can be read and diffed by a person. Values are copied and
    /// searched as char arrays and lines split on the UTF-8 bytes: on nanoFramework the string indexer returns the high
    /// surrogate for both halves of a pair and string.IndexOf misses everything after a character outside the BMP, so
    /// one emoji in a value corrupted it and every line after it (tests/Device.Tests, docs/device-tests.md).
    /// </summary>
    public static class SettingsPayload
    {
        /// <summary>
        /// Writes one line at <paramref name="at"/> in <paramref name="to"/> and returns where the next one goes; with
        /// <paramref name="to"/> null only counts its bytes (the store sizes the slot first, then fills it: one copy
        /// of the payload on the heap, where a StringBuilder, its string and their UTF-8 bytes held three). The value is
        /// escaped on its UTF-8 bytes: backslash, TAB, LF and CR are single bytes that never occur inside a multi-byte
        /// sequence, so a character outside the BMP is copied whole.
        /// </summary>
        public static int WriteLine(byte[] to, int at, string name, int idx, string value)
        {
            at = Put(to, at, Encoding.UTF8.GetBytes(name));
            at = Put(to, at, (byte)'\t');
            at = Put(to, at, Encoding.UTF8.GetBytes(idx.ToString()));
            at = Put(to, at, (byte)'\t');
            byte[] v = Encoding.UTF8.GetBytes(value);
            for (int i = 0; i < v.Length; i++)
            {
                byte b = v[i];
                byte escaped = b == '\\' ? (byte)'\\' : b == '\t' ? (byte)'t' : b == '\n' ? (byte)'n' : b == '\r' ? (byte)'r' : (byte)0;
                if (escaped != 0)
                {
                    at = Put(to, at, (byte)'\\');
                    b = escaped;
                }
                at = Put(to, at, b);
            }
            return Put(to, at, (byte)'\n');
        }

        private static int Put(byte[] to, int at, byte b)
        {
            if (to != null)
            {
                to[at] = b;
            }
            return at + 1;
        }

        private static int Put(byte[] to, int at, byte[] bytes)
        {
            if (to != null)
            {
                System.Array.Copy(bytes, 0, to, at, bytes.Length);
            }
            return at + bytes.Length;
        }

        /// <summary>
        /// The entry of the payload's line at <paramref name="start"/> (which moves past it), null once
        /// <paramref name="end"/> is reached; malformed lines are described in problems and skipped. One line at a
        /// time: the store applies each entry as it is read, so the whole payload is never held as entries (the worst
        /// profile's 12 identities and 45 keys held about 19 KB while loaded, docs/benchmarks.md h-idadmit).
        /// </summary>
        public static SettingEntry Next(byte[] blob, ref int start, int end, ref int lineNo, ArrayList problems)
        {
            while (start < end)
            {
                // '\n' and '\t' are single bytes that never occur inside a multi-byte UTF-8 sequence.
                int lineEnd = Find(blob, (byte)'\n', start, end);
                lineNo++;
                int tab1 = Find(blob, (byte)'\t', start, lineEnd);
                int tab2 = tab1 == lineEnd ? lineEnd : Find(blob, (byte)'\t', tab1 + 1, lineEnd);
                int from = start;
                start = lineEnd + 1;
                if (tab2 == lineEnd || tab1 == from ||
                    !SettingValidator.TryParseInt(Decode(blob, tab1 + 1, tab2), out int idx) || idx < 0)
                {
                    problems.Add("stored line " + lineNo.ToString() + " is malformed");
                    continue;
                }
                return new SettingEntry(Decode(blob, from, tab1), idx, Unescape(Decode(blob, tab2 + 1, lineEnd)));
            }
            return null;
        }

        private static string Decode(byte[] data, int from, int to) =>
            to > from ? Encoding.UTF8.GetString(data, from, to - from) : string.Empty;

        /// <summary>The index of the first <paramref name="b"/> in [from, to), or <paramref name="to"/>.</summary>
        private static int Find(byte[] data, byte b, int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                if (data[i] == b)
                {
                    return i;
                }
            }
            return to;
        }

        private static string Unescape(string value)
        {
            char[] chars = value.ToCharArray();
            int first = 0;
            while (first < chars.Length && chars[first] != '\\')
            {
                first++;
            }
            if (first == chars.Length)
            {
                return value;
            }
            StringBuilder sb = new StringBuilder(chars.Length);
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c == '\\' && i + 1 < chars.Length)
                {
                    i++;
                    char e = chars[i];
                    sb.Append(e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e);
                }
                else
                {
                    sb.Append(c);
                }
            }
            return sb.ToString();
        }
    }
}
