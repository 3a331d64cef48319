using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>
    /// The Device folders are never compiled on the host, so the assembly check never sees them. This compiles a
    /// project's sources (Device folder included) with the sources of the projects it references and the stubs in
    /// DeviceApi/, and collects every member its Device files reference (stubbed nanoFramework members and
    /// core-library ones alike) whose doc-comment ID is not in ../shared/nanoframework-api.
    /// </summary>
    internal static class DeviceApiGate
    {
        /// <summary>The portable projects that have a Device folder.</summary>
        public static readonly string[] Folders = { "drivers", "ui", "firmware" };

        public static IEnumerable<object[]> All => Folders.Select(f => new object[] { f });

        public static readonly Lazy<MetadataReference[]> HostReferences = new Lazy<MetadataReference[]>(() =>
            ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES"))
                .Split(Path.PathSeparator)
                .Where(p => p.Length > 0)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToArray());

        private static readonly CSharpParseOptions Parse = new CSharpParseOptions(LanguageVersion.CSharp9);

        public static string StubDir => Path.Combine(RepoPaths.Root, "tests", "Conformance.Tests", "DeviceApi");

        /// <summary>Every doc-comment ID of the API lists.</summary>
        public static HashSet<string> Listed(string apiDir) =>
            new HashSet<string>(Directory.GetFiles(apiDir, "*.txt")
                .SelectMany(File.ReadLines)
                .Where(l => l.Length > 2 && l[1] == ':' && l[0] != '#'), StringComparer.Ordinal);

        public static List<SyntaxTree> Stubs() =>
            Directory.GetFiles(StubDir, "*.cs").OrderBy(p => p, StringComparer.Ordinal).Select(ParseFile).ToList();

        /// <param name="extra">Sources added as if they were files at the given paths (the gate's own tests).</param>
        public static GateResult Run(string folder, HashSet<string> listed, params (string Path, string Source)[] extra)
        {
            string deviceDir = Path.Combine(RepoPaths.Root, folder, "Device") + Path.DirectorySeparatorChar;
            var trees = new[] { folder }.Concat(ReferencedFolders(folder))
                .SelectMany(SourcesOf)
                .Select(ParseFile)
                .Concat(extra.Select(e => CSharpSyntaxTree.ParseText(e.Source, Parse, e.Path)))
                .ToList();
            List<SyntaxTree> stubs = Stubs();
            var compilation = CSharpCompilation.Create("DeviceCheck_" + folder, trees.Concat(stubs), HostReferences.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));

            var result = new GateResult();
            result.Errors.AddRange(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
            var stubTrees = new HashSet<SyntaxTree>(stubs);
            foreach (SyntaxTree tree in trees.Where(t => t.FilePath.StartsWith(deviceDir, StringComparison.Ordinal)))
            {
                result.DeviceFiles++;
                SemanticModel model = compilation.GetSemanticModel(tree);
                foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
                {
                    Check(model.GetSymbolInfo(node).Symbol, node, stubTrees, compilation, listed, result.Missing);
                    if (node is ExpressionSyntax expression)
                    {
                        Conversion conversion = model.GetConversion(expression);
                        if (conversion.IsUserDefined)
                        {
                            Check(conversion.MethodSymbol, node, stubTrees, compilation, listed, result.Missing);
                        }
                    }
                }
            }
            return result;
        }

        /// <summary>The folders of the host twin's project references (the .nfproj references the same projects).</summary>
        public static IEnumerable<string> ReferencedFolders(string folder)
        {
            string csproj = Path.Combine(RepoPaths.Root, folder, PortableProjects.AssemblyName(folder) + ".csproj");
            return XDocument.Load(csproj).Descendants("ProjectReference")
                .Select(r => ((string)r.Attribute("Include")).Replace('\\', '/').Split('/'))
                .Select(parts => parts[parts.Length - 2])
                .ToList();
        }

        private static IEnumerable<string> SourcesOf(string folder)
        {
            string sep = Path.DirectorySeparatorChar.ToString();
            return Directory.GetFiles(Path.Combine(RepoPaths.Root, folder), "*.cs", SearchOption.AllDirectories)
                .Where(p => !p.Contains(sep + "obj" + sep) && !p.Contains(sep + "bin" + sep))
                .OrderBy(p => p, StringComparer.Ordinal);
        }

        private static SyntaxTree ParseFile(string path) => CSharpSyntaxTree.ParseText(File.ReadAllText(path), Parse, path);

        private static void Check(ISymbol symbol, SyntaxNode node, HashSet<SyntaxTree> stubs, Compilation compilation,
            HashSet<string> listed, SortedSet<string> missing)
        {
            if (symbol == null || symbol is ILocalSymbol || symbol is IParameterSymbol || symbol is INamespaceSymbol
                || symbol is ILabelSymbol || symbol is IAliasSymbol || symbol is ITypeParameterSymbol || symbol is IDiscardSymbol
                || symbol is IRangeVariableSymbol)
            {
                return;
            }
            if (symbol is IMethodSymbol method && method.MethodKind == MethodKind.BuiltinOperator)
            {
                return;
            }
            if (symbol is IArrayTypeSymbol array)
            {
                Check(array.ElementType, node, stubs, compilation, listed, missing);
                return;
            }
            bool own = SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, compilation.Assembly)
                && symbol.Locations.All(l => !stubs.Contains(l.SourceTree));
            if (own)
            {
                return;
            }
            string id = symbol.OriginalDefinition.GetDocumentationCommentId();
            if (id != null && !listed.Contains(id))
            {
                missing.Add(id + "  (" + Path.GetFileName(node.SyntaxTree.FilePath) + ")");
            }
        }
    }

    internal sealed class GateResult
    {
        public readonly List<string> Errors = new List<string>();
        public readonly SortedSet<string> Missing = new SortedSet<string>(StringComparer.Ordinal);
        public int DeviceFiles;
    }
}
