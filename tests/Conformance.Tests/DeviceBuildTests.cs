using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>
    /// The device gate: every .nfproj compiles against the real nanoFramework reference assemblies with nf-build
    /// (Release and Debug, no error, no warning) and converts with the real metadata processor with no IL-scan
    /// finding; the application image stays within the budget docs/benchmarks.md states. A failure shows the
    /// compiler's or processor's own messages.
    /// </summary>
    public class DeviceBuildTests
    {
        private readonly ITestOutputHelper _output;

        public DeviceBuildTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [SkippableTheory]
        [MemberData(nameof(DeviceBuild.ProjectsAndConfigurations), MemberType = typeof(DeviceBuild))]
        public void CompilesWithoutErrorOrWarning(string project, string configuration)
        {
            ToolRun run = DeviceBuild.Of(configuration).ProjectRuns[project];

            string[] problems = DeviceBuild.Diagnostics(run.Output, "error").Concat(DeviceBuild.Diagnostics(run.Output, "warning")).ToArray();
            Assert.True(run.ExitCode == 0 && problems.Length == 0, run.ToString());
            Assert.Matches(@"== " + Regex.Escape(DeviceBuild.AssemblyName(project)) + @" \[" + configuration + @"\] .*: OK, 0 error\(s\), 0 warning\(s\)", run.Output);
        }

        [SkippableTheory]
        [MemberData(nameof(DeviceBuild.AllConfigurations), MemberType = typeof(DeviceBuild))]
        public void ConvertsWithoutAnIlScanFinding(string configuration)
        {
            DeviceBuild build = DeviceBuild.Of(configuration);
            ToolRun run = build.Conversion;

            Assert.True(run.ExitCode == 0, run.ToString());
            foreach (string assembly in DeviceBuild.ApplicationAssemblies)
            {
                Assert.True(build.PeBytes.ContainsKey(assembly), assembly + ".pe was not written:\n" + run);
            }
            MatchCollection scans = Regex.Matches(run.Output, @"IL scan (\S+): (\d+) finding\(s\)");
            Assert.Equal(build.PeBytes.Count, scans.Count);
            Assert.All(scans, m => Assert.True(m.Groups[2].Value == "0", run.ToString()));
        }

        [SkippableFact]
        public void ApplicationImageFitsItsBudget()
        {
            DeviceBuild build = DeviceBuild.Of("Release");
            int budget = StatedBudget();

            int total = 0;
            foreach (string assembly in DeviceBuild.ApplicationAssemblies)
            {
                Assert.True(build.PeBytes.TryGetValue(assembly, out int bytes), assembly + ".pe missing:\n" + build.Conversion);
                _output.WriteLine(assembly + ".pe " + bytes.ToString("N0") + " B");
                total += bytes;
            }
            _output.WriteLine("application image " + total.ToString("N0") + " B of a " + budget.ToString("N0") + " B budget");
            Assert.True(total <= budget, "the application's .pe files take " + total.ToString("N0") + " B, over the " +
                budget.ToString("N0") + " B budget in docs/benchmarks.md (" + string.Join(", ",
                DeviceBuild.ApplicationAssemblies.Select(a => a + " " + build.PeBytes[a])) + ")");
        }

        /// <summary>The budget line of docs/benchmarks.md: "Application image budget: N bytes".</summary>
        private static int StatedBudget()
        {
            string doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "benchmarks.md"));
            Match m = Regex.Match(doc, @"Application image budget: ([\d,]+) bytes");
            Assert.True(m.Success, "docs/benchmarks.md states no 'Application image budget: N bytes'");
            return int.Parse(m.Groups[1].Value.Replace(",", ""));
        }
    }
}
