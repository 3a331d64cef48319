using System.Text;

namespace DeskPhone.Xml
{
    /// <summary>Text written into XML the phone sends or exports (settings export, PIDF): one escaper for both.</summary>
    public static class XmlText
    {
        /// <summary>
        /// Appends <paramref name="value"/> escaped for element content and attribute values; null appends nothing.
        /// </summary>
        public static void Escape(StringBuilder sb, string value)
        {
            if (value == null)
            {
                return;
            }
            char[] chars = value.ToCharArray(); // not value[i]: see SettingsPayload
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                switch (c)
                {
                    case '&': sb.Append("&amp;"); break;
                    case '<': sb.Append("&lt;"); break;
                    case '>': sb.Append("&gt;"); break;
                    case '"': sb.Append("&quot;"); break;
                    default:
                        // XML 1.0 cannot carry other C0 controls in any form: they are left out.
                        if (c >= ' ' || c == '\t' || c == '\n' || c == '\r')
                        {
                            sb.Append(c);
                        }
                        break;
                }
            }
        }
    }
}
