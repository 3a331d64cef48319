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
            return new int[]
            {
                KeyCode.Digit1, KeyCode.Digit2, KeyCode.Digit3, KeyCode.Up, KeyCode.Menu, KeyCode.Messages,
                KeyCode.Digit4, KeyCode.Digit5, KeyCode.Digit6, KeyCode.Down, KeyCode.Ok, KeyCode.Directory,
                KeyCode.Digit7, KeyCode.Digit8, KeyCode.Digit9, KeyCode.Left, KeyCode.Cancel, KeyCode.Redial,
                KeyCode.Star, KeyCode.Digit0, KeyCode.Hash, KeyCode.Right, KeyCode.Mute, KeyCode.Speaker,
                KeyCode.Transfer, KeyCode.Hold, KeyCode.Conference, KeyCode.Dnd, KeyCode.VolumeDown, KeyCode.VolumeUp,
                KeyCode.Softkey1, KeyCode.Softkey2, KeyCode.Softkey3, KeyCode.Softkey4, KeyCode.FunctionKey1, KeyCode.FunctionKey1 + 1,
            };
        }

        /// <summary>
        /// Three-button board (M5Stack Core A/B/C, left to right): Cancel, Ok, and a navigation key.
        /// The UI maps long presses (e.g. long A = hook) on top of these.
        /// </summary>
        public static int[] ThreeButtons()
        {
            return new int[] { KeyCode.Cancel, KeyCode.Ok, KeyCode.Down };
        }
    }
}
