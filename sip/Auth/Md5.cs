namespace DeskPhone.Sip.Auth
{
    /// <summary>
    /// MD5 (RFC 1321) for digest authentication: nanoFramework has no MD5. The round constants are precomputed
    /// (floor(abs(sin(i + 1)) * 2^32)) because double maths may run in single precision on the device.
    /// </summary>
    public static class Md5
    {
        // The round constants and shifts are made for each hash, not kept in static arrays: nanoCLR runs every static
        // initialiser at boot, so a static table would be 552 B of heap for good for a hash that runs a few times per
        // registration (docs/benchmarks.md, "Where the heap goes before Main").
        private static uint[] RoundConstants() => new uint[]
        {
            0xD76AA478, 0xE8C7B756, 0x242070DB, 0xC1BDCEEE, 0xF57C0FAF, 0x4787C62A, 0xA8304613, 0xFD469501,
            0x698098D8, 0x8B44F7AF, 0xFFFF5BB1, 0x895CD7BE, 0x6B901122, 0xFD987193, 0xA679438E, 0x49B40821,
            0xF61E2562, 0xC040B340, 0x265E5A51, 0xE9B6C7AA, 0xD62F105D, 0x02441453, 0xD8A1E681, 0xE7D3FBC8,
            0x21E1CDE6, 0xC33707D6, 0xF4D50D87, 0x455A14ED, 0xA9E3E905, 0xFCEFA3F8, 0x676F02D9, 0x8D2A4C8A,
            0xFFFA3942, 0x8771F681, 0x6D9D6122, 0xFDE5380C, 0xA4BEEA44, 0x4BDECFA9, 0xF6BB4B60, 0xBEBFBC70,
            0x289B7EC6, 0xEAA127FA, 0xD4EF3085, 0x04881D05, 0xD9D4D039, 0xE6DB99E5, 0x1FA27CF8, 0xC4AC5665,
            0xF4292244, 0x432AFF97, 0xAB9423A7, 0xFC93A039, 0x655B59C3, 0x8F0CCC92, 0xFFEFF47D, 0x85845DD1,
            0x6FA87E4F, 0xFE2CE6E0, 0xA3014314, 0x4E0811A1, 0xF7537E82, 0xBD3AF235, 0x2AD7D2BB, 0xEB86D391,
        };

        /// <summary>The shift of each step: four per round, repeated four times in each of the four rounds.</summary>
        private static int[] RoundShifts() => new int[] { 7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21 };

        private const string HexDigits = "0123456789abcdef";

        public static byte[] Hash(byte[] data, int offset, int length)
        {
            uint a0 = 0x67452301, b0 = 0xEFCDAB89, c0 = 0x98BADCFE, d0 = 0x10325476;
            long bits = (long)length * 8;
            int padded = ((length + 8) / 64 + 1) * 64;
            var block = new byte[64];
            var m = new uint[16];
            uint[] k = RoundConstants();
            int[] shifts = RoundShifts();
            for (int chunk = 0; chunk < padded; chunk += 64)
            {
                for (int i = 0; i < 64; i++)
                {
                    // The data, 0x80, zeros, then the length in bits (little-endian) in the last 8 bytes.
                    int at = chunk + i;
                    block[i] = at < length ? data[offset + at] : at == length ? (byte)0x80 :
                        at >= padded - 8 ? (byte)(bits >> (8 * (at - (padded - 8)))) : (byte)0;
                }
                for (int i = 0; i < 16; i++)
                {
                    m[i] = (uint)(block[i * 4] | (block[i * 4 + 1] << 8) | (block[i * 4 + 2] << 16) | (block[i * 4 + 3] << 24));
                }
                uint a = a0, b = b0, c = c0, d = d0;
                for (int i = 0; i < 64; i++)
                {
                    // The round's function and message word as expressions, not an if ladder: less byte code in Debug.
                    // The function inside the sum and the shift in the word's local: fewer locals in the frame (docs/
                    // benchmarks.md, h-frames).
                    int g = i < 16 ? i : i < 32 ? (5 * i + 1) % 16 : i < 48 ? (3 * i + 5) % 16 : (7 * i) % 16;
                    uint sum = a + (i < 16 ? (b & c) | (~b & d) : i < 32 ? (d & b) | (~d & c) : i < 48 ? b ^ c ^ d : c ^ (b | ~d)) + k[i] + m[g];
                    g = shifts[((i >> 4) << 2) | (i & 3)];
                    a = d;
                    d = c;
                    c = b;
                    b = b + ((sum << g) | (sum >> (32 - g)));
                }
                a0 += a;
                b0 += b;
                c0 += c;
                d0 += d;
            }
            // The digest in the block's local (one local fewer).
            block = new byte[16];
            Put(block, 0, a0);
            Put(block, 4, b0);
            Put(block, 8, c0);
            Put(block, 12, d0);
            return block;
        }

        /// <summary>The lower-case hex digest of the UTF-8 text, as digest authentication writes it.</summary>
        public static string Hex(string text)
        {
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
            byte[] digest = Hash(bytes, 0, bytes.Length);
            var chars = new char[32];
            for (int i = 0; i < 16; i++)
            {
                chars[i * 2] = HexDigits[digest[i] >> 4];
                chars[i * 2 + 1] = HexDigits[digest[i] & 15];
            }
            return new string(chars);
        }

        private static void Put(byte[] digest, int at, uint value)
        {
            digest[at] = (byte)value;
            digest[at + 1] = (byte)(value >> 8);
            digest[at + 2] = (byte)(value >> 16);
            digest[at + 3] = (byte)(value >> 24);
        }
    }
}
