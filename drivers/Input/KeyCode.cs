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
            switch (code)
            {
                case 0: return "NONE";
                case 1: return "0";
                case 2: return "1";
                case 3: return "2";
                case 4: return "3";
                case 5: return "4";
                case 6: return "5";
                case 7: return "6";
                case 8: return "7";
                case 9: return "8";
                case 10: return "9";
                case 11: return "STAR";
                case 12: return "HASH";
                case 13: return "UP";
                case 14: return "DOWN";
                case 15: return "LEFT";
                case 16: return "RIGHT";
                case 17: return "OK";
                case 18: return "CANCEL";
                case 19: return "MENU";
                case 20: return "HOOK";
                case 21: return "SPEAKER";
                case 22: return "HEADSET";
                case 23: return "MUTE";
                case 24: return "VOLUP";
                case 25: return "VOLDOWN";
                case 26: return "REDIAL";
                case 27: return "TRANSFER";
                case 28: return "HOLD";
                case 29: return "DND";
                case 30: return "CONFERENCE";
                case 31: return "MESSAGES";
                case 32: return "DIRECTORY";
                case 33: return "SOFT1";
                case 34: return "SOFT2";
                case 35: return "SOFT3";
                case 36: return "SOFT4";
                default: return null;
            }
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
