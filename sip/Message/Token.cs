namespace DeskPhone.Sip.Message
{
    /// <summary>
    /// Character classes of the SIP grammar (RFC 3261 25.1). The parsers of header values work on the value's characters
    /// copied once (<c>ToCharArray</c>), never on <c>s[i]</c>: on the device a string keeps UTF-8, so each <c>s[i]</c> and
    /// <c>s.Length</c> is a native call that walks the string from its start (a 60-character Via cost a million
    /// interpreter instructions that way). The hot loops test <see cref="Classes"/> in place instead of calling a
    /// helper per character, as a call costs the interpreter more than the test.
    /// </summary>
    internal static class Token
    {
        /// <summary>RFC 3261 token: alphanum and <c>-.!%*_+`'~</c>.</summary>
        public const byte TokenBit = 1;

        /// <summary>Letters, digits, '-' and '.': a host name (and the characters of a scheme after its first letter, with '+').</summary>
        public const byte HostBit = 2;

        /// <summary>Characters a user part may hold as they are (unreserved, user-unreserved, '%' and ':').</summary>
        public const byte UserBit = 4;

        /// <summary>Characters a password may hold as they are (unreserved, <c>&amp;=+$,</c> and '%').</summary>
        public const byte PasswordBit = 8;

        /// <summary>Characters of a URI parameter name: token and <c>[]/:&amp;$</c>.</summary>
        public const byte UriParamBit = 16;

        /// <summary>Characters that end a URI or sent-by: controls, space, <c>&lt;&gt;"</c> and DEL.</summary>
        public const byte UriStopBit = 32;

        /// <summary>'@' and '?': where a URI's user part and its headers start.</summary>
        public const byte UriMarkBit = 64;

        /// <summary>
        /// The class bits of each ASCII character (index: the character; characters from 128 on have none), and from
        /// <see cref="HeaderNames.TableAt"/> on the header names' table, in one array (h-restcuts3).
        /// </summary>
        public static readonly byte[] Classes = MakeClasses();

        // Each character's class bits plus 32 (a literal cannot hold NUL), as computed from the grammar: one literal
        // instead of the grammar's tests keeps the Debug byte code of DeskPhone.Sip under nanoFramework's 64 KB table.
        private const string PackedClasses =
            "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@=@ <=<=,,==,??4??????????4$@,@d`??????????????????????????0 0 =1??????????????????????????   =@";

        private static byte[] MakeClasses()
        {
            // Not Utf8.Codec: nanoCLR runs the static constructors in its own order, and its may not have run yet.
            byte[] classes = HeaderNames.MakeTable();
            System.Text.Encoding.UTF8.GetBytes(PackedClasses, 0, HeaderNames.TableAt, classes, 0);
            for (int c = 0; c < HeaderNames.TableAt; c++)
            {
                classes[c] -= 32;
            }
            return classes;
        }

        /// <summary>Every character of [start, end) has the class bit; false for an empty range.</summary>
        public static bool All(char[] s, int start, int end, byte bit)
        {
            if (end <= start)
            {
                return false;
            }
            byte[] classes = Classes;
            for (int i = start; i < end; i++)
            {
                int c = s[i];
                if (c >= 128 || (classes[c] & bit) == 0)
                {
                    return false;
                }
            }
            return true;
        }

        public static bool IsToken(byte[] b, int start, int end)
        {
            if (end <= start)
            {
                return false;
            }
            byte[] classes = Classes;
            for (int i = start; i < end; i++)
            {
                int c = b[i];
                if (c >= 128 || (classes[c] & TokenBit) == 0)
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// The characters string.Trim removes on the host (char.IsWhiteSpace), so that trimming a range in place
        /// gives what Trim on a copy gave.
        /// </summary>
        public static bool IsTrimmed(char c) =>
            c == ' ' || (c >= '\t' && c <= '\r') || c == '\u0085' || c == '\u00A0' || c == '\u1680' ||
            (c >= '\u2000' && c <= '\u200A') || c == '\u2028' || c == '\u2029' || c == '\u202F' || c == '\u205F' || c == '\u3000';

        /// <summary>The first index of [start, end) that Trim would keep (end when none).</summary>
        public static int TrimStart(char[] s, int start, int end)
        {
            // Printable ASCII first, without a call: almost every character a value starts or ends with.
            for (; start < end; start++)
            {
                char c = s[start];
                if ((c > ' ' && c < '\u0085') || !IsTrimmed(c))
                {
                    break;
                }
            }
            return start;
        }

        /// <summary>One past the last index of [start, end) that Trim would keep (start when none).</summary>
        public static int TrimEnd(char[] s, int start, int end)
        {
            for (; end > start; end--)
            {
                char c = s[end - 1];
                if ((c > ' ' && c < '\u0085') || !IsTrimmed(c))
                {
                    break;
                }
            }
            return end;
        }

        /// <summary>The first index of <paramref name="c"/> in [start, end), or -1.</summary>
        public static int IndexOf(char[] s, char c, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                if (s[i] == c)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
