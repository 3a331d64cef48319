namespace DeskPhone.Drivers.Input
{
    /// <summary>What happened to a key. Press/Release bracket every key stroke; LongPress comes once, Repeat periodically while held.</summary>
    public enum KeyAction
    {
        Press = 1,
        Release = 2,
        LongPress = 3,
        Repeat = 4,
    }

    /// <summary>One key event from any key source; keyCode is a <see cref="KeyCode"/> value.</summary>
    public delegate void KeyEventHandler(int keyCode, KeyAction action);

    /// <summary>Text names of <see cref="KeyAction"/> (enum ToString gives a number on the device).</summary>
    public static class KeyActionNames
    {
        public static string Name(KeyAction action)
        {
            switch (action)
            {
                case KeyAction.Press: return "press";
                case KeyAction.Release: return "release";
                case KeyAction.LongPress: return "long";
                case KeyAction.Repeat: return "repeat";
                default: return "unknown";
            }
        }
    }
}
