using System.Text;

namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// Writes the phones' XML settings format. Passwords go out in their hash form (import accepts it back);
    /// Secret settings (user_pass) are left out altogether, so a re-import cannot blank them.
    /// </summary>
    public static class XmlSettingsExporter
    {
        public static byte[] Export(SettingsStore store, bool includeDefaults)
        {
            StringBuilder sb = new StringBuilder();
            sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<settings>\n<phone-settings>\n");
            for (int i = 0; i < store.DefinitionCount; i++)
            {
                SettingDefinition def = store.GetDefinition(i);
                if (def.Kind == SettingKind.Secret)
                {
                    continue;
                }
                for (int idx = def.IsIndexed ? 1 : 0; idx <= def.MaxIndex; idx++)
                {
                    string value = store.Get(def.Name, idx);
                    if (includeDefaults || value != def.DefaultFor(idx))
                    {
                        Element(sb, def.Name, idx, value);
                    }
                }
            }
            for (int i = 0; i < store.UnknownCount; i++)
            {
                SettingEntry e = store.GetUnknown(i);
                Element(sb, e.Name, e.Idx, e.Value);
            }
            sb.Append("</phone-settings>\n</settings>\n");
            return Encoding.UTF8.GetBytes(sb.ToString());
        }

        private static void Element(StringBuilder sb, string name, int idx, string value)
        {
            sb.Append('<').Append(name);
            if (idx > 0)
            {
                sb.Append(" idx=\"").Append(idx).Append('"');
            }
            sb.Append(" perm=\"\">");
            Escape(sb, value);
            sb.Append("</").Append(name).Append(">\n");
        }

        public static void Escape(StringBuilder sb, string value)
        {
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
                        // XML 1.0 cannot carry other C0 controls in any form; only unknown settings could hold one.
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
