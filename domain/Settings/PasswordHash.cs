using System.Security.Cryptography;
using System.Text;
using DeskPhone.Sip.Auth;
using DeskPhone.Sip.Text;

namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// Salted password hashes: PBKDF2-HMAC-SHA256 (one 32-byte block) written as "$pbkdf2-sha256$iterations$salt$hash"
    /// with hex salt and hash. HMACSHA256.HashData is the one HMAC entry point that nanoFramework and .NET share.
    /// The iteration count is stored with the hash, so it can change without invalidating stored passwords.
    /// http_pass is kept in a second form, "$md5-ha1$HA1$user": HTTP Digest (RFC 7616/2617, MD5) needs
    /// HA1 = MD5(user:realm:password) on the server, so that (and the user name it was made for) is what is stored,
    /// never the password itself. Like a SIP user_hash, HA1 is as good as the password for this realm only.
    /// </summary>
    public static class PasswordHash
    {
        public const string Prefix = "$pbkdf2-sha256$";

        /// <summary>
        /// About 100 ms for one check on a 240 MHz ESP32 (docs/benchmarks.md, "Password hash": 34,000 interpreter
        /// instructions and one native HMAC of 18,000 per iteration, 0.55 M per check, one instruction taken as one
        /// cycle). Used for admin_mode_password, checked only for administrator-level changes; http_pass is kept as
        /// HA1 and checked with MD5, so no login runs this (docs/security.md). Hashes made with another count keep
        /// theirs (it is stored with the hash).
        /// </summary>
        public const int DefaultIterations = 450;

        /// <summary>The stored form of http_pass: HA1 for <see cref="DigestRealm"/>, then the user name it was made for.</summary>
        public const string DigestPrefix = "$md5-ha1$";

        /// <summary>The realm of the phone's HTTP interface (bench API and page); part of every stored HA1.</summary>
        public const string DigestRealm = "DeskPhone";

        public const int SaltBytes = 16;
        private const int HashBytes = 32;
        private const int MaxIterations = 100000;

        // Split(char[]) explicitly: on .NET, Split('$') binds to an overload nanoFramework lacks.

        public static string Create(string password, byte[] salt, int iterations)
        {
            byte[] hash = Derive(Encoding.UTF8.GetBytes(password), salt, iterations);
            return Prefix + iterations.ToString() + "$" + ToHex(salt) + "$" + ToHex(hash);
        }

        /// <summary>The Digest form for <paramref name="user"/>: "$md5-ha1$" + MD5(user:DeskPhone:password) + "$" + user.</summary>
        public static string CreateDigest(string user, string password) =>
            DigestPrefix + Md5.Hex(user + ":" + DigestRealm + ":" + password) + "$" + user;

        /// <summary>True when the value is a complete, well-formed hash of either form (the forms export writes).</summary>
        public static bool IsHashForm(string value) =>
            Parse(value, out int iterations, out byte[] salt, out byte[] hash) || DigestHa1(value) != null;

        /// <summary>The lower-case hex HA1 of a Digest-form value, or null for any other value.</summary>
        public static string DigestHa1(string stored)
        {
            if (stored == null || !stored.StartsWith(DigestPrefix) || stored.Length < DigestPrefix.Length + 33
                || stored[DigestPrefix.Length + 32] != '$')
            {
                return null;
            }
            string ha1 = stored.Substring(DigestPrefix.Length, 32);
            for (int i = 0; i < ha1.Length; i++)
            {
                char c = ha1[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
                {
                    return null;
                }
            }
            return ha1;
        }

        /// <summary>The user name a Digest-form value was made for (http_user when http_pass was set), or null.</summary>
        public static string DigestUser(string stored) =>
            DigestHa1(stored) == null ? null : stored.Substring(DigestPrefix.Length + 33);

        /// <summary>Compares two strings in time that depends only on their lengths.</summary>
        public static bool SameText(string a, string b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }
            int diff = 0;
            for (int i = 0; i < a.Length; i++)
            {
                diff |= a[i] ^ b[i];
            }
            return diff == 0;
        }

        public static bool Verify(string stored, string candidate)
        {
            if (candidate == null || candidate.Length == 0)
            {
                return false;
            }
            string ha1 = DigestHa1(stored);
            if (ha1 != null)
            {
                return SameText(ha1, Md5.Hex(DigestUser(stored) + ":" + DigestRealm + ":" + candidate));
            }
            // A stored password is never empty, and an empty HMAC key is not worth trusting on every runtime.
            if (!Parse(stored, out int iterations, out byte[] salt, out byte[] expected))
            {
                return false;
            }
            return SameBytes(Derive(Encoding.UTF8.GetBytes(candidate), salt, iterations), expected);
        }

        /// <summary>Compares two byte strings in time that depends only on their lengths (MACs, hashes).</summary>
        public static bool SameBytes(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }
            int diff = 0;
            for (int i = 0; i < a.Length; i++)
            {
                diff |= a[i] ^ b[i];
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
            string[] parts = value.Substring(Prefix.Length).Split(new char[] { '$' });
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
                int hi = HexDigit.Value(hex[2 * i]);
                int lo = HexDigit.Value(hex[2 * i + 1]);
                if (hi < 0 || lo < 0)
                {
                    return null;
                }
                data[i] = (byte)((hi << 4) | lo);
            }
            return data;
        }
    }
}
