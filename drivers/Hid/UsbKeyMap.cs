using DeskPhone.Drivers.Input;

namespace DeskPhone.Drivers.Hid
{
    /// <summary>USB HID keyboard usages (page 0x07) to phone key codes; see docs/hid-bridge.md for the table.</summary>
    public static class UsbKeyMap
    {
        public const int ModifierLeftShift = 0x02;
        public const int ModifierRightShift = 0x20;

        /// <summary>Every phone key a USB keyboard can produce.</summary>
        public static int[] Codes()
        {
            int[] codes = new int[10 + 11 + 12];
            int n = 0;
            for (int d = KeyCode.Digit0; d <= KeyCode.Digit9; d++)
            {
                codes[n++] = d;
            }
            codes[n++] = KeyCode.Star;
            codes[n++] = KeyCode.Hash;
            codes[n++] = KeyCode.Ok;
            codes[n++] = KeyCode.Cancel;
            codes[n++] = KeyCode.Up;
            codes[n++] = KeyCode.Down;
            codes[n++] = KeyCode.Left;
            codes[n++] = KeyCode.Right;
            codes[n++] = KeyCode.Mute;
            codes[n++] = KeyCode.VolumeUp;
            codes[n++] = KeyCode.VolumeDown;
            for (int f = 0; f < 12; f++)
            {
                codes[n++] = KeyCode.FunctionKey1 + f;
            }
            return codes;
        }

        /// <returns>KeyCode.None for keys the phone does not use.</returns>
        public static int Map(int usage, int modifiers)
        {
            bool shift = (modifiers & (ModifierLeftShift | ModifierRightShift)) != 0;
            if (usage >= 0x1E && usage <= 0x27)
            {
                if (shift && usage == 0x20)
                {
                    return KeyCode.Hash;
                }
                if (shift && usage == 0x25)
                {
                    return KeyCode.Star;
                }
                return usage == 0x27 ? KeyCode.Digit0 : KeyCode.Digit1 + (usage - 0x1E);
            }
            if (usage >= 0x59 && usage <= 0x62)
            {
                return usage == 0x62 ? KeyCode.Digit0 : KeyCode.Digit1 + (usage - 0x59);
            }
            if (usage >= 0x3A && usage <= 0x45)
            {
                return KeyCode.FunctionKey1 + (usage - 0x3A);
            }
            // One exit: a return per case made nanoFramework's MetadataProcessor count a stack slot per case in the
            // frame of every call (docs/benchmarks.md, h-frames).
            int key;
            switch (usage)
            {
                case 0x55: key = KeyCode.Star; break;
                case 0xCC: key = KeyCode.Hash; break;
                case 0x28: key = KeyCode.Ok; break;
                case 0x58: key = KeyCode.Ok; break;
                case 0x29: key = KeyCode.Cancel; break;
                case 0x4F: key = KeyCode.Right; break;
                case 0x50: key = KeyCode.Left; break;
                case 0x51: key = KeyCode.Down; break;
                case 0x52: key = KeyCode.Up; break;
                case 0x7F: key = KeyCode.Mute; break;
                case 0x80: key = KeyCode.VolumeUp; break;
                case 0x81: key = KeyCode.VolumeDown; break;
                default: key = KeyCode.None; break;
            }
            return key;
        }
    }
}
