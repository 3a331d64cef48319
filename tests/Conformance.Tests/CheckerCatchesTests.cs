using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Text;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>Proves the gate can fail: each construct nanoFramework 1.x lacks is caught with the right reason.</summary>
    public class CheckerCatchesTests
    {
        public static IEnumerable<object[]> BadSnippets => new[]
        {
            new object[] { "List<T>", "using System.Collections.Generic; public class C { public int M() { var l = new List<int>(); l.Add(1); return l.Count; } }", false, "generic instantiation" },
            new object[] { "Action<T>", "public class C { public System.Action<int> A; }", false, "generic instantiation" },
            new object[] { "Func<T>", "public class C { public int M(System.Func<int> f) { return f(); } }", false, "generic instantiation" },
            new object[] { "EventHandler<T>", "public class C { public event System.EventHandler<System.EventArgs> E; public void R() { if (E != null) E(this, null); } }", false, "generic instantiation" },
            new object[] { "generic class", "public class Box<T> { public T Value; }", false, "generic definition" },
            new object[] { "generic method", "public class C { public static T Id<T>(T x) { return x; } public int U() { return Id(1); } }", false, "generic method instantiation" },
            new object[] { "int[,]", "public class C { public int M() { var a = new int[2, 2]; a[0, 0] = 1; return a[1, 1]; } }", false, "multi-dimensional array" },
            new object[] { "pointer", "public unsafe class C { public int M(int* p) { return *p; } }", true, "pointer type" },
            new object[] { "stackalloc", "public unsafe class C { public int M() { byte* p = stackalloc byte[16]; p[0] = 1; return p[0]; } }", true, "localloc" },
            new object[] { "function pointer", "public unsafe class C { static int F() { return 1; } public int M() { delegate*<int> f = &F; return f(); } }", true, "calli" },
            new object[] { "__makeref", "public class C { public int M() { int x = 1; System.TypedReference r = __makeref(x); return __refvalue(r, int); } }", false, "mkrefany" },
            new object[] { "__refvalue", "public class C { public int M() { int x = 1; System.TypedReference r = __makeref(x); return __refvalue(r, int); } }", false, "refanyval" },
            new object[] { "__reftype", "public class C { public System.Type M() { int x = 1; return __reftype(__makeref(x)); } }", false, "refanytype" },
            new object[] { "__arglist", "public class C { public static int V(__arglist) { var it = new System.ArgIterator(__arglist); return it.GetRemainingCount(); } }", false, "arglist" },
            new object[] { "default interface method", "public interface I { int M() { return 1; } }", false, "default interface method" },
            new object[] { "missing type", "public class C { public object M() { return new System.Text.RegularExpressions.Regex(\"a\"); } }", false, "type not in the nanoFramework API lists" },
            new object[] { "missing member", "public class C { public string M(string s) { return s.Replace(\"a\", \"b\"); } }", false, "member not in the nanoFramework API lists" },
            new object[] { "256 static methods", ManyMethods(256), false, "256 static methods" },
            new object[] { "volatile field", "public class C { private volatile bool _stop; public void S() { _stop = true; } }", false, "IsVolatile" },
        };

        [SkippableTheory]
        [MemberData(nameof(BadSnippets))]
        public void CatchesConstruct(string construct, string source, bool allowUnsafe, string expectedReason)
        {
            List<Violation> violations = Check(SnippetCompiler.Compile(source, allowUnsafe));

            Assert.True(violations.Any(v => v.ToString().Contains(expectedReason)),
                construct + ": expected a violation containing '" + expectedReason + "', got:\n" + string.Join("\n", violations));
            Assert.All(violations, v => Assert.Equal("Snippet", v.Assembly));
        }

        [SkippableFact]
        public void ReportNamesAssemblyMemberAndReason()
        {
            List<Violation> violations = Check(SnippetCompiler.Compile(
                "public class C { public string M(string s) { return s.Replace(\"a\", \"b\"); } }"));

            Violation replace = Assert.Single(violations);
            Assert.Equal("Snippet: M:System.String.Replace(System.String,System.String): member not in the nanoFramework API lists", replace.ToString());
        }

        [SkippableFact]
        public void PassesPortableCode()
        {
            const string good = @"
using System;
using System.Collections;
using System.Text;
public delegate void ChangedHandler(object sender, int what);
public interface IShape { int Area(); }
public struct Point { public int X; public int Y; }
public sealed class Good : IShape
{
    private readonly ArrayList _items = new ArrayList();
    private readonly Hashtable _names = new Hashtable();
    private readonly object _gate = new object();
    private static readonly byte[] Table = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
    public event ChangedHandler Changed;
    public int Count { get; private set; }
    public int Area() { return Count * 2; }
    public string Describe(int value, string unit)
    {
        lock (_gate)
        {
            _items.Add(value);
            _names[unit] = value;
            Count++;
        }
        var sb = new StringBuilder();
        foreach (object o in _items) { sb.Append(o.ToString()).Append(';'); }
        string kind = unit switch { ""ms"" => ""time"", ""B"" => ""size"", _ => ""other"" };
        Changed?.Invoke(this, value);
        try { return $""{value} {unit} {kind} {Table[value % Table.Length]}"" + sb.ToString(); }
        catch (IndexOutOfRangeException) when (value < 0) { return ""negative""; }
    }
    public static long Sum(int[] values) { long s = 0; for (int i = 0; i < values.Length; i++) s += values[i]; return s; }
    public static int[][] Jagged() { return new int[][] { new int[] { 1 }, new int[] { 2, 3 } }; }
}";
            List<Violation> violations = Check(SnippetCompiler.Compile(good));

            Assert.True(violations.Count == 0, string.Join("\n", violations));
        }

        public static IEnumerable<object[]> BadOpcodes => new[]
        {
            new object[] { "jmp" }, new object[] { "cpblk" }, new object[] { "initblk" },
            new object[] { "ckfinite" }, new object[] { "readonly. prefix" },
        };

        [SkippableTheory]
        [MemberData(nameof(BadOpcodes))]
        public void CatchesOpcodeCSharpCannotWrite(string opcode)
        {
            List<Violation> violations = Check(EmitWithOpcode(opcode));

            Assert.Contains(violations, v => v.Reason == "IL opcode the nanoFramework interpreter lacks: " + opcode);
        }

        private static List<Violation> Check(Stream image)
        {
            ApiCatalog catalog = PortableAssemblyTests.LoadCatalogOrSkip();
            return new ConformanceChecker(catalog, name => false).Check(image);
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

        /// <summary>Opcodes the C# compiler never emits, written with System.Reflection.Emit into a saved assembly.</summary>
        private static MemoryStream EmitWithOpcode(string opcode)
        {
            var assembly = new PersistedAssemblyBuilder(new AssemblyName("Snippet"), typeof(object).Assembly);
            ModuleBuilder module = assembly.DefineDynamicModule("Snippet");
            TypeBuilder type = module.DefineType("Ops", TypeAttributes.Public | TypeAttributes.Class);
            MethodBuilder target = type.DefineMethod("Target", MethodAttributes.Public | MethodAttributes.Static, typeof(void), System.Type.EmptyTypes);
            target.GetILGenerator().Emit(OpCodes.Ret);
            MethodBuilder method = type.DefineMethod("M", MethodAttributes.Public | MethodAttributes.Static, typeof(void), System.Type.EmptyTypes);
            ILGenerator il = method.GetILGenerator();
            switch (opcode)
            {
                case "jmp":
                    il.Emit(OpCodes.Jmp, target);
                    break;
                case "cpblk":
                case "initblk":
                    il.Emit(OpCodes.Ldc_I4_0);
                    il.Emit(OpCodes.Conv_I);
                    il.Emit(OpCodes.Ldc_I4_0);
                    il.Emit(OpCodes.Ldc_I4_0);
                    il.Emit(opcode == "cpblk" ? OpCodes.Cpblk : OpCodes.Initblk);
                    break;
                case "ckfinite":
                    il.Emit(OpCodes.Ldc_R8, 1.0);
                    il.Emit(OpCodes.Ckfinite);
                    il.Emit(OpCodes.Pop);
                    break;
                case "readonly. prefix":
                    il.Emit(OpCodes.Ldnull);
                    il.Emit(OpCodes.Ldc_I4_0);
                    il.Emit(OpCodes.Readonly);
                    il.Emit(OpCodes.Ldelema, typeof(object));
                    il.Emit(OpCodes.Pop);
                    break;
            }
            il.Emit(OpCodes.Ret);
            type.CreateType();
            var image = new MemoryStream();
            assembly.Save(image);
            image.Position = 0;
            return image;
        }
    }
}
