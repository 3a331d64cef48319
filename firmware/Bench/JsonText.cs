using System.Text;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>JSON string quoting for the hand-written bench answers (the device has no reflection-free serializer).</summary>
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
    }
}
