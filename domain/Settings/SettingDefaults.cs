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
    /// </summary>
    internal static class SettingDefaults
    {
        /// <summary>Codes 0 to Count - 1 have a text, each once (led_orange's is led_blink_short_off's, led_yellow's empty).</summary>
        public const int Count = 37;

        /// <summary>The default of a code (null past the last).</summary>
        public static string Text(int code)
        {
            switch (code)
            {
                // Not a literal: String.Empty is a static field, so the phone's many empty settings (identities'
                // outbound proxy, auth name, password) share one object instead of keeping 12 B each.
                case 0: return string.Empty;
                case 1: return "off";
                case 2: return "on";
                case 3: return "none";
                case 4: return "line";
                case 5: return "0";
                case 6: return "3600";
                case 7: return "5";
                case 8: return "5060";
                case 9: return "admin";
                case 10: return "60";
                case 11: return "20";
                case 12: return "8";
                case 13: return "USA";
                case 14: return "10";
                case 15: return "15";
                case 16: return "512";
                case 17: return "86400";
                case 18: return "10000";
                case 19: return "10099";
                case 20: return "ask_for_update";
                case 21: return "8192";
                case 22: return StatusCategoryDefaults.Blocked;
                case 23: return StatusCategoryDefaults.ShowDirectly;
                case 24: return StatusCategoryDefaults.Essential;
                case 25: return StatusCategoryDefaults.Important;
                case 26: return StatusCategoryDefaults.AudioIndication;
                case 27: return StatusCategoryDefaults.PopUp;
                case 28: return LedDefaults.On;
                case 29: return LedDefaults.BlinkSlow;
                case 30: return LedDefaults.BlinkMedium;
                case 31: return LedDefaults.BlinkFast;
                case 32: return LedDefaults.BlinkShortOff;
                case 33: return LedDefaults.Red;
                case 34: return LedDefaults.Green;
                case 35: return LedDefaults.MessageUsage;
                case 36: return LedDefaults.CallIndicatorUsage;
                default: return null;
            }
        }

        /// <summary>The code of a row's default, found once per row when the index is built.</summary>
        public static byte CodeOf(string text)
        {
            for (int code = 0; code < Count; code++)
            {
                if (Text(code) == text)
                {
                    return (byte)code;
                }
            }
            throw new System.ArgumentException("default not in SettingDefaults: " + text);
        }
    }
}
