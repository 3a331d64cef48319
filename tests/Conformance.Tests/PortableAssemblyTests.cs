using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>The gate: every portable host assembly stays inside what nanoFramework 1.x offers.</summary>
    public class PortableAssemblyTests
    {
        [SkippableTheory]
        [MemberData(nameof(PortableProjects.All), MemberType = typeof(PortableProjects))]
        public void UsesOnlyTheNanoFrameworkApi(string folder)
        {
            ApiCatalog catalog = LoadCatalogOrSkip();
            var checker = new ConformanceChecker(catalog, PortableProjects.IsOwnAssembly);

            List<Violation> violations = checker.Check(PortableProjects.HostAssemblyPath(folder));

            Assert.True(violations.Count == 0,
                "nanoFramework conformance failures:\n" + string.Join("\n", violations.Select(v => v.ToString())));
        }

        [SkippableTheory]
        [MemberData(nameof(PortableProjects.All), MemberType = typeof(PortableProjects))]
        public void EveryPackageItUsesIsInPackagesConfig(string folder)
        {
            ApiCatalog catalog = LoadCatalogOrSkip();
            var checker = new ConformanceChecker(catalog, PortableProjects.IsOwnAssembly);
            checker.Check(PortableProjects.HostAssemblyPath(folder));
            Dictionary<string, string> config = PortableProjects.PackagesConfig(folder);

            var missing = checker.UsedPackages
                .Where(owners => owners.Count > 0 && !owners.Any(config.ContainsKey))
                .Select(owners => string.Join(" or ", owners))
                .Distinct()
                .ToList();

            Assert.True(missing.Count == 0,
                AssemblyNameOf(folder) + " uses packages its packages.config lacks (the device build would not find them): " +
                string.Join(", ", missing));
        }

        [Fact]
        public void EveryPortableAssemblyIsBuiltBesideTheTests()
        {
            foreach (string folder in PortableProjects.Folders)
            {
                Assert.True(File.Exists(PortableProjects.HostAssemblyPath(folder)), PortableProjects.HostAssemblyPath(folder));
            }
        }

        private static string AssemblyNameOf(string folder) => PortableProjects.AssemblyName(folder);

        internal static ApiCatalog LoadCatalogOrSkip()
        {
            string folder = RepoPaths.ApiListFolder;
            Skip.If(folder == null, RepoPaths.MissingSharedMessage);
            return CatalogCache.Get(folder);
        }
    }

    internal static class CatalogCache
    {
        private static readonly object Gate = new object();
        private static ApiCatalog _catalog;

        public static ApiCatalog Get(string folder)
        {
            lock (Gate)
            {
                return _catalog ??= ApiCatalog.Load(folder);
            }
        }
    }
}
