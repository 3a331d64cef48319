namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// CRC-32 (IEEE 802.3, reflected, as zlib) of the settings slots: nanoFramework ships none in the packages we use.
    /// A part of <see cref="SettingsSlot"/>, not a class of its own (a type is 8 B of runtime tables on the device,
    /// h-domslim).
    /// </summary>
    public static partial class SettingsSlot
    {
        public const uint Crc32Initial = 0xFFFFFFFF;
        private const uint Crc32Polynomial = 0xEDB88320;

        /// <summary>Feeds bytes into a running CRC started with <see cref="Crc32Initial"/>; finish with <see cref="Crc32Final"/>.</summary>
        public static uint Crc32Update(uint crc, byte[] data, int offset, int count)
        {
            // Four bits a step through a 16-entry table (a 256-entry one was 1,044 B of heap, this one 84 B), made for the
            // call and not kept in a static: CRCs are only taken on a settings load or save, and a static table was 84 B
            // the phone held for good (docs/benchmarks.md, h-officerest5). Computed, not an array initializer: that
            // was a static field of <PrivateImplementationDetails> with its 12-byte value object kept from boot, two
            // types and a method reference (h-domslim). Entry i is the polynomial applied to i's four bits.
            uint[] table = new uint[16];
            for (uint i = 0; i < 16; i++)
            {
                uint entry = i;
                for (int k = 0; k < 4; k++)
                {
                    entry = (entry & 1) != 0 ? (entry >> 1) ^ Crc32Polynomial : entry >> 1;
                }
                table[i] = entry;
            }
            for (int i = offset; i < offset + count; i++)
            {
                uint b = data[i];
                crc = table[(crc ^ b) & 0x0F] ^ (crc >> 4);
                crc = table[(crc ^ (b >> 4)) & 0x0F] ^ (crc >> 4);
            }
            return crc;
        }

        public static uint Crc32Final(uint crc) => crc ^ 0xFFFFFFFF;
    }
}
