using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>
    /// Every .nfproj of the repository built with nf-build and converted with nf-pe, once per configuration and test
    /// run, into artifacts/device-build/CONFIG. nf-build builds a project's references first, into the same folder,
    /// so only the projects no other project references are built; each of the others is judged by the run that
    /// built it on the way.
    /// </summary>
    public sealed class DeviceBuild
    {
        public static readonly string[] Configurations = { "Release", "Debug" };

        /// <summary>The assemblies that make up the application image flashed on the board: the portable libraries (DeskPhone.Drivers holding ui/, media/ and xml/ too) and the board application.</summary>
        public static readonly string[] ApplicationAssemblies = { "DeskPhone.Sip", "DeskPhone.Drivers", "DeskPhone.Domain", "DeskPhone.Firmware", "DeskPhone.Board" };

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
            Dictionary<string, string[]> references = Projects.ToDictionary(p => p, References);
            foreach (string root in Projects.Where(p => !references.Values.Any(r => r.Contains(p))))
            {
                ToolRun run = NfSdk.Run("nf-build", root, "--config", configuration, "--out", OutDir);
                foreach (string built in WithReferences(root, references))
                {
                    ProjectRuns.TryAdd(built, run);
                }
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

        /// <summary>The .nfproj files a project references, relative to the repository root.</summary>
        private static string[] References(string project)
        {
            string dir = Path.GetDirectoryName(Path.Combine(RepoPaths.Root, project));
            return XDocument.Load(Path.Combine(RepoPaths.Root, project)).Descendants()
                .Where(e => e.Name.LocalName == "ProjectReference")
                .Select(e => Path.GetRelativePath(RepoPaths.Root, Path.GetFullPath(Path.Combine(dir, ((string)e.Attribute("Include")).Replace('\\', '/')))).Replace('\\', '/'))
                .ToArray();
        }

        private static IEnumerable<string> WithReferences(string project, Dictionary<string, string[]> references)
        {
            yield return project;
            foreach (string reference in references[project])
            {
                foreach (string built in WithReferences(reference, references))
                {
                    yield return built;
                }
            }
        }

        /// <summary>The assembly a project builds (its AssemblyName).</summary>
        public static string AssemblyName(string project) =>
            XDocument.Load(Path.Combine(RepoPaths.Root, project)).Descendants().First(e => e.Name.LocalName == "AssemblyName").Value;

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
