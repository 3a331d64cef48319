using System.Security.Cryptography;
using System.Text;

namespace DeskPhone.Firmware.Settings
{
    /// <summary>
    /// Salted password hashes: PBKDF2-HMAC-SHA256 (one 32-byte block) written as "$pbkdf2-sha256$iterations$salt$hash"
    /// with hex salt and hash. HMACSHA256.HashData is the one HMAC entry point that nanoFramework and .NET share.
    /// The iteration count is stored with the hash, so it can change without invalidating stored passwords.
    /// </summary>
    public static class PasswordHash
    {
        public const string Prefix = "$pbkdf2-sha256$";

        /// <summary>Kept low on purpose: the device interprets the XOR loop, and the bench checks the password per request.</summary>
        public const int DefaultIterations = 100;

        public const int SaltBytes = 16;
        private const int HashBytes = 32;
        private const int MaxIterations = 100000;

        // Split(char[]) explicitly: on .NET, Split('$') binds to an overload nanoFramework lacks.
        private static readonly char[] Dollar = new char[] { '$' };

        public static string Create(string password, byte[] salt, int iterations)
        {
            byte[] hash = Derive(Encoding.UTF8.GetBytes(password), salt, iterations);
            return Prefix + iterations.ToString() + "$" + ToHex(salt) + "$" + ToHex(hash);
        }

        /// <summary>True when the value is a complete, well-formed hash (the form export writes).</summary>
        public static bool IsHashForm(string value) => Parse(value, out int iterations, out byte[] salt, out byte[] hash);

        public static bool Verify(string stored, string candidate)
        {
            // A stored password is never empty, and an empty HMAC key is not worth trusting on every runtime.
            if (candidate == null || candidate.Length == 0 || !Parse(stored, out int iterations, out byte[] salt, out byte[] expected))
            {
                return false;
            }
            byte[] actual = Derive(Encoding.UTF8.GetBytes(candidate), salt, iterations);
            int diff = 0;
            for (int i = 0; i < HashBytes; i++)
            {
                diff |= actual[i] ^ expected[i];
            }
            return diff == 0;
        }

        private static byte[] Derive(byte[] password, byte[] salt, int iterations)
        {
            byte[] block = new byte[salt.Length + 4];
            for (int i = 0; i < salt.Length; i++)
            {
                block[i] = salt[i];
            }
            block[block.Length - 1] = 1;
            byte[] u = HMACSHA256.HashData(password, block);
            byte[] result = new byte[HashBytes];
            for (int i = 0; i < HashBytes; i++)
            {
                result[i] = u[i];
            }
            for (int n = 1; n < iterations; n++)
            {
                u = HMACSHA256.HashData(password, u);
                for (int i = 0; i < HashBytes; i++)
                {
                    result[i] ^= u[i];
                }
            }
            return result;
        }

        private static bool Parse(string value, out int iterations, out byte[] salt, out byte[] hash)
        {
            iterations = 0;
            salt = null;
            hash = null;
            if (value == null || !value.StartsWith(Prefix))
            {
                return false;
            }
            string[] parts = value.Substring(Prefix.Length).Split(Dollar);
            if (parts.Length != 3 || !SettingValidator.TryParseInt(parts[0], out iterations) || iterations < 1 || iterations > MaxIterations)
            {
                return false;
            }
            salt = FromHex(parts[1]);
            hash = FromHex(parts[2]);
            return salt != null && salt.Length >= 8 && hash != null && hash.Length == HashBytes;
        }

        private static string ToHex(byte[] data)
        {
            const string digits = "0123456789abcdef";
            StringBuilder sb = new StringBuilder(data.Length * 2);
            for (int i = 0; i < data.Length; i++)
            {
                sb.Append(digits[data[i] >> 4]).Append(digits[data[i] & 15]);
            }
            return sb.ToString();
        }

        private static byte[] FromHex(string hex)
        {
            if (hex.Length == 0 || hex.Length % 2 != 0)
            {
                return null;
            }
            byte[] data = new byte[hex.Length / 2];
            for (int i = 0; i < data.Length; i++)
            {
                int hi = HexValue(hex[2 * i]);
                int lo = HexValue(hex[2 * i + 1]);
                if (hi < 0 || lo < 0)
                {
                    return null;
                }
                data[i] = (byte)((hi << 4) | lo);
            }
            return data;
        }

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }
    }
}
