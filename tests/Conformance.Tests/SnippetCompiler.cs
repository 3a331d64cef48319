using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>Compiles a C# snippet the way the host twins are compiled (LangVersion 9, Release) into an image in memory.</summary>
    internal static class SnippetCompiler
    {
        private static readonly Lazy<MetadataReference[]> References = new Lazy<MetadataReference[]>(() =>
            ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES"))
                .Split(Path.PathSeparator)
                .Where(p => p.Length > 0)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToArray());

        public static MemoryStream Compile(string source, bool allowUnsafe = false)
        {
            SyntaxTree tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp9));
            var options = new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                allowUnsafe: allowUnsafe,
                nullableContextOptions: NullableContextOptions.Disable);
            CSharpCompilation compilation = CSharpCompilation.Create("Snippet", new[] { tree }, References.Value, options);
            var image = new MemoryStream();
            var result = compilation.Emit(image);
            if (!result.Success)
            {
                throw new InvalidOperationException("snippet does not compile:\n" +
                    string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            }
            image.Position = 0;
            return image;
        }
    }
}
