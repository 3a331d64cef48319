using DeskPhone.Drivers.Hal;

namespace DeskPhone.Drivers.Input
{
    /// <summary>Key maps (row-major) for the keypads we support.</summary>
    public static class KeyLayouts
    {
        /// <summary>
        /// The desk keypad: 6 rows x 6 columns on one MCP23017 (rows on port A, columns on port B).
        /// Rows 0-3: dial pad plus navigation; rows 4-5: feature keys, softkeys and function keys 1-4.
        /// Function keys beyond 4 live on expansion modules or a second matrix.
        /// </summary>
        public static int[] DeskKeypad6x6()
        {
            int[] keys = new int[36];
            Row(keys, 0, KeyCode.Digit1, KeyCode.Digit2, KeyCode.Digit3, KeyCode.Up, KeyCode.Menu, KeyCode.Messages);
            Row(keys, 1, KeyCode.Digit4, KeyCode.Digit5, KeyCode.Digit6, KeyCode.Down, KeyCode.Ok, KeyCode.Directory);
            Row(keys, 2, KeyCode.Digit7, KeyCode.Digit8, KeyCode.Digit9, KeyCode.Left, KeyCode.Cancel, KeyCode.Redial);
            Row(keys, 3, KeyCode.Star, KeyCode.Digit0, KeyCode.Hash, KeyCode.Right, KeyCode.Mute, KeyCode.Speaker);
            Row(keys, 4, KeyCode.Transfer, KeyCode.Hold, KeyCode.Conference, KeyCode.Dnd, KeyCode.VolumeDown, KeyCode.VolumeUp);
            Row(keys, 5, KeyCode.Softkey1, KeyCode.Softkey2, KeyCode.Softkey3, KeyCode.Softkey4, KeyCode.FunctionKey1, KeyCode.FunctionKey1 + 1);
            return keys;
        }

        // Filled from arguments, not an initializer of constants (see Ints).
        private static void Row(int[] keys, int row, int a, int b, int c, int d, int e, int f)
        {
            int i = row * 6;
            keys[i] = a;
            keys[i + 1] = b;
            keys[i + 2] = c;
            keys[i + 3] = d;
            keys[i + 4] = e;
            keys[i + 5] = f;
        }

        /// <summary>
        /// Three-button board (M5Stack Core A/B/C, left to right): Cancel, Ok, and a navigation key.
        /// The UI maps long presses (e.g. long A = hook) on top of these.
        /// </summary>
        public static int[] ThreeButtons()
        {
            return Ints.Of(KeyCode.Cancel, KeyCode.Ok, KeyCode.Down);
        }
    }
}
