namespace DeskPhone.Sip.Text
{
    /// <summary>What a hexadecimal digit is, for every parser of protocol text (SIP, XML, HTTP, settings).</summary>
    public static class HexDigit
    {
        /// <summary>The value of a hexadecimal digit (0-9, a-f, A-F) given as a char or a byte; -1 for anything else.</summary>
        public static int Value(int c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }
    }
}
