using System;
using System.Collections.Generic;
using System.IO;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>
    /// The nanoFramework public API as listed in ../shared/nanoframework-api: every doc-comment ID, and for each the
    /// NuGet packages that ship it (an ID can sit in several lists, e.g. a type both Graphics packages declare).
    /// </summary>
    public sealed class ApiCatalog
    {
        private readonly Dictionary<string, List<string>> _packagesById = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _overloadsByMethod = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        private readonly Dictionary<string, ApiPackage> _packages = new Dictionary<string, ApiPackage>(StringComparer.Ordinal);

        public IReadOnlyDictionary<string, ApiPackage> Packages => _packages;

        public static ApiCatalog Load(string folder)
        {
            var catalog = new ApiCatalog();
            foreach (string file in Directory.GetFiles(folder, "*.txt"))
            {
                catalog.AddList(File.ReadAllLines(file));
            }
            return catalog;
        }

        public void AddList(string[] lines)
        {
            string nuget = null;
            string assembly = null;
            string version = null;
            foreach (string line in lines)
            {
                if (line.StartsWith("# nuget:", StringComparison.Ordinal))
                {
                    // "nanoFramework.Graphics.Core (also inside nanoFramework.Graphics)": the first word is the package.
                    nuget = line.Substring(8).Trim().Split(' ')[0];
                }
                else if (line.StartsWith("# assembly:", StringComparison.Ordinal))
                {
                    string identity = line.Substring(11).Trim();
                    assembly = identity.Split(',')[0].Trim();
                    int v = identity.IndexOf("Version=", StringComparison.Ordinal);
                    version = identity.Substring(v + 8).Split(',')[0].Trim();
                }
                else if (line.Length > 2 && line[1] == ':' && !line.StartsWith("#", StringComparison.Ordinal))
                {
                    Add(line, nuget);
                }
            }
            if (nuget != null && !_packages.ContainsKey(nuget))
            {
                _packages[nuget] = new ApiPackage(nuget, assembly, version);
            }
        }

        private void Add(string id, string nuget)
        {
            if (!_packagesById.TryGetValue(id, out List<string> owners))
            {
                owners = new List<string>();
                _packagesById[id] = owners;
            }
            if (nuget != null && !owners.Contains(nuget))
            {
                owners.Add(nuget);
            }
            if (id.StartsWith("M:", StringComparison.Ordinal))
            {
                string key = MethodKey(id);
                if (!_overloadsByMethod.TryGetValue(key, out List<string> overloads))
                {
                    overloads = new List<string>();
                    _overloadsByMethod[key] = overloads;
                }
                overloads.Add(id);
            }
        }

        public bool Contains(string id) => _packagesById.ContainsKey(id);

        public IReadOnlyList<string> PackagesOf(string id) =>
            _packagesById.TryGetValue(id, out List<string> owners) ? owners : Array.Empty<string>();

        /// <summary>Every listed overload of the method named by a doc ID (the part before the parameter list).</summary>
        public IReadOnlyList<string> Overloads(string methodId) =>
            _overloadsByMethod.TryGetValue(MethodKey(methodId), out List<string> list) ? list : Array.Empty<string>();

        private static string MethodKey(string id)
        {
            int paren = id.IndexOf('(');
            int tilde = id.IndexOf('~');
            int end = paren >= 0 ? paren : (tilde >= 0 ? tilde : id.Length);
            return id.Substring(0, end);
        }
    }

    public sealed class ApiPackage
    {
        public ApiPackage(string nuget, string assembly, string version)
        {
            NuGet = nuget;
            Assembly = assembly;
            AssemblyVersion = version;
        }

        public string NuGet { get; }
        public string Assembly { get; }

        /// <summary>Four-part assembly version, e.g. 1.17.11.0; the NuGet version is its first three parts.</summary>
        public string AssemblyVersion { get; }

        public string PackageVersion =>
            AssemblyVersion.EndsWith(".0", StringComparison.Ordinal) ? AssemblyVersion.Substring(0, AssemblyVersion.Length - 2) : AssemblyVersion;
    }
}
