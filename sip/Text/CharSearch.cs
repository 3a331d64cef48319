namespace DeskPhone.Sip.Text
{
    /// <summary>
    /// Finds a character in a range of a value's characters (copied once by its parser) with the runtime's array search,
    /// as <see cref="ByteSearch"/> does on bytes: on nanoFramework <c>Array.IndexOf</c> of a char[] compares in C, where
    /// a managed loop costs several interpreted instructions per character. A search costs about as much as a managed
    /// loop over four or five characters, so it is used where the range is longer (a URI's host, a parameter list).
    /// A value is its index in <see cref="ByteSearch.Boxes"/>, which holds the characters boxed once: a search
    /// (<see cref="ByteSearch.IndexOf"/>, which takes either array) allocates nothing.
    /// </summary>
    internal static class CharSearch
    {
        public const int Semicolon = 6;
        public const int Colon = 7;
        public const int Quote = 8;
        public const int Greater = 9;
    }
}
