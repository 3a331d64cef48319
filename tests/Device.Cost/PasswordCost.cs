using System;
using DeskPhone.Domain.Settings;

namespace DeskPhone.Cost
{
    /// <summary>
    /// What one password check costs (docs/benchmarks.md, "Password hash"; docs/security.md): PasswordHash.Verify of the
    /// right password against a stored PBKDF2-HMAC-SHA256 hash made with <see cref="PasswordHash.DefaultIterations"/>
    /// (an admin_mode_password check; the kind's name carries the count), and against one made with a single
    /// iteration, so that report.py can split the cost into a constant and a per-iteration part. Then the Digest form
    /// (what an http_pass Basic login checks). They need no phone, so they run first, with the same markers and N / 2N
    /// runs as the requests (count.sh, report.py). HMACSHA256 is count.sh's stand-in here (the interpreter has no
    /// Cryptography natives); the native's hashing is counted apart. Each check's result is checked (a wrong password
    /// must fail too, once, unmeasured).
    /// </summary>
    public static class PasswordCost
    {
        private const string Password = "correct horse";
        private static readonly byte[] Salt = new byte[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
        private static string s_default;
        private static string s_single;
        private static string s_digest;

        public static void Run(int n)
        {
            s_default = PasswordHash.Create(Password, Salt, PasswordHash.DefaultIterations);
            s_single = PasswordHash.Create(Password, Salt, 1);
            s_digest = PasswordHash.CreateDigest("admin", Password);
            if (PasswordHash.Verify(s_default, "wrong horse") || PasswordHash.Verify(s_digest, "wrong horse"))
            {
                Fail("a wrong password verified");
            }
            CostRuns.Run(3, n, KindName, Do);
            // Ends the last run's dump: what follows is in no run.
            Console.WriteLine("cost mark prepare voice");
        }

        private static string KindName(int kind)
        {
            switch (kind)
            {
                case 0: return "password-verify-" + PasswordHash.DefaultIterations.ToString();
                case 1: return "password-verify-1";
                default: return "password-digest";
            }
        }

        private static void Do(int kind)
        {
            string stored = kind == 0 ? s_default : kind == 1 ? s_single : s_digest;
            if (!PasswordHash.Verify(stored, Password))
            {
                Fail(KindName(kind) + ": the right password did not verify");
            }
        }

        private static void Fail(string what)
        {
            Console.WriteLine("cost FAIL password: " + what);
            throw new InvalidOperationException(what);
        }
    }
}
