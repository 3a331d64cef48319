namespace DeskPhone.Sip.Text
{
    /// <summary>
    /// Finds a character in a range of a value's characters (copied once by its parser) with the runtime's array search,
    /// as <see cref="ByteSearch"/> does on bytes: on nanoFramework <c>Array.IndexOf</c> of a char[] compares in C, where
    /// a managed loop costs several interpreted instructions per character. A search costs about as much as a managed
    /// loop over four or five characters, so it is used where the range is longer (a URI's host, a parameter list).
    /// The characters are boxed once here, so a search allocates nothing.
    /// </summary>
    internal static class CharSearch
    {
        public static readonly object Semicolon = ';';
        public static readonly object Colon = ':';
        public static readonly object Quote = '"';
        public static readonly object Greater = '>';

        /// <summary>The first index of <paramref name="value"/> (one of the boxed characters above) in [start, end), or -1.</summary>
        public static int IndexOf(char[] s, object value, int start, int end) =>
            end <= start ? -1 : System.Array.IndexOf(s, value, start, end - start);
    }
}
