namespace DeskPhone.Domain.Settings
{
    /// <summary>CRC-32 (IEEE 802.3, reflected, as zlib): nanoFramework ships none in the packages we use.</summary>
    public static class Crc32
    {
        public const uint Initial = 0xFFFFFFFF;

        /// <summary>Feeds bytes into a running CRC started with <see cref="Initial"/>; finish with <see cref="Final"/>.</summary>
        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            // Four bits a step through a 16-entry table (a 256-entry one was 1,044 B of heap, this one 84 B), made for the
            // call and not kept in a static: CRCs are only taken on a settings load or save, and a static table was 84 B
            // the phone held for good (docs/benchmarks.md, h-officerest5).
            uint[] table =
            {
                0x00000000, 0x1DB71064, 0x3B6E20C8, 0x26D930AC, 0x76DC4190, 0x6B6B51F4, 0x4DB26158, 0x5005713C,
                0xEDB88320, 0xF00F9344, 0xD6D6A3E8, 0xCB61B38C, 0x9B64C2B0, 0x86D3D2D4, 0xA00AE278, 0xBDBDF21C,
            };
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
