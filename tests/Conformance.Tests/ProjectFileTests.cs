using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>
    /// The device project files stay in nanoFramework's own format and agree with packages.config and the API lists,
    /// so a nanoFramework user's build restores and resolves exactly the packages the host check assumed.
    /// </summary>
    public class ProjectFileTests
    {
        private static readonly XNamespace Ms = "http://schemas.microsoft.com/developer/msbuild/2003";

        [Theory]
        [MemberData(nameof(PortableProjects.All), MemberType = typeof(PortableProjects))]
        public void NfprojHasTheNanoFrameworkProjectShape(string folder)
        {
            XDocument nfproj = LoadNfproj(folder);
            string text = nfproj.ToString();

            Assert.Contains("{11A8DD76-328B-46DF-9F39-F559912D0360};{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}", text);
            Assert.Equal("v1.0", nfproj.Descendants(Ms + "TargetFrameworkVersion").Single().Value);
            var imports = nfproj.Descendants(Ms + "Import").Select(i => (string)i.Attribute("Project")).ToList();
            foreach (string expected in new[] { "NFProjectSystem.Default.props", "NFProjectSystem.props", "NFProjectSystem.CSharp.targets" })
            {
                Assert.Contains("$(NanoFrameworkProjectSystemPath)" + expected, imports);
            }
            Assert.Equal(PortableProjects.AssemblyName(folder), nfproj.Descendants(Ms + "AssemblyName").Single().Value);
        }

        [Theory]
        [MemberData(nameof(PortableProjects.All), MemberType = typeof(PortableProjects))]
        public void PackagesConfigTargetsNetNano(string folder)
        {
            XDocument config = XDocument.Load(Path.Combine(PortableProjects.Dir(folder), "packages.config"));
            foreach (XElement package in config.Root.Elements("package"))
            {
                Assert.Equal("netnano1.0", (string)package.Attribute("targetFramework"));
            }
        }

        [SkippableTheory]
        [MemberData(nameof(PortableProjects.All), MemberType = typeof(PortableProjects))]
        public void ReferencesMatchPackagesConfigAndTheListedVersions(string folder)
        {
            ApiCatalog catalog = PortableAssemblyTests.LoadCatalogOrSkip();
            Dictionary<string, string> config = PortableProjects.PackagesConfig(folder);
            var problems = new List<string>();

            foreach (KeyValuePair<string, string> package in config)
            {
                if (!catalog.Packages.TryGetValue(package.Key, out ApiPackage listed))
                {
                    problems.Add(package.Key + ": not a package of the nanoFramework API lists");
                }
                else if (listed.PackageVersion != package.Value)
                {
                    problems.Add(package.Key + ": packages.config says " + package.Value + ", the API list describes " + listed.PackageVersion);
                }
            }

            var referenced = new HashSet<string>(StringComparer.Ordinal);
            foreach (XElement reference in LoadNfproj(folder).Descendants(Ms + "Reference"))
            {
                string include = (string)reference.Attribute("Include");
                string assembly = include.Split(',')[0].Trim();
                ApiPackage listed = catalog.Packages.Values.FirstOrDefault(p => p.Assembly == assembly);
                if (listed == null)
                {
                    problems.Add(include + ": no API list for this assembly");
                    continue;
                }
                if (!include.Contains("Version=" + listed.AssemblyVersion + ",", StringComparison.Ordinal) ||
                    !include.Contains("PublicKeyToken=c07d481e9758c731", StringComparison.Ordinal))
                {
                    problems.Add(include + ": expected the full name with Version=" + listed.AssemblyVersion + " and nanoFramework's key");
                }
                string hint = reference.Element(Ms + "HintPath")?.Value ?? "";
                string container = config.Keys.FirstOrDefault(id =>
                    hint == @"..\packages\" + id + "." + config[id] + @"\lib\" + assembly + ".dll");
                if (container == null)
                {
                    problems.Add(assembly + ": HintPath '" + hint + "' does not point into a package of packages.config");
                }
                else
                {
                    referenced.Add(container);
                }
            }
            foreach (string id in config.Keys.Where(id => !referenced.Contains(id)))
            {
                problems.Add(id + ": in packages.config but no <Reference> in the .nfproj uses it");
            }

            Assert.True(problems.Count == 0, folder + ":\n" + string.Join("\n", problems));
        }

        [Fact]
        public void SolutionListsEveryNfproj()
        {
            string sln = File.ReadAllText(Path.Combine(RepoPaths.Root, "DeskPhone.sln"));
            foreach (string folder in PortableProjects.Folders)
            {
                Assert.Contains(folder + "\\" + PortableProjects.AssemblyName(folder) + ".nfproj", sln);
            }
        }

        [Theory]
        [MemberData(nameof(PortableProjects.All), MemberType = typeof(PortableProjects))]
        public void HostTwinUsesLangVersion9AndNoPackages(string folder)
        {
            string csproj = File.ReadAllText(Path.Combine(PortableProjects.Dir(folder), PortableProjects.AssemblyName(folder) + ".csproj"));
            string props = File.ReadAllText(Path.Combine(RepoPaths.Root, "portable.props"));

            Assert.Contains("../portable.props", csproj);
            Assert.DoesNotContain("PackageReference", csproj);
            Assert.Contains("<LangVersion>9.0</LangVersion>", props);
            Assert.Contains("<Compile Remove=\"Device/**\" />", props);
        }

        private static XDocument LoadNfproj(string folder) =>
            XDocument.Load(Path.Combine(PortableProjects.Dir(folder), PortableProjects.AssemblyName(folder) + ".nfproj"));
    }
}
