using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DeskPhone.Drivers.Tests
{
    /// <summary>
    /// drivers/Device is never compiled on the host, so the conformance gate never sees it. This compiles all of
    /// drivers/ against DeviceApi/NanoFrameworkStubs.cs and checks every member the Device files reference
    /// (stubbed nanoFramework members and core-library ones alike) against the nanoFramework API lists.
    /// </summary>
    public class DeviceAdapterApiTests
    {
        [SkippableFact]
        public void DeviceAdaptersCompileAndUseOnlyListedNanoFrameworkApi()
        {
            string testDir = SourceDir();
            string root = Path.GetFullPath(Path.Combine(testDir, "..", ".."));
            string apiDir = Path.GetFullPath(Path.Combine(root, "..", "shared", "nanoframework-api"));
            Skip.IfNot(Directory.Exists(apiDir), "../shared/nanoframework-api is absent beside the repository");
            var listed = new HashSet<string>(Directory.GetFiles(apiDir, "*.txt")
                .SelectMany(File.ReadLines)
                .Where(l => l.Length > 2 && l[1] == ':'), StringComparer.Ordinal);

            var parse = new CSharpParseOptions(LanguageVersion.CSharp9);
            string stubPath = Path.Combine(testDir, "DeviceApi", "NanoFrameworkStubs.cs");
            SyntaxTree stubs = CSharpSyntaxTree.ParseText(File.ReadAllText(stubPath), parse, stubPath);
            string drivers = Path.Combine(root, "drivers");
            var trees = Directory.GetFiles(drivers, "*.cs", SearchOption.AllDirectories)
                .Where(p => !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)
                         && !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
                .Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), parse, p))
                .ToList();
            var device = trees.Where(t => t.FilePath.Contains(Path.DirectorySeparatorChar + "Device" + Path.DirectorySeparatorChar)).ToList();
            Assert.NotEmpty(device);

            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES"))
                .Split(Path.PathSeparator).Where(p => p.Length > 0).Select(p => MetadataReference.CreateFromFile(p));
            var compilation = CSharpCompilation.Create("DeviceCheck", trees.Append(stubs), references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, "drivers/ does not compile against the nanoFramework stubs:\n" + string.Join("\n", errors));

            var missing = new SortedSet<string>(StringComparer.Ordinal);
            foreach (SyntaxTree tree in device)
            {
                SemanticModel model = compilation.GetSemanticModel(tree);
                foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
                {
                    Check(model.GetSymbolInfo(node).Symbol, node, stubs, compilation, listed, missing);
                    if (node is ExpressionSyntax expression)
                    {
                        Conversion conversion = model.GetConversion(expression);
                        if (conversion.IsUserDefined)
                        {
                            Check(conversion.MethodSymbol, node, stubs, compilation, listed, missing);
                        }
                    }
                }
            }
            Assert.True(missing.Count == 0, "drivers/Device uses members missing from the nanoFramework API lists:\n" + string.Join("\n", missing));
        }

        private static void Check(ISymbol symbol, SyntaxNode node, SyntaxTree stubs, Compilation compilation,
            HashSet<string> listed, SortedSet<string> missing)
        {
            if (symbol == null || symbol is ILocalSymbol || symbol is IParameterSymbol || symbol is INamespaceSymbol
                || symbol is ILabelSymbol || symbol is IAliasSymbol || symbol is ITypeParameterSymbol || symbol is IDiscardSymbol)
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
                && symbol.Locations.All(l => l.SourceTree != stubs);
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

        private static string SourceDir([CallerFilePath] string path = "") => Path.GetDirectoryName(path);
    }
}
