using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>
    /// Every .nfproj of the repository built with nf-build and converted with nf-pe, once per configuration and test
    /// run, into artifacts/device-build/CONFIG (project references land in the same folder, as nf-build does).
    /// </summary>
    public sealed class DeviceBuild
    {
        public static readonly string[] Configurations = { "Release", "Debug" };

        /// <summary>The four assemblies that make up the application image flashed on the board.</summary>
        public static readonly string[] ApplicationAssemblies = { "DeskPhone.Sip", "DeskPhone.Drivers", "DeskPhone.Ui", "DeskPhone.Firmware" };

        private static readonly Dictionary<string, Lazy<DeviceBuild>> Builds = Configurations.ToDictionary(
            c => c, c => new Lazy<DeviceBuild>(() => new DeviceBuild(c)));

        private static readonly Regex PeSize = new Regex(@"([\w.]+)\.pe: (\d+) bytes");

        private DeviceBuild(string configuration)
        {
            Configuration = configuration;
            OutDir = Path.Combine(RepoPaths.Root, "artifacts", "device-build", configuration);
            if (Directory.Exists(OutDir))
            {
                Directory.Delete(OutDir, true);
            }
            foreach (string project in Projects)
            {
                ProjectRuns[project] = NfSdk.Run("nf-build", project, "--config", configuration, "--out", OutDir);
            }
            string[] assemblies = Directory.Exists(OutDir)
                ? Directory.GetFiles(OutDir).Where(f => f.EndsWith(".dll") || f.EndsWith(".exe")).OrderBy(f => f).ToArray()
                : new string[0];
            Conversion = NfSdk.Run("nf-pe", assemblies);
            foreach (Match m in PeSize.Matches(Conversion.Output))
            {
                PeBytes[m.Groups[1].Value] = int.Parse(m.Groups[2].Value);
            }
            File.WriteAllLines(Path.Combine(OutDir, "pe-sizes.txt"), PeBytes.Select(p => p.Key + ".pe " + p.Value));
        }

        /// <summary>Every .nfproj in the repository, relative to its root, product projects first.</summary>
        public static string[] Projects
        {
            get
            {
                string root = RepoPaths.Root;
                return Directory.GetFiles(root, "*.nfproj", SearchOption.AllDirectories)
                    .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
                    .Where(p => !p.StartsWith("artifacts/") && !p.Contains("/bin/") && !p.Contains("/obj/"))
                    .OrderBy(p => p.StartsWith("tests/") ? 1 : 0).ThenBy(p => p, StringComparer.Ordinal)
                    .ToArray();
            }
        }

        public static IEnumerable<object[]> ProjectsAndConfigurations =>
            from p in Projects from c in Configurations select new object[] { p, c };

        public static IEnumerable<object[]> AllConfigurations => Configurations.Select(c => new object[] { c });

        public static DeviceBuild Of(string configuration)
        {
            NfSdk.FolderOrSkip();
            return Builds[configuration].Value;
        }

        public string Configuration { get; }
        public string OutDir { get; }
        public Dictionary<string, ToolRun> ProjectRuns { get; } = new Dictionary<string, ToolRun>();
        public ToolRun Conversion { get; }

        /// <summary>Assembly name -> size of its .pe, as nf-pe printed it.</summary>
        public Dictionary<string, int> PeBytes { get; } = new Dictionary<string, int>();

        /// <summary>Compiler and SDK diagnostics (CSxxxx, NFSDKxxx, NFPExxx) of a tool's output.</summary>
        public static string[] Diagnostics(string output, string severity) =>
            output.Split('\n').Where(l => Regex.IsMatch(l, @"\b" + severity + @" (CS|NFSDK|NFPE)\d+")).Select(l => l.TrimEnd()).ToArray();
    }
}
