using DeskPhone.Domain.Leds;
using DeskPhone.Domain.Status;

namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// The distinct default texts of <see cref="SettingsTable"/>'s rows, by code: <see cref="SettingsIndex"/> keeps a
    /// row's code (a byte) and reads its default from here. Each read is an <c>ldstr</c>, a 12-byte string object that
    /// points at the literal's characters in the assembly (nanoCLR's <c>CLR_RT_HeapBlock_String</c>); a kept default
    /// held that object and an array slot of 12 B for good (912 B for 37 texts at every profile, docs/benchmarks.md
    /// h-officerest2). The table's rows stay the one place a default is defined: the index finds each row's code here
    /// when it is built and refuses to build for a default missing here (SettingsTableTests read every default).
    /// A part of the index, not a class of its own (a type is 8 B of runtime tables on the device, h-domslim).
    /// </summary>
    internal sealed partial class SettingsIndex
    {
        /// <summary>Codes 0 to DefaultCount - 1 have a text, each once (led_orange's is led_blink_short_off's, led_yellow's empty).</summary>
        public const int DefaultCount = 39;

        /// <summary>The default of a code (null past the last).</summary>
        /// <remarks>
        /// One exit, each case a store and a branch: nanoFramework's MetadataProcessor (3.0.100) sizes a method's
        /// evaluation stack by walking its IL in a line, and a <c>ret</c> does not end its path, so a
        /// <c>case N: return "...";</c> per code made it 37 slots deep and every call allocated a 564-B frame where
        /// this one's is 204 B (the least a frame takes). Frames come from nanoCLR's event heap, which compaction does
        /// not move and which is not compacted and retried when short: at 82,400 B the office call's INVITE turn found
        /// 4,716 B free but none of it in one 564-B block (docs/benchmarks.md, h-layoutfault).
        /// </remarks>
        public static string DefaultText(int code)
        {
            string text;
            switch (code)
            {
                // Not a literal: String.Empty is a static field, so the phone's many empty settings (identities'
                // outbound proxy, auth name, password) share one object instead of keeping 12 B each.
                case 0: text = string.Empty; break;
                case 1: text = "off"; break;
                case 2: text = "on"; break;
                case 3: text = "none"; break;
                case 4: text = "line"; break;
                case 5: text = "0"; break;
                case 6: text = "3600"; break;
                case 7: text = "5"; break;
                case 8: text = "5060"; break;
                case 9: text = "admin"; break;
                case 10: text = "60"; break;
                case 11: text = "20"; break;
                case 12: text = "8"; break;
                case 13: text = "USA"; break;
                case 14: text = "10"; break;
                case 15: text = "15"; break;
                case 16: text = "512"; break;
                case 17: text = "86400"; break;
                case 18: text = "10000"; break;
                case 19: text = "10099"; break;
                case 20: text = "ask_for_update"; break;
                case 21: text = "8192"; break;
                case 22: text = StatusCategories.DefaultBlocked; break;
                case 23: text = StatusCategories.DefaultShowDirectly; break;
                case 24: text = StatusCategories.DefaultEssential; break;
                case 25: text = StatusCategories.DefaultImportant; break;
                case 26: text = StatusCategories.DefaultAudioIndication; break;
                case 27: text = StatusCategories.DefaultPopUp; break;
                case 28: text = LedPolicy.DefaultOn; break;
                case 29: text = LedPolicy.DefaultBlinkSlow; break;
                case 30: text = LedPolicy.DefaultBlinkMedium; break;
                case 31: text = LedPolicy.DefaultBlinkFast; break;
                case 32: text = LedPolicy.DefaultBlinkShortOff; break;
                case 33: text = LedPolicy.DefaultRed; break;
                case 34: text = LedPolicy.DefaultGreen; break;
                case 35: text = LedPolicy.DefaultMessageUsage; break;
                case 36: text = LedPolicy.DefaultCallIndicatorUsage; break;
                case 37: text = "rel"; break;
                case 38: text = "03:00"; break;
                default: text = null; break;
            }
            return text;
        }

        /// <summary>The code of a row's default, found once per row when the index is built.</summary>
        public static byte DefaultCodeOf(string text)
        {
            for (int code = 0; code < DefaultCount; code++)
            {
                if (DefaultText(code) == text)
                {
                    return (byte)code;
                }
            }
            throw new System.ArgumentException("default not in SettingDefaults: " + text);
        }
    }
}
