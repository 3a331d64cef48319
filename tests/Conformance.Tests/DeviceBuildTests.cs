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

        /// <summary>
        /// The default board image (LAN only, no call audio; docs/board-profile.md "Wi-Fi", "Call audio") references
        /// neither variant's library: nanoCLR would load it at boot and keep its runtime tables in the heap, used or not
        /// (tools/flash/nf-build-variant.sh checks that each variant does reference its own).
        /// </summary>
        [SkippableFact]
        public void DefaultBoardImageReferencesNoVariantLibrary()
        {
            DeviceBuild build = DeviceBuild.Of("Release");
            string exe = Path.Combine(build.OutDir, "DeskPhone.Board.exe");
            Assert.True(File.Exists(exe), exe + " was not built:\n" + build.Conversion);

            string[] references;
            using (var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(exe)))
            {
                System.Reflection.Metadata.MetadataReader metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
                references = metadata.AssemblyReferences.Select(r => metadata.GetString(metadata.GetAssemblyReference(r).Name)).ToArray();
            }
            _output.WriteLine("DeskPhone.Board references " + string.Join(", ", references));

            Assert.Contains("System.Device.Gpio", references);
            Assert.Contains("DeskPhone.Drivers", references);
            Assert.DoesNotContain("System.Device.Wifi", references);
            Assert.DoesNotContain("System.Device.I2s", references);
            Assert.DoesNotContain("DeskPhone.Ui", references);
            Assert.DoesNotContain("DeskPhone.Media", references);
            Assert.DoesNotContain("DeskPhone.Xml", references);
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
