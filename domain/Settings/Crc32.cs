namespace DeskPhone.Domain.Settings
{
    /// <summary>CRC-32 (IEEE 802.3, reflected, as zlib): nanoFramework ships none in the packages we use.</summary>
    public static class Crc32
    {
        // Four bits a step through a 16-entry table: a 256-entry table is 1,044 B of heap kept for good after the
        // first settings load (tools/HeapCensus), this one 84 B; the second lookup per byte only costs on a
        // settings load or save.
        private static readonly uint[] Nibble =
        {
            0x00000000, 0x1DB71064, 0x3B6E20C8, 0x26D930AC, 0x76DC4190, 0x6B6B51F4, 0x4DB26158, 0x5005713C,
            0xEDB88320, 0xF00F9344, 0xD6D6A3E8, 0xCB61B38C, 0x9B64C2B0, 0x86D3D2D4, 0xA00AE278, 0xBDBDF21C,
        };

        public const uint Initial = 0xFFFFFFFF;

        /// <summary>Feeds bytes into a running CRC started with <see cref="Initial"/>; finish with <see cref="Final"/>.</summary>
        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            uint[] table = Nibble;
            for (int i = offset; i < offset + count; i++)
            {
                uint b = data[i];
                crc = table[(crc ^ b) & 0x0F] ^ (crc >> 4);
                crc = table[(crc ^ (b >> 4)) & 0x0F] ^ (crc >> 4);
            }
            return crc;
        }

        public static uint Final(uint crc) => crc ^ 0xFFFFFFFF;

        public static uint Compute(byte[] data, int offset, int count) => Final(Update(Initial, data, offset, count));
    }
}
