using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>
    /// The device project files stay in nanoFramework's own format, so Visual Studio's nanoFramework project system
    /// opens them; whether their references, HintPaths and packages.config agree is nf-build's check (DeviceBuildTests).
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

        [Fact]
        public void SolutionListsEveryNfproj()
        {
            string sln = File.ReadAllText(Path.Combine(RepoPaths.Root, "DeskPhone.sln"));
            foreach (string project in DeviceBuild.Projects)
            {
                Assert.Contains("\"" + project.Replace('/', '\\') + "\"", sln);
            }
        }

        [Theory]
        [MemberData(nameof(PortableProjects.HostTwins), MemberType = typeof(PortableProjects))]
        public void HostTwinUsesLangVersion9AndNoPackages(string folder)
        {
            string csproj = File.ReadAllText(Path.Combine(PortableProjects.Dir(folder), PortableProjects.AssemblyName(folder) + ".csproj"));
            string props = File.ReadAllText(Path.Combine(RepoPaths.Root, "portable.props"));

            Assert.Contains("../portable.props", csproj);
            Assert.DoesNotContain("PackageReference", csproj);
            Assert.Contains("<LangVersion>9.0</LangVersion>", props);
            Assert.False(Directory.Exists(Path.Combine(PortableProjects.Dir(folder), "Device")),
                folder + "/Device: code that needs the board's natives belongs in board/, the portable projects compile everything they hold");
        }

        /// <summary>
        /// ui/, media/ and xml/ are built into DeskPhone.Drivers on the device (one assembly's tables, not four: docs/architecture.md)
        /// and stay their own host twins, which keep the four from using each other. A .nfproj of their own would be
        /// deployed beside the drivers' and compile the same types twice.
        /// </summary>
        [Theory]
        [MemberData(nameof(PortableProjects.CompiledIntoDrivers), MemberType = typeof(PortableProjects))]
        public void DriversDeviceProjectCompilesTheFolder(string folder)
        {
            string[] compiles = LoadNfproj("drivers").Descendants(Ms + "Compile").Select(c => (string)c.Attribute("Include")).ToArray();

            Assert.Contains("..\\" + folder + "\\**\\*.cs", compiles);
            Assert.Empty(Directory.GetFiles(PortableProjects.Dir(folder), "*.nfproj"));
            Assert.Empty(Directory.GetFiles(PortableProjects.Dir(folder), "packages.config"));
            Assert.True(File.Exists(Path.Combine(PortableProjects.Dir(folder), PortableProjects.AssemblyName(folder) + ".csproj")), folder + " keeps its host twin");
            Assert.DoesNotContain(DeviceBuild.Projects, p => File.ReadAllText(Path.Combine(RepoPaths.Root, p)).Contains(PortableProjects.AssemblyName(folder) + ".nfproj"));
        }

        /// <summary>
        /// xml/ uses sip's UTF-8 helpers, so on the device DeskPhone.Drivers references DeskPhone.Sip, and nothing else of
        /// ours; sip's device project references none of ours, or the two would need each other (docs/architecture.md).
        /// </summary>
        [Fact]
        public void DriversDeviceProjectReferencesSipAndSipNothingOfOurs()
        {
            string[] drivers = LoadNfproj("drivers").Descendants(Ms + "ProjectReference").Select(r => (string)r.Attribute("Include")).ToArray();
            string[] sip = LoadNfproj("sip").Descendants(Ms + "ProjectReference").Select(r => (string)r.Attribute("Include")).ToArray();

            Assert.Equal(new[] { "..\\sip\\DeskPhone.Sip.nfproj" }, drivers);
            Assert.Empty(sip);
        }

        /// <summary>
        /// The portable projects are libraries that need no native the interpreter lacks, so the device tests and the
        /// boot scenario load them as they are; the board application is the one Exe and holds everything else.
        /// </summary>
        [Theory]
        [MemberData(nameof(PortableProjects.All), MemberType = typeof(PortableProjects))]
        public void PortableProjectIsALibraryWithoutBoardOnlyPackages(string folder)
        {
            XDocument nfproj = LoadNfproj(folder);
            string[] references = nfproj.Descendants(Ms + "Reference").Select(r => ((string)r.Attribute("Include")).Split(',')[0]).ToArray();

            Assert.Equal("Library", nfproj.Descendants(Ms + "OutputType").Single().Value);
            Assert.DoesNotContain(references, r => BoardOnly.Any(prefix => r.StartsWith(prefix, StringComparison.Ordinal)));
        }

        [Fact]
        public void BoardProjectIsTheApplication()
        {
            XDocument nfproj = XDocument.Load(Path.Combine(RepoPaths.Root, "board", "DeskPhone.Board.nfproj"));
            string[] projectReferences = nfproj.Descendants(Ms + "ProjectReference").Select(r => (string)r.Attribute("Include")).ToArray();

            Assert.Equal("Exe", nfproj.Descendants(Ms + "OutputType").Single().Value);
            Assert.Equal("DeskPhone.Board", nfproj.Descendants(Ms + "AssemblyName").Single().Value);
            foreach (string folder in PortableProjects.Folders)
            {
                Assert.Contains("..\\" + folder + "\\" + PortableProjects.AssemblyName(folder) + ".nfproj", projectReferences);
            }
            Assert.False(File.Exists(Path.Combine(RepoPaths.Root, "board", "DeskPhone.Board.csproj")), "board/ is device code only: no host twin");
        }

        /// <summary>
        /// The default board image is LAN only and has no call audio (docs/board-profile.md "Wi-Fi", "Call audio"):
        /// System.Device.Wifi with the station, System.Device.I2s with the I2S adapter come only with -p:Wifi=true,
        /// -p:CallAudio=true, so the image CI measures and the flashing helper deploys does not pay the libraries' runtime
        /// tables. tools/flash/nf-build-variant.sh builds the variants by meeting these conditions.
        /// </summary>
        [Theory]
        [InlineData("Wifi", "System.Device.Wifi", "Drivers\\WifiStation.cs", "WIFI")]
        [InlineData("CallAudio", "System.Device.I2s", "Drivers\\I2sCallAudio.cs", "CALL_AUDIO")]
        public void BoardReferencesAVariantsLibraryOnlyInThatVariant(string property, string library, string source, string constant)
        {
            XDocument nfproj = XDocument.Load(Path.Combine(RepoPaths.Root, "board", "DeskPhone.Board.nfproj"));
            string condition = "'$(" + property + ")' == 'true'";
            XElement reference = nfproj.Descendants(Ms + "Reference").Single(r => ((string)r.Attribute("Include")).StartsWith(library + ",", StringComparison.Ordinal));
            XElement adapter = nfproj.Descendants(Ms + "Compile").Single(c => (string)c.Attribute("Include") == source);
            XElement wildcard = nfproj.Descendants(Ms + "Compile").Single(c => (string)c.Attribute("Include") == "**\\*.cs");

            Assert.Equal(condition, (string)reference.Parent.Attribute("Condition"));
            Assert.Equal(condition, (string)adapter.Parent.Attribute("Condition"));
            Assert.Contains(source, ((string)wildcard.Attribute("Exclude")).Split(';'));
            Assert.Contains(nfproj.Descendants(Ms + "DefineConstants"), d => d.Value.Contains(";" + constant) && (string)d.Parent.Attribute("Condition") == condition);
            Assert.Equal(3, nfproj.Descendants().Count(e => (string)e.Attribute("Condition") == condition));
        }

        /// <summary>
        /// The board's profile is chosen with the image (-p:BoardProfile=olimex-poe, the flashing helper's board option):
        /// the condition only defines BOARD_OLIMEX_POE, which board/Program.cs turns into the Olimex ESP32-POE's profile.
        /// </summary>
        [Fact]
        public void BoardProfilePropertyChoosesTheProfileBuiltIntoTheImage()
        {
            XDocument nfproj = XDocument.Load(Path.Combine(RepoPaths.Root, "board", "DeskPhone.Board.nfproj"));
            const string condition = "'$(BoardProfile)' == 'olimex-poe'";
            XElement group = nfproj.Descendants().Single(e => (string)e.Attribute("Condition") == condition);
            string program = File.ReadAllText(Path.Combine(RepoPaths.Root, "board", "Program.cs"));

            Assert.Equal("PropertyGroup", group.Name.LocalName);
            Assert.Equal("$(DefineConstants);BOARD_OLIMEX_POE", group.Elements().Single().Value);
            Assert.Contains("#if BOARD_OLIMEX_POE\n            BoardProfile board = BoardProfiles.OlimexEsp32Poe();", program.Replace("\r\n", "\n"));
        }

        /// <summary>Libraries whose natives only the board has (static constructors that throw in the POSIX nanoCLR, GPIO, HTTP).</summary>
        private static readonly string[] BoardOnly =
        {
            "nanoFramework.Graphics", "nanoFramework.ResourceManager", "System.IO.FileSystem", "System.Device.", "System.IO.Ports",
            "nanoFramework.Hardware.Esp32", "Iot.Device.", "System.Net.Http",
        };

        private static XDocument LoadNfproj(string folder) =>
            XDocument.Load(Path.Combine(PortableProjects.Dir(folder), PortableProjects.AssemblyName(folder) + ".nfproj"));
    }
}
