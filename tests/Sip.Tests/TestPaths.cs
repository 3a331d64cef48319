using System;
using System.IO;
using System.Reflection;

namespace DeskPhone.Sip.Tests
{
    /// <summary>The repository (from the RepoRoot build metadata) and ../shared beside it.</summary>
    internal static class TestPaths
    {
        public static string Root
        {
            get
            {
                foreach (var attribute in typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
                {
                    if (attribute.Key == "RepoRoot" && File.Exists(Path.Combine(attribute.Value, "nf.proj")))
                    {
                        return attribute.Value;
                    }
                }
                throw new InvalidOperationException("RepoRoot metadata missing");
            }
        }

        /// <summary>../shared/sip-torture, or null when absent.</summary>
        public static string Torture
        {
            get
            {
                string path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "sip-torture"));
                return Directory.Exists(path) ? path : null;
            }
        }

        public const string MissingTorture = "../shared/sip-torture is absent beside the repository: the RFC 4475 torture tests cannot run";
    }
}
