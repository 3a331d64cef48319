using System.Collections;
using System.Text;

namespace DeskPhone.Firmware.Settings
{
    /// <summary>
    /// The payload of a slot: UTF-8 lines "name TAB idx TAB value" with \\, \t, \n and \r escaped in the value.
    /// Text rather than binary so a copied settings file can be read and diffed by a person.
    /// </summary>
    public static class SettingsPayload
    {
        public static void Append(StringBuilder sb, string name, int idx, string value)
        {
            sb.Append(name).Append('\t').Append(idx).Append('\t');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                switch (c)
                {
                    case '\\': sb.Append("\\\\"); break;
                    case '\t': sb.Append("\\t"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    default: sb.Append(c); break;
                }
            }
            sb.Append('\n');
        }

        /// <summary>Parses the payload into <see cref="SettingEntry"/> items; malformed lines are described in problems.</summary>
        public static ArrayList Parse(byte[] blob, int offset, int count, ArrayList problems)
        {
            ArrayList entries = new ArrayList();
            string text = count == 0 ? string.Empty : Encoding.UTF8.GetString(blob, offset, count);
            int start = 0;
            int lineNo = 0;
            while (start < text.Length)
            {
                int end = text.IndexOf('\n', start);
                if (end < 0)
                {
                    end = text.Length;
                }
                lineNo++;
                string line = text.Substring(start, end - start);
                start = end + 1;
                int tab1 = line.IndexOf('\t');
                int tab2 = tab1 < 0 ? -1 : line.IndexOf('\t', tab1 + 1);
                if (tab2 < 0 || tab1 == 0 || !SettingValidator.TryParseInt(line.Substring(tab1 + 1, tab2 - tab1 - 1), out int idx) || idx < 0)
                {
                    problems.Add("stored line " + lineNo.ToString() + " is malformed");
                    continue;
                }
                entries.Add(new SettingEntry(line.Substring(0, tab1), idx, Unescape(line.Substring(tab2 + 1))));
            }
            return entries;
        }

        private static string Unescape(string value)
        {
            if (value.IndexOf('\\') < 0)
            {
                return value;
            }
            StringBuilder sb = new StringBuilder(value.Length);
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '\\' && i + 1 < value.Length)
                {
                    i++;
                    char e = value[i];
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
