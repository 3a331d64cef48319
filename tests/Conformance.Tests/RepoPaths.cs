using System;
using System.IO;
using System.Reflection;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>Finds the repository root (the folder holding nf.proj) and the shared folder beside it.</summary>
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

        /// <summary>../shared/nanoframework-api, or null when the shared folder is absent (the tests then skip).</summary>
        public static string ApiListFolder
        {
            get
            {
                string path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "nanoframework-api"));
                return Directory.Exists(path) ? path : null;
            }
        }

        public const string MissingSharedMessage =
            "../shared/nanoframework-api is absent beside the repository: the nanoFramework conformance check cannot run";
    }
}
