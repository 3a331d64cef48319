namespace DeskPhone.Drivers.Input
{
    /// <summary>
    /// Key codes shared by every key source (matrix, board buttons, USB keyboard, bench, expansion modules).
    /// Function keys are FunctionKey1 + n (n = 0..15); expansion-module keys are
    /// ExpansionKeyBase + module * 32 + key (module 0..2, key 0..17).
    /// </summary>
    public static class KeyCode
    {
        public const int None = 0;
        public const int Digit0 = 1;
        public const int Digit1 = 2;
        public const int Digit2 = 3;
        public const int Digit3 = 4;
        public const int Digit4 = 5;
        public const int Digit5 = 6;
        public const int Digit6 = 7;
        public const int Digit7 = 8;
        public const int Digit8 = 9;
        public const int Digit9 = 10;
        public const int Star = 11;
        public const int Hash = 12;
        public const int Up = 13;
        public const int Down = 14;
        public const int Left = 15;
        public const int Right = 16;
        public const int Ok = 17;
        public const int Cancel = 18;
        public const int Menu = 19;
        public const int Hook = 20;
        public const int Speaker = 21;
        public const int Headset = 22;
        public const int Mute = 23;
        public const int VolumeUp = 24;
        public const int VolumeDown = 25;
        public const int Redial = 26;
        public const int Transfer = 27;
        public const int Hold = 28;
        public const int Dnd = 29;
        public const int Conference = 30;
        public const int Messages = 31;
        public const int Directory = 32;
        public const int Softkey1 = 33;
        public const int Softkey2 = 34;
        public const int Softkey3 = 35;
        public const int Softkey4 = 36;
        public const int FunctionKey1 = 64;
        public const int FunctionKeyCount = 16;
        public const int ExpansionKeyBase = 128;
        public const int ExpansionModuleStride = 32;
        public const int ExpansionKeysPerModule = 18;

        // Names of the codes below FunctionKey1, as code rather than a table: a static array would be heap from boot.
        private const int NamedCount = 37;

        private static string NamedKey(int code)
        {
            // One exit: a return per case made nanoFramework's MetadataProcessor count a stack slot per case in the
            // frame of every call (docs/benchmarks.md, h-frames).
            string name;
            switch (code)
            {
                case 0: name = "NONE"; break;
                case 1: name = "0"; break;
                case 2: name = "1"; break;
                case 3: name = "2"; break;
                case 4: name = "3"; break;
                case 5: name = "4"; break;
                case 6: name = "5"; break;
                case 7: name = "6"; break;
                case 8: name = "7"; break;
                case 9: name = "8"; break;
                case 10: name = "9"; break;
                case 11: name = "STAR"; break;
                case 12: name = "HASH"; break;
                case 13: name = "UP"; break;
                case 14: name = "DOWN"; break;
                case 15: name = "LEFT"; break;
                case 16: name = "RIGHT"; break;
                case 17: name = "OK"; break;
                case 18: name = "CANCEL"; break;
                case 19: name = "MENU"; break;
                case 20: name = "HOOK"; break;
                case 21: name = "SPEAKER"; break;
                case 22: name = "HEADSET"; break;
                case 23: name = "MUTE"; break;
                case 24: name = "VOLUP"; break;
                case 25: name = "VOLDOWN"; break;
                case 26: name = "REDIAL"; break;
                case 27: name = "TRANSFER"; break;
                case 28: name = "HOLD"; break;
                case 29: name = "DND"; break;
                case 30: name = "CONFERENCE"; break;
                case 31: name = "MESSAGES"; break;
                case 32: name = "DIRECTORY"; break;
                case 33: name = "SOFT1"; break;
                case 34: name = "SOFT2"; break;
                case 35: name = "SOFT3"; break;
                case 36: name = "SOFT4"; break;
                default: name = null; break;
            }
            return name;
        }

        /// <summary>Stable text name of a key (enum names are numbers on nanoFramework), e.g. "OK", "F3", "X2.17".</summary>
        public static string Name(int code)
        {
            if (code >= 0 && code < NamedCount)
            {
                return NamedKey(code);
            }
            if (code >= FunctionKey1 && code < FunctionKey1 + FunctionKeyCount)
            {
                return "F" + (code - FunctionKey1 + 1).ToString();
            }
            if (code >= ExpansionKeyBase)
            {
                int rel = code - ExpansionKeyBase;
                int module = rel / ExpansionModuleStride;
                int key = rel % ExpansionModuleStride;
                if (module < 3 && key < ExpansionKeysPerModule)
                {
                    return "X" + (module + 1).ToString() + "." + (key + 1).ToString();
                }
            }
            return "KEY" + code.ToString();
        }

        /// <summary>Inverse of <see cref="Name"/>, case-insensitive; returns None for an unknown name.</summary>
        public static int Parse(string name)
        {
            if (name == null || name.Length == 0)
            {
                return None;
            }
            string upper = name.ToUpper();
            for (int i = 1; i < NamedCount; i++)
            {
                if (NamedKey(i) == upper)
                {
                    return i;
                }
            }
            if (upper.Length >= 2 && upper[0] == 'F')
            {
                int n = ParseSmall(upper, 1, upper.Length);
                if (n >= 1 && n <= FunctionKeyCount)
                {
                    return FunctionKey1 + n - 1;
                }
            }
            if (upper.Length >= 4 && upper[0] == 'X')
            {
                int dot = upper.IndexOf('.');
                if (dot > 1)
                {
                    int module = ParseSmall(upper, 1, dot);
                    int key = ParseSmall(upper, dot + 1, upper.Length);
                    if (module >= 1 && module <= 3 && key >= 1 && key <= ExpansionKeysPerModule)
                    {
                        return ExpansionKeyBase + (module - 1) * ExpansionModuleStride + key - 1;
                    }
                }
            }
            return None;
        }

        private static int ParseSmall(string s, int start, int end)
        {
            if (end <= start || end - start > 3)
            {
                return -1;
            }
            int n = 0;
            for (int i = start; i < end; i++)
            {
                char c = s[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }
                n = n * 10 + (c - '0');
            }
            return n;
        }
    }
}
