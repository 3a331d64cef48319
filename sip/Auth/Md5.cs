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
        // registration (docs/benchmarks.md, "Where the heap goes before Main"). They are literals, not array initializers:
        // an initializer's data is a static field of the assembly, on nanoCLR a 12-byte slot and a 12-byte value object
        // kept from boot, and a type of its own per size (docs/benchmarks.md h-restcuts3).

        // The 64 round constants, 8 hex digits each.
        private const string RoundConstantDigits =
            "d76aa478e8c7b756242070dbc1bdceeef57c0faf4787c62aa8304613fd469501698098d88b44f7afffff5bb1895cd7be6b901122fd987193a679438e49b40821" +
            "f61e2562c040b340265e5a51e9b6c7aad62f105d02441453d8a1e681e7d3fbc821e1cde6c33707d6f4d50d87455a14eda9e3e905fcefa3f8676f02d98d2a4c8a" +
            "fffa39428771f6816d9d6122fde5380ca4beea444bdecfa9f6bb4b60bebfbc70289b7ec6eaa127fad4ef308504881d05d9d4d039e6db99e51fa27cf8c4ac5665" +
            "f4292244432aff97ab9423a7fc93a039655b59c38f0ccc92ffeff47d85845dd16fa87e4ffe2ce6e0a30143144e0811a1f7537e82bd3af2352ad7d2bbeb86d391";

        private static uint[] RoundConstants()
        {
            var k = new uint[64];
            string digits = RoundConstantDigits;
            for (int i = 0; i < 512; i++)
            {
                int c = digits[i];
                k[i >> 3] = k[i >> 3] << 4 | (uint)(c <= '9' ? c - '0' : c - ('a' - 10));
            }
            return k;
        }

        /// <summary>
        /// The shift of each step plus 32 (a literal holds no control characters here): four per round, repeated four
        /// times in each of the four rounds (7 12 17 22, 5 9 14 20, 4 11 16 23, 6 10 15 21).
        /// </summary>
        private const string RoundShifts = "',16%).4$+07&*/5";

        private const string HexDigits = "0123456789abcdef";

        public static byte[] Hash(byte[] data, int offset, int length)
        {
            uint a0 = 0x67452301, b0 = 0xEFCDAB89, c0 = 0x98BADCFE, d0 = 0x10325476;
            long bits = (long)length * 8;
            int padded = ((length + 8) / 64 + 1) * 64;
            var block = new byte[64];
            var m = new uint[16];
            uint[] k = RoundConstants();
            string shifts = RoundShifts;
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
                    g = shifts[((i >> 4) << 2) | (i & 3)] - 32;
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
