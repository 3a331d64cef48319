using System.Text;
using DeskPhone.Sip.Auth;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>
    /// The phone's own MD5 (sip/Auth/Md5.cs: uint arithmetic, rotations and shifts that must wrap exactly as in .NET)
    /// against RFC 1321's test suite and lengths around the 64-byte block edges, and the RFC 2617 digest example.
    /// </summary>
    [TestClass]
    public class DigestTests
    {
        [TestMethod]
        public void Rfc1321ShortVectors()
        {
            Assert.AreEqual("d41d8cd98f00b204e9800998ecf8427e", Md5.Hex(""));
            Assert.AreEqual("0cc175b9c0f1b6a831c399e269772661", Md5.Hex("a"));
            Assert.AreEqual("900150983cd24fb0d6963f7d28e17f72", Md5.Hex("abc"));
            Assert.AreEqual("f96b697d7cb7938d525a2f31aaf161d0", Md5.Hex("message digest"));
        }

        [TestMethod]
        public void Rfc1321LongVectors()
        {
            Assert.AreEqual("c3fcd3d76192e4007dfb496cca67e13b", Md5.Hex("abcdefghijklmnopqrstuvwxyz"));
            Assert.AreEqual("d174ab98d277d9f5a5611c2c9f419d9f", Md5.Hex("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"));
            Assert.AreEqual("57edf4a22be3c955ac49da2e2107b67a",
                Md5.Hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890"));
        }

        [TestMethod]
        public void LengthsAroundTheBlockEdges()
        {
            // Padding moves to a second block at 56 bytes; 64 fills a block exactly (values: Python's hashlib).
            Assert.AreEqual("ef1772b6dff9a122358552954ad0df65", Md5.Hex(new string('a', 55)));
            Assert.AreEqual("3b0c8ac703f828b04c6c197006d17218", Md5.Hex(new string('a', 56)));
            Assert.AreEqual("b06521f39153d618550606be297466d5", Md5.Hex(new string('a', 63)));
            Assert.AreEqual("014842d480b571495a4a0363793f7367", Md5.Hex(new string('a', 64)));
            Assert.AreEqual("c743a45e0d2e6a95cb859adae0248435", Md5.Hex(new string('a', 65)));
            Assert.AreEqual("cabe45dcc9ae5b66ba86600cca6b8ba8", Md5.Hex(new string('a', 1000)));
        }

        [TestMethod]
        public void HashesAWindowOfABuffer()
        {
            byte[] data = Encoding.UTF8.GetBytes("xxabcxx");
            byte[] digest = Md5.Hash(data, 2, 3);
            Assert.AreEqual(16, digest.Length);
            Assert.AreEqual((byte)0x90, digest[0]);
            Assert.AreEqual((byte)0x01, digest[1]);
            Assert.AreEqual((byte)0x72, digest[15]);
        }

        [TestMethod]
        public void NonAsciiIsHashedAsUtf8()
        {
            // "Grüße 😀": a password or realm with 2- and 4-byte UTF-8 sequences.
            Assert.AreEqual("0a04968a90b7dd01f77c7f2f348a2f7e", Md5.Hex("Gr\u00fc\u00dfe \uD83D\uDE00"));
        }

        [TestMethod]
        public void Rfc2617Example()
        {
            DigestChallenge c = DigestChallenge.Parse(
                "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
            Assert.IsNotNull(c);
            Assert.IsTrue(c.QopAuth);
            Assert.AreEqual("testrealm@host.com", c.Realm);
            Assert.AreEqual("6629fae49393a05397450978507c4ef1",
                DigestResponse.Response("Mufasa", "Circle Of Life", "GET", "/dir/index.html", c, 1, "0a4f113b"));
            string header = DigestResponse.Header("Mufasa", "Circle Of Life", "GET", "/dir/index.html", c, 1, "0a4f113b");
            Assert.Contains("nc=00000001, cnonce=\"0a4f113b\"", header);
            Assert.Contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"", header);
            Assert.Contains("response=\"6629fae49393a05397450978507c4ef1\"", header);
        }

        [TestMethod]
        public void WithoutQopTheRfc2069Formula()
        {
            DigestChallenge c = DigestChallenge.Parse("Digest realm=\"biloxi.com\", nonce=\"abc\", algorithm=MD5");
            Assert.IsFalse(c.QopAuth);
            string ha1 = Md5.Hex("bob:biloxi.com:zanzibar");
            string ha2 = Md5.Hex("REGISTER:sip:biloxi.com");
            Assert.AreEqual(Md5.Hex(ha1 + ":abc:" + ha2), DigestResponse.Response("bob", "zanzibar", "REGISTER", "sip:biloxi.com", c, 1, "x"));
        }

        [TestMethod]
        public void UnusableChallengesAreNullAndStaleIsRead()
        {
            Assert.IsNull(DigestChallenge.Parse("Basic realm=\"x\""));
            Assert.IsNull(DigestChallenge.Parse("Digest realm=\"x\""));
            Assert.IsNull(DigestChallenge.Parse("Digest realm=\"x\", nonce=\"n\", algorithm=SHA-256"));
            Assert.IsNull(DigestChallenge.Parse("Digest realm=\"x, nonce=\"n"));
            Assert.IsTrue(DigestChallenge.Parse("Digest realm=\"r\", nonce=\"n\", stale=TRUE").Stale);
        }
    }
}
