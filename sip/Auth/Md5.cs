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

        // The 64 round constants as their bytes (each constant low byte first) in base 64: the runtime's native decoder
        // makes the byte array a hash reads them from (a managed loop over hex digits cost a digest form twice the
        // interpreter's instructions).
        private const string RoundConstantBytes =
            "eKRq11a3x+jbcCAk7s69wa8PfPUqxodHE0YwqAGVRv3YmIBpr/dEi7Fb//++11yJIhGQa5NxmP2OQ3mmIQi0SWIlHvZAs0DAUVpeJqrHtuldEC/WUxRE" +
            "AoHmodjI+9Pn5s3hIdYHN8OHDdX07RRaRQXp46n4o+/82QJvZ4pMKo1COfr/gfZxhyJhnW0MOOX9ROq+pKnP3ktgS7v2cLy/vsZ+myj6J6HqhTDv1AUd" +
            "iAQ50NTZ5Znb5vh8oh9lVqzERCIp9Jf/KkOnI5SrOaCT/MNZW2WSzAyPffTv/9FdhIVPfqhv4OYs/hRDAaOhEQhOgn5T9zXyOr270tcqkdOG6w==";

        // The shift of each step, 5 bits each: four per round (7 12 17 22, 5 9 14 20, 4 11 16 23, 6 10 15 21), repeated
        // four times in each of the four rounds; the first three rounds' in one constant, the last round's in another.
        private const long ShiftsOfRounds123 = 0xBC164A3925B4587L;
        private const int ShiftsOfRound4 = 0xABD46;

        private const string HexDigits = "0123456789abcdef";

        public static byte[] Hash(byte[] data, int offset, int length)
        {
            uint a0 = 0x67452301, b0 = 0xEFCDAB89, c0 = 0x98BADCFE, d0 = 0x10325476;
            long bits = (long)length * 8;
            int padded = ((length + 8) / 64 + 1) * 64;
            var block = new byte[64];
            var m = new uint[16];
            byte[] k = System.Convert.FromBase64String(RoundConstantBytes);
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
                    uint sum = a + (i < 16 ? (b & c) | (~b & d) : i < 32 ? (d & b) | (~d & c) : i < 48 ? b ^ c ^ d : c ^ (b | ~d)) + (uint)(k[4 * i] | k[4 * i + 1] << 8 | k[4 * i + 2] << 16 | k[4 * i + 3] << 24) + m[g];
                    g = ((i >> 4) << 2) | (i & 3);
                    g = (int)((g < 12 ? ShiftsOfRounds123 >> (5 * g) : ShiftsOfRound4 >> (5 * g - 60)) & 31);
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
