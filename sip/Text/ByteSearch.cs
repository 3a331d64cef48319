namespace DeskPhone.Sip.Text
{
    /// <summary>
    /// Finds a byte in a range with the runtime's array search: on nanoFramework <c>Array.IndexOf</c> of a byte[]
    /// compares in C, where a managed loop costs several interpreted instructions per byte (a 484-byte message was
    /// walked that way for its line ends, colons and line breaks). The values are boxed once here, so a search
    /// allocates nothing.
    /// </summary>
    internal static class ByteSearch
    {
        public static readonly object Lf = (byte)'\n';
        public static readonly object Cr = (byte)'\r';
        public static readonly object Colon = (byte)':';
        public static readonly object Space = (byte)' ';
        public static readonly object Semicolon = (byte)';';
        public static readonly object Quote = (byte)'"';

        /// <summary>The first index of <paramref name="value"/> (one of the boxed bytes above) in [start, end), or -1.</summary>
        public static int IndexOf(byte[] b, object value, int start, int end) =>
            end <= start ? -1 : System.Array.IndexOf(b, value, start, end - start);
    }
}
