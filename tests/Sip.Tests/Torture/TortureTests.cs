using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Tests.Torture
{
    /// <summary>Every RFC 4475 message gets the verdict and answer its MANIFEST.tsv row expects.</summary>
    public class TortureTests
    {
        /// <summary>The answer the phone gives where the manifest asks for one (or where the phone's role decides).</summary>
        private static readonly Dictionary<string, int> Answers = new Dictionary<string, int>
        {
            ["unkscm.dat"] = 416, ["novelsc.dat"] = 416, ["bext01.dat"] = 420, ["invut.dat"] = 415, ["sdp01.dat"] = 406,
            ["esc02.dat"] = 501, ["intmeth.dat"] = 501, ["mismatch02.dat"] = 501, ["badvers.dat"] = 505,
            // The phone is not a registrar: REGISTER is well formed but answered 405 with Allow.
            ["escnull.dat"] = 405, ["cparam01.dat"] = 405, ["cparam02.dat"] = 405, ["regescrt.dat"] = 405,
            ["regaut01.dat"] = 405, ["unksm2.dat"] = 405, ["dblreq.dat"] = 405,
            // MESSAGE bodies other than text/plain.
            ["mpart01.dat"] = 415,
            ["zeromf.dat"] = 0, ["badbranch.dat"] = 0, ["lwsdisp.dat"] = 0, ["transports.dat"] = 0, ["semiuri.dat"] = 0,
            ["wsinv.dat"] = 0, ["esc01.dat"] = 0, ["longreq.dat"] = 0, ["inv2543.dat"] = 0,
        };

        public static IEnumerable<object[]> Rows()
        {
            string dir = TestPaths.Torture;
            if (dir == null)
            {
                yield return new object[] { null, null };
                yield break;
            }
            foreach (string line in File.ReadAllLines(Path.Combine(dir, "MANIFEST.tsv")).Skip(1))
            {
                string[] cols = line.Split('\t');
                yield return new object[] { cols[0], cols[3] };
            }
        }

        internal static (SipMessage, ParseResult, CheckResult) Judge(byte[] data)
        {
            var m = new SipMessage();
            var p = new ParseResult();
            new SipParser().Parse(data, 0, data.Length, false, m, p);
            var c = new CheckResult();
            if (p.Code == ParseResult.Ok)
            {
                RequestCheck.Check(m, UaCapabilities.Phone(), c);
            }
            return (m, p, c);
        }

        [SkippableFact]
        public void ManifestHas49Messages()
        {
            Skip.If(TestPaths.Torture == null, TestPaths.MissingTorture);
            Assert.Equal(49, Rows().Count());
        }

        [SkippableTheory]
        [MemberData(nameof(Rows))]
        public void VerdictMatchesTheManifest(string file, string verdict)
        {
            Skip.If(file == null, TestPaths.MissingTorture);
            byte[] data = File.ReadAllBytes(Path.Combine(TestPaths.Torture, file));
            (SipMessage m, ParseResult p, CheckResult c) = Judge(data);
            bool request = m.IsRequest;

            if (verdict == "valid")
            {
                Assert.True(p.Code == ParseResult.Ok, file + ": " + p.ErrorReason);
                Assert.True(c.Code == ParseResult.Ok, file + ": " + c.ErrorReason);
                if (Answers.TryGetValue(file, out int answer))
                {
                    Assert.True(answer == c.ErrorStatus, file + ": expected " + answer + ", got " + c.ErrorStatus + " " + c.ErrorReason);
                }
            }
            else
            {
                int status = p.Code == ParseResult.Invalid ? p.ErrorStatus : c.ErrorStatus;
                bool rejected = p.Code == ParseResult.Invalid || c.Code != ParseResult.Ok || (Answers.ContainsKey(file) && c.ErrorStatus == Answers[file]);
                Assert.True(rejected, file + " should be rejected");
                if (request)
                {
                    int expected = Answers.TryGetValue(file, out int a) ? a : 400;
                    Assert.True(expected == status, file + ": expected " + expected + ", got " + status + " (" + (p.ErrorReason ?? c.ErrorReason) + ")");
                }
                else
                {
                    Assert.True(p.Code == ParseResult.Invalid ? p.ErrorStatus == 0 : c.Code != ParseResult.Ok && c.ErrorStatus == 0, file + ": a bad response is dropped");
                }
            }
        }
    }
}
