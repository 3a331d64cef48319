using System;
using System.Security.Cryptography;
using System.Text;
using DeskPhone.Domain.Settings;

namespace DeskPhone.Firmware.Tests.Settings
{
    public class SettingsPasswordTests
    {
        private readonly SettingsStore _store = new SettingsStore(null, new Random(7));

        [Fact]
        public void PasswordIsStoredHashedAndChecks()
        {
            Assert.Null(_store.Set("admin_mode_password", 0, "correct horse"));
            string stored = _store.Get("admin_mode_password");
            Assert.StartsWith(PasswordHash.Prefix, stored);
            Assert.DoesNotContain("correct horse", stored);
            Assert.True(_store.IsPasswordSet("admin_mode_password"));
            Assert.True(_store.CheckPassword("admin_mode_password", "correct horse"));
            Assert.False(_store.CheckPassword("admin_mode_password", "correct hors"));
            Assert.False(_store.CheckPassword("admin_mode_password", ""));
            Assert.False(_store.CheckPassword("admin_mode_password", null));
            Assert.False(_store.CheckPassword("http_pass", "correct horse"));
            Assert.Equal("********", _store.GetForDisplay("admin_mode_password", 0));
        }

        [Fact]
        public void SameSecretGetsDifferentSalts()
        {
            var other = new SettingsStore(null, new Random(8));
            _store.Set("admin_mode_password", 0, "1234");
            other.Set("admin_mode_password", 0, "1234");
            Assert.NotEqual(_store.Get("admin_mode_password"), other.Get("admin_mode_password"));
        }

        [Fact]
        public void UnsetPasswordMatchesOnlyEmpty()
        {
            Assert.True(_store.CheckPassword("admin_mode_password", ""));
            Assert.False(_store.CheckPassword("admin_mode_password", "x"));
            Assert.False(_store.IsPasswordSet("user_pass"));
            Assert.False(_store.CheckPassword("user_pass", ""));
        }

        [Fact]
        public void HashFormIsAcceptedAsIs()
        {
            _store.Set("admin_mode_password", 0, "letmein");
            string hash = _store.Get("admin_mode_password");
            var other = new SettingsStore();
            Assert.Null(other.Set("admin_mode_password", 0, hash));
            Assert.Equal(hash, other.Get("admin_mode_password"));
            Assert.True(other.CheckPassword("admin_mode_password", "letmein"));
        }

        [Fact]
        public void BrokenHashFormIsTreatedAsAClearPassword()
        {
            string broken = PasswordHash.Prefix + "100$zz$00";
            Assert.Null(_store.Set("http_pass", 0, broken));
            Assert.True(_store.CheckPassword("http_pass", broken));
        }

        [Fact]
        public void NewPasswordsGetTheDevicesIterationsAndOlderHashesStillVerify()
        {
            // 450 iterations cost about 100 ms on a 240 MHz board (docs/benchmarks.md, "Password hash").
            Assert.Null(_store.Set("admin_mode_password", 0, "correct horse"));
            string[] parts = _store.Get("admin_mode_password").Substring(PasswordHash.Prefix.Length).Split('$');
            Assert.Equal("450", parts[0]);
            byte[] salt = Convert.FromHexString(parts[1]);
            byte[] expected = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("correct horse"), salt, 450, HashAlgorithmName.SHA256, 32);
            Assert.Equal(Convert.ToHexString(expected).ToLowerInvariant(), parts[2]);

            // What earlier firmware stored (100 iterations) carries its count, so it still verifies after the change.
            byte[] oldSalt = Encoding.ASCII.GetBytes("fedcba9876543210");
            byte[] oldHash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("old secret"), oldSalt, 100, HashAlgorithmName.SHA256, 32);
            string older = PasswordHash.Prefix + "100$" + Convert.ToHexString(oldSalt).ToLowerInvariant() + "$" + Convert.ToHexString(oldHash).ToLowerInvariant();
            var upgraded = new SettingsStore(null, new Random(9));
            Assert.Null(upgraded.Set("admin_mode_password", 0, older));
            Assert.True(upgraded.CheckPassword("admin_mode_password", "old secret"));
            Assert.False(upgraded.CheckPassword("admin_mode_password", "old secreT"));
        }

        [Fact]
        public void HashIsStandardPbkdf2HmacSha256()
        {
            byte[] salt = Encoding.ASCII.GetBytes("0123456789abcdef");
            string hash = PasswordHash.Create("pässword", salt, 100);
            byte[] expected = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("pässword"), salt, 100, HashAlgorithmName.SHA256, 32);
            string[] parts = hash.Substring(PasswordHash.Prefix.Length).Split('$');
            Assert.Equal("100", parts[0]);
            Assert.Equal(Convert.ToHexString(salt).ToLowerInvariant(), parts[1]);
            Assert.Equal(Convert.ToHexString(expected).ToLowerInvariant(), parts[2]);
        }
    }
}
