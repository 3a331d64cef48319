namespace DeskPhone.Sip.Text
{
    /// <summary>
    /// Finds a byte in a range with the runtime's array search: on nanoFramework <c>Array.IndexOf</c> of a byte[]
    /// compares in C, where a managed loop costs several interpreted instructions per byte (a 484-byte message was
    /// walked that way for its line ends, colons and line breaks). The values are constants: each search boxes its
    /// value (a 24-byte object the next collection takes). Boxed once and kept, as they were, they held 10 static
    /// slots and 10 objects with CharSearch's, 384 B of the heap at every step for 3 collections more in the whole
    /// boot scenario at 200,000 B (docs/benchmarks.md, h-delegates).
    /// </summary>
    internal static class ByteSearch
    {
        public const byte Lf = (byte)'\n';
        public const byte Cr = (byte)'\r';
        public const byte Colon = (byte)':';
        public const byte Space = (byte)' ';
        public const byte Semicolon = (byte)';';
        public const byte Quote = (byte)'"';

        /// <summary>The first index of <paramref name="value"/> (one of the bytes above) in [start, end), or -1.</summary>
        public static int IndexOf(byte[] b, byte value, int start, int end) =>
            end <= start ? -1 : System.Array.IndexOf(b, value, start, end - start);
    }
}
