using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>The portable projects: their folder and assembly name.</summary>
    public static class PortableProjects
    {
        public static readonly string[] Folders = { "sip", "drivers", "ui", "domain", "firmware" };

        public static IEnumerable<object[]> All => Folders.Select(f => new object[] { f });

        public static string AssemblyName(string folder) => folder switch
        {
            "sip" => "DeskPhone.Sip",
            "drivers" => "DeskPhone.Drivers",
            "ui" => "DeskPhone.Ui",
            "domain" => "DeskPhone.Domain",
            "firmware" => "DeskPhone.Firmware",
            _ => throw new ArgumentException(folder),
        };

        public static string Dir(string folder) => Path.Combine(RepoPaths.Root, folder);

    }
}
