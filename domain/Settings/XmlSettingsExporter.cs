using System.Text;
using DeskPhone.Xml;

namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// Writes the phones' XML settings format. Passwords go out in their hash form (import accepts it back), or not at
    /// all without <c>includePasswords</c> (a reader who may not change them gets no hash to guess against offline);
    /// Secret settings (user_pass) are left out altogether, so a re-import cannot blank them. The store's part that
    /// writes them (a part of the class, not a class of its own: h-domslim).
    /// </summary>
    public sealed partial class SettingsStore
    {
        /// <summary>
        /// The settings in the phones' XML format (UTF-8), with the password hashes only when
        /// <paramref name="includePasswords"/>.
        /// </summary>
        public byte[] ExportXml(bool includeDefaults, bool includePasswords = true)
        {
            StringBuilder sb = new StringBuilder();
            sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<settings>\n<phone-settings>\n");
            for (int i = 0; i < DefinitionCount; i++)
            {
                SettingDefinition def = GetDefinition(i);
                if (def.Kind == SettingKind.Secret || (def.Kind == SettingKind.Password && !includePasswords))
                {
                    continue;
                }
                for (int idx = def.IsIndexed ? 1 : 0; idx <= def.MaxIndex; idx++)
                {
                    string value = Get(def.Name, idx);
                    if (includeDefaults || value != def.DefaultFor(idx))
                    {
                        Element(sb, def.Name, idx, value);
                    }
                }
            }
            for (int i = 0; i < UnknownCount; i++)
            {
                SettingEntry e = GetUnknown(i);
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
            XmlText.Escape(sb, value);
            sb.Append("</").Append(name).Append(">\n");
        }
    }
}
