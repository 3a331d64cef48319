using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>
    /// The portable projects: their folder and assembly name. Each folder has a host twin (.csproj); the device builds
    /// fewer assemblies than the host: drivers/'s .nfproj also compiles ui/, media/ and xml/ (nanoCLR keeps every
    /// deployed assembly's runtime tables in the heap, docs/architecture.md), so those three folders have a twin and no .nfproj.
    /// </summary>
    public static class PortableProjects
    {
        /// <summary>The folders with a device project (.nfproj) beside their host twin.</summary>
        public static readonly string[] Folders = { "sip", "drivers", "domain", "firmware" };

        /// <summary>The folders whose sources the drivers' device project compiles: a host twin, no .nfproj.</summary>
        public static readonly string[] InDrivers = { "ui", "media", "xml" };

        public static IEnumerable<object[]> All => Folders.Select(f => new object[] { f });

        public static IEnumerable<object[]> HostTwins => Folders.Concat(InDrivers).Select(f => new object[] { f });

        public static IEnumerable<object[]> CompiledIntoDrivers => InDrivers.Select(f => new object[] { f });

        public static string AssemblyName(string folder) => folder switch
        {
            "sip" => "DeskPhone.Sip",
            "drivers" => "DeskPhone.Drivers",
            "ui" => "DeskPhone.Ui",
            "media" => "DeskPhone.Media",
            "xml" => "DeskPhone.Xml",
            "domain" => "DeskPhone.Domain",
            "firmware" => "DeskPhone.Firmware",
            _ => throw new ArgumentException(folder),
        };

        public static string Dir(string folder) => Path.Combine(RepoPaths.Root, folder);

    }
}
