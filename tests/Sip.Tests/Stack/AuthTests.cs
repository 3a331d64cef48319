using System.Text;
using DeskPhone.Sip.Auth;

namespace DeskPhone.Sip.Tests.Stack
{
    public class Md5Tests
    {
        [Theory]
        [InlineData("", "d41d8cd98f00b204e9800998ecf8427e")]
        [InlineData("a", "0cc175b9c0f1b6a831c399e269772661")]
        [InlineData("abc", "900150983cd24fb0d6963f7d28e17f72")]
        [InlineData("message digest", "f96b697d7cb7938d525a2f31aaf161d0")]
        [InlineData("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b")]
        [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f")]
        [InlineData("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a")]
        public void Rfc1321Vectors(string input, string digest)
        {
            Assert.Equal(digest, Md5.Hex(input));
        }

        [Fact]
        public void AgreesWithTheHostAtEveryLengthAroundTheBlockEdges()
        {
            for (int n = 0; n < 200; n++)
            {
                string text = new string('x', n);
                byte[] expected = System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes(text));
                Assert.Equal(System.Convert.ToHexString(expected).ToLowerInvariant(), Md5.Hex(text));
            }
        }
    }

    public class DigestTests
    {
        [Fact]
        public void Rfc2617Example()
        {
            DigestChallenge c = DigestChallenge.Parse(
                "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
            Assert.True(c.QopAuth);
            Assert.Equal("6629fae49393a05397450978507c4ef1",
                DigestResponse.Response("Mufasa", "Circle Of Life", "GET", "/dir/index.html", c, 1, "0a4f113b"));
            string header = DigestResponse.Header("Mufasa", "Circle Of Life", "GET", "/dir/index.html", c, 1, "0a4f113b");
            Assert.Contains("nc=00000001, cnonce=\"0a4f113b\"", header);
            Assert.Contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"", header);
        }

        [Fact]
        public void WithoutQopTheOldFormula()
        {
            DigestChallenge c = DigestChallenge.Parse("Digest realm=\"biloxi.com\", nonce=\"abc\", algorithm=MD5");
            Assert.False(c.QopAuth);
            string ha1 = Md5.Hex("bob:biloxi.com:zanzibar");
            string ha2 = Md5.Hex("REGISTER:sip:biloxi.com");
            Assert.Equal(Md5.Hex(ha1 + ":abc:" + ha2), DigestResponse.Response("bob", "zanzibar", "REGISTER", "sip:biloxi.com", c, 1, "x"));
        }

        [Theory]
        [InlineData("Basic realm=\"x\"")]
        [InlineData("Digest realm=\"x\"")]
        [InlineData("Digest realm=\"x\", nonce=\"n\", algorithm=SHA-256")]
        [InlineData("Digest realm=\"x, nonce=\"n")]
        public void UnusableChallengesAreNull(string header)
        {
            Assert.Null(DigestChallenge.Parse(header));
        }

        [Fact]
        public void StaleIsRead()
        {
            Assert.True(DigestChallenge.Parse("Digest realm=\"r\", nonce=\"n\", stale=TRUE").Stale);
        }
    }
}
