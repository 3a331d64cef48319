namespace DeskPhone.Domain.Settings
{
    /// <summary>CRC-32 (IEEE 802.3, reflected, as zlib): nanoFramework ships none in the packages we use.</summary>
    public static class Crc32
    {
        private static uint[] _table;

        public const uint Initial = 0xFFFFFFFF;

        /// <summary>Feeds bytes into a running CRC started with <see cref="Initial"/>; finish with <see cref="Final"/>.</summary>
        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            uint[] table = _table ?? (_table = BuildTable());
            for (int i = offset; i < offset + count; i++)
            {
                crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
            }
            return crc;
        }

        public static uint Final(uint crc) => crc ^ 0xFFFFFFFF;

        public static uint Compute(byte[] data, int offset, int count) => Final(Update(Initial, data, offset, count));

        private static uint[] BuildTable()
        {
            uint[] table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }
                table[n] = c;
            }
            return table;
        }
    }
}
