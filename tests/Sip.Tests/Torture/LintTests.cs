using System.IO;
using System.Linq;
using DeskPhone.PhoneCtl.Lint;

namespace DeskPhone.Sip.Tests.Torture
{
    public class LintTests
    {
        [SkippableFact]
        public void OneLinePerFileWithTheManifestVerdict()
        {
            Skip.If(TestPaths.Torture == null, TestPaths.MissingTorture);
            string[] rows = File.ReadAllLines(Path.Combine(TestPaths.Torture, "MANIFEST.tsv")).Skip(1).ToArray();
            string[] files = rows.Select(r => Path.Combine(TestPaths.Torture, r.Split('\t')[0])).ToArray();
            var output = new StringWriter();

            Assert.Equal(0, LintCommand.Run(files, output, new StringWriter()));

            string[] lines = output.ToString().TrimEnd('\n').Split('\n');
            Assert.Equal(49, lines.Length);
            for (int i = 0; i < rows.Length; i++)
            {
                string[] cols = rows[i].Split('\t');
                string[] words = lines[i].Split(' ');
                Assert.Equal(files[i], words[0]);
                Assert.Equal(cols[3] == "valid" ? "accept" : "reject", words[1]);
                Assert.True(words[2] == "drop" || int.TryParse(words[2], out _), lines[i]);
                Assert.True(words.Length > 3, lines[i]);
            }
            Assert.Contains(lines, l => l.EndsWith("unkscm.dat accept 416 Unsupported URI Scheme"));
            Assert.Contains(lines, l => l.Contains("badvers.dat reject 505"));
            Assert.Contains(lines, l => l.Contains("bigcode.dat reject drop"));
            Assert.Contains(lines, l => l.Contains("bext01.dat accept 420 Bad Extension (Unsupported: nothingSupportsThis, nothingSupportsThisEither)"));
        }

        [Fact]
        public void MissingFileIsALineNotACrash()
        {
            var output = new StringWriter();
            Assert.Equal(0, LintCommand.Run(new[] { "/nonexistent/x.sip" }, output, new StringWriter()));
            Assert.Equal("/nonexistent/x.sip reject drop cannot read file\n", output.ToString().Replace("\r", ""));
        }

        [Fact]
        public void NoFilesIsAUsageError()
        {
            var error = new StringWriter();
            Assert.Equal(2, LintCommand.Run(new string[0], new StringWriter(), error));
            Assert.Contains("usage", error.ToString());
        }
    }
}
