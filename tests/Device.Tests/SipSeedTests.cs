using System.Text;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.UserAgent;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;
using static NFUnitTest.SeedMessage;

namespace NFUnitTest
{
    /// <summary>
    /// The 484-byte seed MESSAGE (tools/ParseCount/message484.sip, the request the benchmarks measure) parsed by the
    /// real parser and answered by the whole phone (user agent, SIP binding, phone core) byte for byte as on the host.
    /// ExpectedAnswer (SeedMessage.cs) is checked against the host's answer by
    /// tests/Firmware.Tests/Phone/DeviceSeedAnswerTests, which reads it from that file: the two cannot drift apart.
    /// </summary>
    [TestClass]
    public class SipSeedTests
    {
        internal static void AssertBytes(byte[] expected, byte[] actual, string what)
        {
            Assert.IsNotNull(actual, what + ": nothing");
            int n = expected.Length < actual.Length ? expected.Length : actual.Length;
            for (int i = 0; i < n; i++)
            {
                if (expected[i] != actual[i])
                {
                    Assert.AreEqual((int)expected[i], (int)actual[i], what + ": first difference at byte " + i.ToString() +
                        "; got: " + Encoding.UTF8.GetString(actual, 0, actual.Length));
                }
            }
            Assert.AreEqual(expected.Length, actual.Length, what + ": length; got: " + Encoding.UTF8.GetString(actual, 0, actual.Length));
        }

        [TestMethod]
        public void TheSeedIs484BytesOfAscii()
        {
            byte[] seed = Encoding.UTF8.GetBytes(Seed);
            Assert.AreEqual(484, seed.Length);
            Assert.AreEqual(484, Seed.Length);
        }

        [TestMethod]
        public void TheSeedParsesIntoItsFields()
        {
            byte[] seed = Encoding.UTF8.GetBytes(Seed);
            var parser = new SipParser();
            var m = new SipMessage();
            var result = new ParseResult();
            parser.Parse(seed, 0, seed.Length, false, m, result);

            Assert.AreEqual(ParseResult.Ok, result.Code);
            Assert.AreEqual(484, result.Consumed);
            Assert.IsTrue(m.IsRequest);
            Assert.AreEqual("MESSAGE", m.Method);
            Assert.AreEqual("sip:486@192.0.2.10:5060;line=dp1", m.RequestUri.ToString());
            Assert.AreEqual("486", m.RequestUri.User);
            Assert.AreEqual("192.0.2.10", m.RequestUri.Host);
            Assert.AreEqual(5060, m.RequestUri.Port);
            Assert.AreEqual("dp1", m.RequestUri.GetParam("line"));
            Assert.AreEqual(9, m.HeaderCount);
            Assert.AreEqual("a84b4c76e66710@pbx.example.com", m.CallId);
            Assert.AreEqual(1L, m.CSeq);
            Assert.AreEqual("MESSAGE", m.CSeqMethod);
            Assert.AreEqual(70, m.MaxForwards);
            Assert.AreEqual("Reception", m.From.DisplayName);
            Assert.AreEqual("49583", m.From.Tag);
            Assert.AreEqual("reception", m.From.Uri.User);
            Assert.IsNull(m.To.Tag);
            Assert.AreEqual("text/plain", m.ContentType);
            Assert.AreEqual(1, m.ViaCount);
            Via via = m.GetVia(0);
            Assert.AreEqual("z9hG4bK776asdhds", via.Branch);
            Assert.AreEqual("192.0.2.1", via.Host);
            Assert.AreEqual(5060, via.Port);
            Assert.AreEqual(0, via.Rport);
            Assert.AreEqual(112, m.BodyLength);
            Assert.AreEqual(484 - 112, m.BodyOffset);
        }

        [TestMethod]
        public void TheSeedIsAnsweredByteForByteAsOnTheHost()
        {
            var rig = new PhoneRig();
            byte[] answer = rig.Handle(Seed);
            AssertBytes(Encoding.UTF8.GetBytes(ExpectedAnswer), answer, "answer to the seed");
            Assert.AreEqual(PhoneRig.Source, rig.Wire.LastHost);
            Assert.AreEqual(5060, rig.Wire.LastPort);
            Assert.AreEqual(new string('x', 112), rig.Core.Desktop.Text);
            Assert.AreEqual(1, rig.Core.Desktop.Identity);
        }

        [TestMethod]
        public void ARetransmissionIsAnsweredFromTheCacheWithTheSameBytes()
        {
            var rig = new PhoneRig();
            byte[] first = rig.Handle(Seed);
            byte[] again = rig.Handle(Seed);
            AssertBytes(first, again, "retransmission");
            Assert.AreEqual(2, rig.Wire.Sent);
            Assert.AreEqual(1, rig.Agent.Answered);
        }

        [TestMethod]
        public void ANewBranchIsANewTransactionWithTheNextTag()
        {
            var rig = new PhoneRig();
            rig.Handle(Seed);
            string second = Encoding.UTF8.GetString(rig.Handle(Strings.Swap(Seed, "776asdhds", "776asdhdt")), 0, rig.Wire.Last.Length);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", second);
            Assert.Contains("To: <sip:486@pbx.example.com>;tag=dp3\r\n", second);
            Assert.Contains(";branch=z9hG4bK776asdhdt;", second);
            Assert.AreEqual(2, rig.Agent.Answered);
        }

        [TestMethod]
        public void AMultiByteUtf8MessageReachesTheDesktopDecoded()
        {
            var rig = new PhoneRig();
            // "Grüße – Привет € 😀": 2-, 3- and 4-byte sequences; Content-Length counts bytes, not chars.
            string text = "Gr\u00fc\u00dfe \u2013 \u041f\u0440\u0438\u0432\u0435\u0442 \u20ac \uD83D\uDE00";
            byte[] body = new byte[]
            {
                0x47, 0x72, 0xC3, 0xBC, 0xC3, 0x9F, 0x65, 0x20, 0xE2, 0x80, 0x93, 0x20, 0xD0, 0x9F, 0xD1, 0x80, 0xD0, 0xB8,
                0xD0, 0xB2, 0xD0, 0xB5, 0xD1, 0x82, 0x20, 0xE2, 0x82, 0xAC, 0x20, 0xF0, 0x9F, 0x98, 0x80,
            };
            string head = Seed.Substring(0, Seed.IndexOf("Content-Length:")) + "Content-Length: " + body.Length.ToString() + "\r\n\r\n";
            byte[] headBytes = Encoding.UTF8.GetBytes(head);
            byte[] datagram = new byte[headBytes.Length + body.Length];
            System.Array.Copy(headBytes, datagram, headBytes.Length);
            System.Array.Copy(body, 0, datagram, headBytes.Length, body.Length);

            rig.Handle(datagram);

            Assert.AreEqual(200, rig.Wire.LastStatus);
            Assert.AreEqual(text, rig.Core.Desktop.Text);
            Assert.AreEqual(19, rig.Core.Desktop.Text.Length);
            // ToCharArray, not the indexer: the nanoCLR's string indexer returns the high surrogate at the low one's
            // index too (see RuntimeCornerTests.TheIndexerAndIndexOfAfterASupplementaryCharacter).
            char[] chars = rig.Core.Desktop.Text.ToCharArray();
            Assert.AreEqual(0xD83D, (int)chars[17]);
            Assert.AreEqual(0xDE00, (int)chars[18]);
        }

        [TestMethod]
        public void ARequestForAnotherUserIsAnswered404()
        {
            var rig = new PhoneRig();
            rig.Handle(Strings.Swap(Seed, "sip:486@192.0.2.10:5060;line=dp1", "sip:999@192.0.2.10:5060"));
            Assert.AreEqual(404, rig.Wire.LastStatus);
            Assert.IsNull(rig.Core.Desktop.Text);
        }

        [TestMethod]
        public void OptionsIsAnsweredWithTheAllowList()
        {
            var rig = new PhoneRig();
            byte[] answer = rig.Handle(
                "OPTIONS sip:486@192.0.2.10:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK000000001;rport\r\n" +
                "Max-Forwards: 70\r\nFrom: <sip:pbx@pbx.example.com>;tag=8321\r\nTo: <sip:486@pbx.example.com>\r\n" +
                "Call-ID: 0ha0isndaksdj@192.0.2.1\r\nCSeq: 63104 OPTIONS\r\nAccept: application/sdp\r\nContent-Length: 0\r\n\r\n");
            string text = Encoding.UTF8.GetString(answer, 0, answer.Length);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", text);
            Assert.Contains("\r\nAllow: ", text);
            Assert.Contains("MESSAGE", text);
            Assert.Contains("\r\nCSeq: 63104 OPTIONS\r\n", text);
        }

        [TestMethod]
        public void ATruncatedSeedIsIncompleteAndACorruptOneIsAnswered400()
        {
            byte[] seed = Encoding.UTF8.GetBytes(Seed);
            var parser = new SipParser();
            var m = new SipMessage();
            var result = new ParseResult();
            parser.Parse(seed, 0, 200, true, m, result);
            Assert.AreEqual(ParseResult.Incomplete, result.Code);

            var rig = new PhoneRig();
            rig.Handle(Strings.Swap(Seed, "CSeq: 1 MESSAGE", "CSeq: x MESSAGE"));
            Assert.AreEqual(400, rig.Wire.LastStatus);
        }

        [TestMethod]
        public void TheWriterEncodesNonAsciiHeadersAsUtf8()
        {
            // "Jürgen 東京 😀": the writer's own UTF-8 encoder, checked against bytes written out by hand.
            string from = "\"J\u00fcrgen \u6771\u4eac \uD83D\uDE00\" <sip:j@example.com>;tag=1";
            byte[] bytes = SipWriter.Response(200, "OK").Header("From", from).ToBytes();
            byte[] expected = Encoding.UTF8.GetBytes("SIP/2.0 200 OK\r\nFrom: \"J__rgen ______ ____\" <sip:j@example.com>;tag=1\r\nContent-Length: 0\r\n\r\n");
            byte[] multi = { 0xC3, 0xBC, 0xE6, 0x9D, 0xB1, 0xE4, 0xBA, 0xAC, 0xF0, 0x9F, 0x98, 0x80 };
            int[] at = { 24, 25, 31, 32, 33, 34, 35, 36, 38, 39, 40, 41 };
            for (int i = 0; i < at.Length; i++)
            {
                expected[at[i]] = multi[i];
            }
            AssertBytes(expected, bytes, "UTF-8 header");
        }
    }
}
