using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>The portable projects: their folder, assembly name and the packages their packages.config names.</summary>
    public static class PortableProjects
    {
        public static readonly string[] Folders = { "sip", "drivers", "ui", "firmware" };

        public static IEnumerable<object[]> All => Folders.Select(f => new object[] { f });

        public static string AssemblyName(string folder) => folder switch
        {
            "sip" => "DeskPhone.Sip",
            "drivers" => "DeskPhone.Drivers",
            "ui" => "DeskPhone.Ui",
            "firmware" => "DeskPhone.Firmware",
            _ => throw new ArgumentException(folder),
        };

        public static bool IsOwnAssembly(string name) => Folders.Any(f => AssemblyName(f) == name);

        public static string Dir(string folder) => Path.Combine(RepoPaths.Root, folder);

        /// <summary>The host build of the project, copied beside the tests by the project reference.</summary>
        public static string HostAssemblyPath(string folder) =>
            Path.Combine(AppContext.BaseDirectory, AssemblyName(folder) + ".dll");

        /// <summary>id -> version from the project's packages.config.</summary>
        public static Dictionary<string, string> PackagesConfig(string folder)
        {
            XDocument doc = XDocument.Load(Path.Combine(Dir(folder), "packages.config"));
            return doc.Root.Elements("package").ToDictionary(
                p => (string)p.Attribute("id"), p => (string)p.Attribute("version"), StringComparer.Ordinal);
        }
    }
}
