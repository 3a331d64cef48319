using System.Text;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// JSON string quoting for the hand-written bench answers (the device has no reflection-free serializer), and the
    /// reading of one field of a flat request object ({"to":"200","identity":1}).
    /// </summary>
    public static class JsonText
    {
        private const string Hex = "0123456789abcdef";

        public static string Quote(string text)
        {
            if (text == null)
            {
                return "null";
            }
            var sb = new StringBuilder(text.Length + 2);
            Append(sb, text);
            return sb.ToString();
        }

        // A field of a hand-written answer: its key with the punctuation before it (",\"name\":") and its value, one
        // call a field (the bench's answers have about 130 fields: a call each keeps the firmware's byte code small).
        public static void Field(StringBuilder sb, string key, string text)
        {
            sb.Append(key);
            Append(sb, text);
        }

        public static void Number(StringBuilder sb, string key, long value)
        {
            sb.Append(key).Append(value.ToString());
        }

        public static void Bool(StringBuilder sb, string key, bool value)
        {
            sb.Append(key).Append(value ? "true" : "false");
        }

        public static void Append(StringBuilder sb, string text)
        {
            if (text == null)
            {
                sb.Append("null");
                return;
            }
            sb.Append('"');
            char[] chars = text.ToCharArray(); // not text[i]: see SettingsPayload
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < ' ')
                        {
                            sb.Append("\\u00").Append(Hex[c >> 4]).Append(Hex[c & 15]);
                        }
                        else
                        {
                            sb.Append(c);
                        }
                        break;
                }
            }
            sb.Append('"');
        }

        /// <summary>The string value of a top-level field of a flat JSON object (escapes resolved), or null.</summary>
        public static string StringField(string json, string name)
        {
            char[] c = json.ToCharArray();
            int at = ValueStart(c, name);
            if (at < 0 || c[at] != '"')
            {
                return null;
            }
            var sb = new StringBuilder();
            for (int i = at + 1; i < c.Length; i++)
            {
                if (c[i] == '"')
                {
                    return sb.ToString();
                }
                if (c[i] != '\\' || i + 1 >= c.Length)
                {
                    sb.Append(c[i]);
                    continue;
                }
                char e = c[++i];
                if (e == 'u' && i + 4 < c.Length)
                {
                    int code = 0;
                    for (int k = 1; k <= 4; k++)
                    {
                        int d = Hex.IndexOf(c[i + k] >= 'A' && c[i + k] <= 'F' ? (char)(c[i + k] + 32) : c[i + k]);
                        code = d < 0 ? -1 : code < 0 ? -1 : code * 16 + d;
                    }
                    sb.Append(code < 0 ? '?' : (char)code);
                    i += 4;
                }
                else
                {
                    sb.Append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e);
                }
            }
            return null;
        }

        /// <summary>The digits of a top-level number field (or a string of digits), or null.</summary>
        public static string NumberField(string json, string name)
        {
            char[] c = json.ToCharArray();
            int at = ValueStart(c, name);
            if (at < 0)
            {
                return null;
            }
            if (c[at] == '"')
            {
                return StringField(json, name);
            }
            int end = at;
            while (end < c.Length && c[end] >= '0' && c[end] <= '9')
            {
                end++;
            }
            return end > at ? new string(c, at, end - at) : null;
        }

        /// <summary>True when a top-level field is the literal true.</summary>
        public static bool BoolField(string json, string name)
        {
            char[] c = json.ToCharArray();
            int at = ValueStart(c, name);
            return at >= 0 && at + 4 <= c.Length && c[at] == 't' && c[at + 1] == 'r' && c[at + 2] == 'u' && c[at + 3] == 'e';
        }

        /// <summary>Where the value of "name": starts (white space skipped), or -1.</summary>
        private static int ValueStart(char[] c, string name)
        {
            string key = "\"" + name + "\"";
            int at = new string(c).IndexOf(key);
            if (at < 0)
            {
                return -1;
            }
            at += key.Length;
            while (at < c.Length && (c[at] == ' ' || c[at] == '\t' || c[at] == '\r' || c[at] == '\n'))
            {
                at++;
            }
            if (at >= c.Length || c[at] != ':')
            {
                return -1;
            }
            at++;
            while (at < c.Length && (c[at] == ' ' || c[at] == '\t' || c[at] == '\r' || c[at] == '\n'))
            {
                at++;
            }
            return at < c.Length ? at : -1;
        }
    }
}
