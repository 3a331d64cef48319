using System;
using System.Collections;
using System.Text;
using DeskPhone.Xml;

namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// Reads the phones' XML settings format:
    /// &lt;settings&gt;&lt;phone-settings&gt;&lt;name idx="1" perm=""&gt;value&lt;/name&gt;...&lt;/phone-settings&gt;&lt;/settings&gt;
    /// (a bare &lt;phone-settings&gt; root is accepted too). &lt;functionKeys&gt; holds &lt;fkey&gt; with the phones'
    /// 0-based idx, mapped to fkey 1..16. The whole file is parsed before anything is applied, so a malformed file
    /// changes nothing; otherwise every good value is applied and each bad one reported with its name and reason.
    /// Unknown names are kept (exported and saved again) and listed. The perm attribute is accepted and ignored.
    /// The store's part that applies a provisioning file (a part of the class, not a class of its own: h-domslim).
    /// </summary>
    public sealed partial class SettingsStore
    {
        private const string PhoneSettings = "phone-settings";
        private const string FunctionKeys = "functionKeys";

        // A full export is ~300 settings (about 3 nodes each); list values reach 4096 characters.
        // The reader's defaults are sized for Infobox documents, so provisioning files get their own limits.
        private const int MaxDepth = 8;
        private const int MaxAttributes = 16;
        private const int MaxValueBytes = 16384;
        private const int MaxNodes = 16384;

        /// <summary>
        /// Settings read from one document at most: every entry is held until the whole file is parsed, and a
        /// document from the network must not fill the heap with thousands of tiny elements. A full export is ~340.
        /// </summary>
        public const int MaxImportEntries = 512;

        /// <summary>Refused values listed at most (one more line says that more were left out).</summary>
        public const int MaxImportErrors = 32;

        /// <summary>Applies a provisioning file in the phones' XML format.</summary>
        public SettingsImportReport ImportXml(byte[] data, int offset, int length)
        {
            ArrayList entries = new ArrayList();
            ArrayList errors = new ArrayList();
            string malformed;
            try
            {
                malformed = Parse(data, offset, length, entries, errors);
            }
            catch (Exception ex)
            {
                // The reader is meant never to throw; if it does, the file still counts as malformed, not as a crash.
                malformed = "XML reader failed: " + ex.Message;
            }
            if (malformed != null)
            {
                return new SettingsImportReport(malformed, 0, new string[0], new string[0], 0);
            }
            ArrayList unknown = new ArrayList();
            int applied = 0;
            for (int i = 0; i < entries.Count; i++)
            {
                SettingEntry e = (SettingEntry)entries[i];
                if (!IsDefined(e.Name))
                {
                    string label = e.Idx > 0 ? e.Name + "[" + e.Idx.ToString() + "]" : e.Name;
                    if (KeepUnknown(e.Name, e.Idx, e.Value))
                    {
                        unknown.Add(label);
                    }
                    else
                    {
                        AddError(errors, label + ": unknown setting not kept (" + SettingsStore.MaxUnknown.ToString() + " are kept already)");
                    }
                    continue;
                }
                string error = Set(e.Name, e.Idx, e.Value);
                if (error != null)
                {
                    AddError(errors, error);
                }
                else
                {
                    applied++;
                }
            }
            int refused = errors.Count;
            if (refused > MaxImportErrors)
            {
                refused = MaxImportErrors + (int)errors[MaxImportErrors];
                errors[MaxImportErrors] = "more refused values, not listed";
            }
            return new SettingsImportReport(null, applied, SettingsStore.ToStrings(unknown), SettingsStore.ToStrings(errors), refused);
        }

        /// <summary>Collects the entries; returns why the document is not a settings file, or null.</summary>
        private static string Parse(byte[] data, int offset, int length, ArrayList entries, ArrayList errors)
        {
            if (data == null || offset < 0 || length < 0 || offset + length > data.Length)
            {
                return "no data";
            }
            int bom = ByteOrderMark(data, offset, length);
            XmlPullReader reader = new XmlPullReader(data, offset + bom, length - bom, MaxDepth, MaxAttributes, MaxValueBytes, MaxNodes);
            int depth = 0;
            int settingDepth = 0;
            string section = null;
            string setting = null;
            int settingIdx = 0;
            bool settingBroken = false;
            StringBuilder text = new StringBuilder();
            while (true)
            {
                int kind = reader.Read();
                if (kind == XmlNodeKind.Error)
                {
                    return "malformed XML: " + reader.Error;
                }
                if (kind == XmlNodeKind.EndOfDocument)
                {
                    return depth == 0 && settingDepth != 0 ? null : "no <settings> element";
                }
                if (kind == XmlNodeKind.Text)
                {
                    if (setting != null && depth == settingDepth)
                    {
                        text.Append(reader.Value);
                    }
                    continue;
                }
                if (kind == XmlNodeKind.EndElement)
                {
                    if (setting != null && depth == settingDepth)
                    {
                        if (!Finish(entries, errors, setting, settingIdx, settingBroken, text.ToString()))
                        {
                            return TooMany();
                        }
                        setting = null;
                    }
                    depth--;
                    continue;
                }
                if (kind != XmlNodeKind.StartElement)
                {
                    continue;
                }
                string name = reader.Name;
                bool empty = reader.IsEmptyElement;
                int level = depth + 1;
                if (level == 1)
                {
                    if (name == "settings")
                    {
                        settingDepth = 3;
                    }
                    else if (name == PhoneSettings)
                    {
                        settingDepth = 2;
                        section = PhoneSettings;
                    }
                    else
                    {
                        return "root element is <" + name + ">, expected <settings>";
                    }
                }
                else if (level == settingDepth - 1)
                {
                    section = name;
                    if (name != PhoneSettings && name != FunctionKeys)
                    {
                        AddError(errors, "<" + name + ">: section not supported, ignored");
                    }
                }
                else if (level == settingDepth && (section == PhoneSettings || section == FunctionKeys))
                {
                    string idxError = ReadIndex(reader, section == FunctionKeys, out settingIdx);
                    if (idxError != null)
                    {
                        AddError(errors, name + ": " + idxError);
                    }
                    else if (empty)
                    {
                        if (!Finish(entries, errors, name, settingIdx, false, string.Empty))
                        {
                            return TooMany();
                        }
                    }
                    else
                    {
                        setting = name;
                        settingBroken = false;
                        text.Clear();
                    }
                }
                else if (level > settingDepth && setting != null)
                {
                    settingBroken = true;
                }
                if (!empty)
                {
                    depth = level;
                }
            }
        }

        /// <summary>Collects one setting; false when the document holds more than <see cref="MaxImportEntries"/>.</summary>
        private static bool Finish(ArrayList entries, ArrayList errors, string name, int idx, bool broken, string value)
        {
            if (broken)
            {
                AddError(errors, name + ": elements inside a setting are not allowed");
                return true;
            }
            if (entries.Count == MaxImportEntries)
            {
                return false;
            }
            entries.Add(new SettingEntry(name, idx, value));
            return true;
        }

        /// <summary>
        /// 3 when data[offset..) starts with UTF-8's byte order mark (EF BB BF), else 0: .NET's Encoding.UTF8 and many
        /// editors write one before the XML (XML 1.0 4.3.3 allows it), and the reader takes it for text before the root.
        /// </summary>
        internal static int ByteOrderMark(byte[] data, int offset, int length) =>
            length >= 3 && data[offset] == 0xEF && data[offset + 1] == 0xBB && data[offset + 2] == 0xBF ? 3 : 0;

        private static string TooMany() => "more than " + MaxImportEntries.ToString() + " settings in one document";

        /// <summary>
        /// Lists the first <see cref="MaxImportErrors"/> messages; past them, the entry after the list counts the others
        /// (boxed) until <see cref="ImportXml"/> puts its line there, so the report's count is all of them.
        /// </summary>
        private static void AddError(ArrayList errors, string message)
        {
            if (errors.Count < MaxImportErrors)
            {
                errors.Add(message);
            }
            else if (errors.Count == MaxImportErrors)
            {
                errors.Add(1);
            }
            else
            {
                errors[MaxImportErrors] = (int)errors[MaxImportErrors] + 1;
            }
        }

        private static string ReadIndex(XmlPullReader reader, bool zeroBased, out int idx)
        {
            idx = 0;
            string raw = reader.GetAttribute("idx");
            if (raw == null || raw.Length == 0)
            {
                return null;
            }
            if (!SettingValidator.TryParseInt(raw, out idx) || idx < 0)
            {
                return "idx '" + raw + "' is not an index";
            }
            if (zeroBased)
            {
                idx++;
            }
            return null;
        }
    }
}
