namespace DeskPhone.Sip.Text
{
    /// <summary>
    /// Finds a byte in a range with the runtime's array search: on nanoFramework <c>Array.IndexOf</c> of a byte[]
    /// compares in C, where a managed loop costs several interpreted instructions per byte (a 484-byte message was
    /// walked that way for its line ends, colons and line breaks). That search takes its value as an object, so the
    /// values searched for (these bytes and <see cref="CharSearch"/>'s characters) are boxed once into
    /// <see cref="Boxes"/>, made by the first search that needs them and let go by the user agent once it is quiet: a
    /// search allocates nothing, and a phone at rest keeps one static slot (12 B), not ten static fields and their boxes
    /// (360 B on the device; docs/benchmarks.md, h-sipboxes). A value is its index in <see cref="Boxes"/>.
    /// </summary>
    internal static class ByteSearch
    {
        public const int Lf = 0;
        public const int Cr = 1;
        public const int Colon = 2;
        public const int Space = 3;
        public const int Semicolon = 4;
        public const int Quote = 5;

        /// <summary>
        /// The boxed values by index (bytes, then <see cref="CharSearch"/>'s characters), or null until a search needs
        /// them: a direct search reads <c>(Boxes ?? Make())[value]</c>, no call while they are made. The user agent sets
        /// it to null with its burst's parts.
        /// </summary>
        internal static object[] Boxes;

        /// <summary>Boxes the values (the first search, or one after the user agent let them go).</summary>
        internal static object[] Make()
        {
            // In index order, as text: a loop is smaller byte code than ten stores (Sip is at its limit).
            const string Values = "\n\r: ;\";:\">";
            var boxes = new object[Values.Length];
            for (int i = 0; i < boxes.Length; i++)
            {
                boxes[i] = i < CharSearch.Semicolon ? (object)(byte)Values[i] : Values[i];
            }
            return Boxes = boxes;
        }

        /// <summary>
        /// The first index of <paramref name="value"/> (one of the indexes above in a byte[], of <see cref="CharSearch"/>'s
        /// in a char[]) in [start, end), or -1. One method for both arrays: less byte code than two.
        /// </summary>
        public static int IndexOf(System.Array b, int value, int start, int end) =>
            end <= start ? -1 : System.Array.IndexOf(b, (Boxes ?? Make())[value], start, end - start);
    }
}
