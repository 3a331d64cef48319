using System;
using System.IO;
using System.Linq;
using System.Reflection;
using DeskPhone.PhoneCtl.Bench;

namespace DeskPhone.Hil.Tests
{
    /// <summary>docs/bench.md's phonectl synopsis names every command phonectl's help names (no phone needed).</summary>
    public class PhoneCtlDocsTests
    {
        /// <summary>
        /// The synopsis lacked update, link and conference, which the help and the rest of the docs had: a reader of
        /// bench.md's command list did not learn they exist.
        /// </summary>
        [Fact]
        public void TheSynopsisInBenchMdNamesEveryCommandOfTheHelp()
        {
            string root = typeof(PhoneCtlDocsTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .First(a => a.Key == "RepoRoot").Value;
            string doc = File.ReadAllText(Path.Combine(root, "docs", "bench.md"));
            int start = doc.IndexOf("```\nphonectl [--target URL]", StringComparison.Ordinal);
            Assert.True(start >= 0, "docs/bench.md has no phonectl synopsis");
            string synopsis = doc.Substring(start, doc.IndexOf("```", start + 3, StringComparison.Ordinal) - start);
            string[] words = synopsis.Split(new[] { ' ', '\n', '|' }, StringSplitOptions.RemoveEmptyEntries);

            // A command line of the help: two spaces, then the syntax ("plug|unplug ethernet|hid|module N"); its first
            // word names the command (or two, split by '|'). The credentials' lines start with an option.
            var missing = BenchCommands.Help.Split('\n')
                .Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("   ", StringComparison.Ordinal) && !l.StartsWith("  --", StringComparison.Ordinal))
                .SelectMany(l => l.Substring(2).Split(' ')[0].Split('|'))
                .Where(command => !words.Contains(command))
                .ToList();
            Assert.Empty(missing);
        }
    }
}
