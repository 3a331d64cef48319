using System;
using System.IO;
using System.Reflection;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>Finds the repository root (the folder holding nf.proj).</summary>
    internal static class RepoPaths
    {
        public static string Root
        {
            get
            {
                foreach (var meta in typeof(RepoPaths).Assembly.GetCustomAttributes(typeof(AssemblyMetadataAttribute), false))
                {
                    var attribute = (AssemblyMetadataAttribute)meta;
                    if (attribute.Key == "RepoRoot" && File.Exists(Path.Combine(attribute.Value, "nf.proj")))
                    {
                        return attribute.Value;
                    }
                }
                string dir = AppContext.BaseDirectory;
                while (dir != null && !File.Exists(Path.Combine(dir, "nf.proj")))
                {
                    dir = Path.GetDirectoryName(dir);
                }
                if (dir == null)
                {
                    throw new InvalidOperationException("repository root (nf.proj) not found above " + AppContext.BaseDirectory);
                }
                return dir;
            }
        }
    }
}
