using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>
    /// Proves the device gate can fail: each construct nanoFramework 1.x lacks, compiled as a one-file project with
    /// nf-build and converted with nf-pe, is refused by the compiler, the metadata processor or the IL scan, with
    /// the tool's own message. Default interface methods pass both tools, so the gate checks them itself.
    /// </summary>
    public class GateCatchesTests
    {
        public static IEnumerable<object[]> BadSnippets => new[]
        {
            new object[] { "List<T>", "using System.Collections.Generic; public class C { public int M() { var l = new List<int>(); l.Add(1); return l.Count; } }", "error CS0234" },
            new object[] { "Action<T>", "public class C { public System.Action<int> A; }", "generic instance System.Action`1" },
            new object[] { "EventHandler<T>", "public class C { public event System.EventHandler<System.EventArgs> E; public void R() { if (E != null) E(this, null); } }", "generic instance System.EventHandler`1" },
            new object[] { "generic class", "public class Box<T> { public T Value; }", "generic type definition Box`1" },
            new object[] { "generic method", "public class C { public static T Id<T>(T x) { return x; } public int U() { return Id(1); } }", "generic method definition" },
            new object[] { "int[,]", "public class C { public int M() { var a = new int[2, 2]; a[0, 0] = 1; return a[1, 1]; } }", "error NFPE001" },
            new object[] { "pointer", "public unsafe class C { public int M(int* p) { return *p; } }", "pointer System.Int32*" },
            new object[] { "stackalloc", "public unsafe class C { public int M() { byte* p = stackalloc byte[16]; p[0] = 1; return p[0]; } }", "opcode localloc" },
            new object[] { "__makeref", "public class C { public int M() { int x = 1; System.TypedReference r = __makeref(x); return __refvalue(r, int); } }", "opcode mkrefany" },
            new object[] { "int?", "public class C { public int? M() { return null; } }", "System.Nullable`1" },
            new object[] { "volatile field", "public class C { private volatile bool _stop; public bool S() { _stop = true; return _stop; } }", "IsVolatile" },
            new object[] { "missing member", "public class C { public string M(string s) { return s.Replace(\"a\", \"b\"); } }", "'Replace'" },
            new object[] { "missing type", "public class C { public object M() { return new System.Text.RegularExpressions.Regex(\"a\"); } }", "error CS0234" },
            new object[] { "256 static methods", ManyMethods(256), "static methods count (256) exceeds maximum supported (255)" },
        };

        [SkippableTheory]
        [MemberData(nameof(BadSnippets))]
        public void RefusesConstruct(string construct, string source, string expected)
        {
            ToolRun refused = BuildAndConvert(construct, source, out _);

            Assert.True(refused.ExitCode != 0, construct + " passed the device gate:\n" + refused);
            Assert.Contains(expected, refused.Output);
        }

        [SkippableFact]
        public void PassesPortableCode()
        {
            const string good = "using System.Collections; public interface IShape { int Area(); } " +
                "public class Square : IShape { private readonly ArrayList _sides = new ArrayList(); public int Side; " +
                "public int Area() { _sides.Add(Side); return Side * Side; } public string Text() { return Side.ToString(\"D2\"); } }";

            ToolRun run = BuildAndConvert("portable", good, out string dll);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("0 finding(s)", run.Output);
            Assert.Empty(DefaultInterfaceMethods(dll));
        }

        [SkippableFact]
        public void DefaultInterfaceMethodIsCaughtByTheGateItself()
        {
            ToolRun run = BuildAndConvert("default interface method", "public interface I { int M() { return 1; } }", out string dll);

            Assert.True(run.ExitCode == 0, "the SDK now refuses default interface methods itself; drop the gate's own check:\n" + run);
            Assert.Equal(new[] { "I.M" }, DefaultInterfaceMethods(dll));
        }

        [SkippableTheory]
        [MemberData(nameof(DeviceBuild.AllConfigurations), MemberType = typeof(DeviceBuild))]
        public void NoDeviceAssemblyHasADefaultInterfaceMethod(string configuration)
        {
            DeviceBuild build = DeviceBuild.Of(configuration);
            string[] assemblies = Directory.GetFiles(build.OutDir).Where(f => f.EndsWith(".dll") || f.EndsWith(".exe")).ToArray();

            Assert.NotEmpty(assemblies);
            Assert.All(assemblies, a => Assert.Empty(DefaultInterfaceMethods(a)));
        }

        /// <summary>Interface methods with a body: nanoFramework 1.x cannot dispatch them, and neither tool says so.</summary>
        public static List<string> DefaultInterfaceMethods(string assembly)
        {
            var found = new List<string>();
            using var stream = File.OpenRead(assembly);
            using var pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();
            foreach (TypeDefinitionHandle th in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(th);
                if ((type.Attributes & System.Reflection.TypeAttributes.Interface) == 0)
                {
                    continue;
                }
                foreach (MethodDefinitionHandle mh in type.GetMethods())
                {
                    MethodDefinition method = md.GetMethodDefinition(mh);
                    if ((method.Attributes & (System.Reflection.MethodAttributes.Abstract | System.Reflection.MethodAttributes.Static)) == 0)
                    {
                        found.Add(md.GetString(type.Name) + "." + md.GetString(method.Name));
                    }
                }
            }
            return found;
        }

        /// <summary>nf-build then (if it compiled) nf-pe on a one-file project; the run that decided is returned.</summary>
        private static ToolRun BuildAndConvert(string name, string source, out string dll)
        {
            string dir = Path.Combine(RepoPaths.Root, "artifacts", "gate-snippets", new string(name.Where(char.IsLetterOrDigit).ToArray()));
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "Snippet.cs"), source);
            File.WriteAllText(Path.Combine(dir, "packages.config"),
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<packages>\n" +
                "  <package id=\"nanoFramework.CoreLibrary\" version=\"1.17.11\" targetFramework=\"netnano1.0\" />\n" +
                "  <package id=\"nanoFramework.System.Collections\" version=\"1.5.75\" targetFramework=\"netnano1.0\" />\n</packages>\n");
            File.WriteAllText(Path.Combine(dir, "Snippet.nfproj"),
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project ToolsVersion=\"15.0\" xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">\n" +
                "  <PropertyGroup><OutputType>Library</OutputType><AssemblyName>Snippet</AssemblyName><LangVersion>9.0</LangVersion>" +
                "<AllowUnsafeBlocks>true</AllowUnsafeBlocks></PropertyGroup>\n" +
                "  <ItemGroup><Compile Include=\"Snippet.cs\" /></ItemGroup>\n  <ItemGroup>\n" +
                "    <Reference Include=\"mscorlib, Version=1.17.11.0, Culture=neutral, PublicKeyToken=c07d481e9758c731\"><HintPath>..\\packages\\nanoFramework.CoreLibrary.1.17.11\\lib\\mscorlib.dll</HintPath></Reference>\n" +
                "    <Reference Include=\"nanoFramework.System.Collections, Version=1.5.75.0, Culture=neutral, PublicKeyToken=c07d481e9758c731\"><HintPath>..\\packages\\nanoFramework.System.Collections.1.5.75\\lib\\nanoFramework.System.Collections.dll</HintPath></Reference>\n" +
                "  </ItemGroup>\n</Project>\n");
            string outDir = Path.Combine(dir, "out");
            dll = Path.Combine(outDir, "Snippet.dll");
            ToolRun build = NfSdk.Run("nf-build", Path.Combine(dir, "Snippet.nfproj"), "--out", outDir);
            return build.ExitCode != 0 ? build : NfSdk.Run("nf-pe", dll);
        }

        private static string ManyMethods(int count)
        {
            var sb = new StringBuilder("public static class Many {");
            for (int i = 0; i < count; i++)
            {
                sb.Append(" public static int M").Append(i).Append("() { return ").Append(i).Append("; }");
            }
            return sb.Append(" }").ToString();
        }
    }
}
