using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace DeskPhone.Benchmarks.Heap
{
    /// <summary>
    /// What an object graph built on the host would occupy in nanoFramework's managed heap, by the interpreter's
    /// layout (nf-interpreter CLR_RT_HeapBlock, 12 bytes on a 32-bit MCU): an object is one header block plus one
    /// block per instance field whatever the field's type; an array is a 20-byte header plus its elements (1, 2, 4 or
    /// 8 bytes for primitives, one 12-byte block for anything else); a string is a header plus its UTF-8 text, except
    /// a literal, whose text stays in the assembly in flash; every allocation rounds up to whole blocks. Host
    /// collections are counted as nanoFramework's managed ArrayList and Hashtable lay out. Objects of non-portable
    /// types (the host's fakes, sockets) are not counted: on the board their place is taken by small device adapters.
    /// </summary>
    internal sealed class NanoHeapModel
    {
        private const int Block = 12;
        private const int ArrayHeader = 20;

        private readonly HashSet<object> _seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        private readonly HashSet<Assembly> _portable;
        private readonly HashSet<object> _boundaries = new HashSet<object>(ReferenceEqualityComparer.Instance);

        public NanoHeapModel(IEnumerable<Assembly> portable)
        {
            _portable = new HashSet<Assembly>(portable);
        }

        /// <summary>Bytes per type name over every call so far.</summary>
        public Dictionary<string, long> ByType { get; } = new Dictionary<string, long>();

        /// <summary>
        /// Bytes per field path from the measured root's type (at most <see cref="PathDepth"/> fields deep, "[]" for an
        /// array's elements) over every call so far; an object shared by two paths counts on the first one walked.
        /// </summary>
        public Dictionary<string, long> ByPath { get; } = new Dictionary<string, long>();

        public int PathDepth { get; set; } = 3;

        /// <summary>
        /// Bytes reachable from <paramref name="root"/> that no earlier call counted. Without
        /// <paramref name="followDelegates"/> the handlers an object holds are counted but not what they reach (the
        /// subscribers belong to whoever subscribed). The <paramref name="boundaries"/> are neither counted nor walked
        /// (they are another group's, measured later).
        /// </summary>
        public long Measure(object root, bool followDelegates = true, params object[] boundaries)
        {
            _boundaries.Clear();
            foreach (object b in boundaries)
            {
                _boundaries.Add(b);
            }
            long total = 0;
            var stack = new Stack<(object Value, string Path)>();
            Push(stack, root, root?.GetType().Name);
            while (stack.Count > 0)
            {
                (object o, string path) = stack.Pop();
                long bytes = SizeAndChildren(o, path, stack, followDelegates);
                string name = o is Array ? o.GetType().GetElementType().Name + "[]" : o.GetType().Name;
                ByType[name] = (ByType.TryGetValue(name, out long sum) ? sum : 0) + bytes;
                ByPath[path] = (ByPath.TryGetValue(path, out long atPath) ? atPath : 0) + bytes;
                total += bytes;
            }
            return total;
        }

        /// <summary>Runs every static constructor of the portable assemblies, as nanoFramework does at boot.</summary>
        public IEnumerable<(string Field, object Value, string Assembly)> StaticRoots()
        {
            foreach (Assembly assembly in _portable)
            {
                foreach (Type type in assembly.GetTypes().Where(t => !t.IsGenericTypeDefinition))
                {
                    RuntimeHelpers.RunClassConstructor(type.TypeHandle);
                    foreach (FieldInfo f in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    {
                        if (!f.IsLiteral)
                        {
                            yield return (type.Name + "." + f.Name, f.GetValue(null), assembly.GetName().Name);
                        }
                    }
                }
            }
        }

        private void Push(Stack<(object, string)> stack, object o, string path)
        {
            if (o != null && !(o is Pointer) && !_boundaries.Contains(o) && _seen.Add(o))
            {
                stack.Push((o, path));
            }
        }

        private string Child(string path, string step)
        {
            if (path.Count(c => c == '.') >= PathDepth)
            {
                return path;
            }
            return step == "[]" ? path + "[]" : path + "." + step;
        }

        private long SizeAndChildren(object o, string path, Stack<(object, string)> stack, bool followDelegates)
        {
            Type t = o.GetType();
            if (o is string s)
            {
                return string.IsInterned(s) != null ? Round(Block + 4) : Round(Block + 4 + Encoding.UTF8.GetByteCount(s) + 1);
            }
            if (t.IsArray)
            {
                var array = (Array)o;
                Type element = t.GetElementType();
                if (element.IsPrimitive || element.IsEnum)
                {
                    return Round(ArrayHeader + array.Length * PrimitiveSize(element));
                }
                foreach (object item in array)
                {
                    Push(stack, item, Child(path, "[]"));
                }
                return Round(ArrayHeader + array.Length * Block);
            }
            if (o is Delegate d)
            {
                foreach (Delegate single in d.GetInvocationList())
                {
                    if (followDelegates)
                    {
                        Push(stack, single.Target, Child(path, "target"));
                    }
                }
                return Round(3 * Block) * d.GetInvocationList().Length;
            }
            if (o is ArrayList list)
            {
                foreach (object item in list)
                {
                    Push(stack, item, Child(path, "[]"));
                }
                return Round(3 * Block) + Round(ArrayHeader + Math.Max(list.Capacity, 4) * Block);
            }
            if (o is Hashtable table)
            {
                int buckets = 4;
                while (buckets * 3 < table.Count * 4)
                {
                    buckets *= 2;
                }
                foreach (DictionaryEntry e in table)
                {
                    Push(stack, e.Key, Child(path, "key"));
                    Push(stack, e.Value, Child(path, "value"));
                }
                // Fields (buckets, count, load factor, ...), the bucket array, one {key, value, next} entry per item.
                return Round(6 * Block) + Round(ArrayHeader + buckets * Block) + table.Count * Round(4 * Block);
            }
            if (t.IsValueType)
            {
                // A boxed value: header plus one block per field (primitives count as one).
                return Round(Block * (1 + Math.Max(1, InstanceFields(t).Count)));
            }
            if (!_portable.Contains(t.Assembly) && t.Assembly != typeof(object).Assembly)
            {
                return 0;
            }
            List<FieldInfo> fields = InstanceFields(t);
            if (t.Assembly == typeof(object).Assembly)
            {
                // A core-library object (StringBuilder, Random, ...): its own fields, not its host internals.
                return Round(Block * (1 + fields.Count));
            }
            foreach (FieldInfo f in fields)
            {
                if (!f.FieldType.IsPrimitive && !f.FieldType.IsEnum)
                {
                    Push(stack, f.GetValue(o), Child(path, FieldName(f)));
                }
            }
            return Round(Block * (1 + fields.Count));
        }

        /// <summary>An auto-property's backing field by its property's name.</summary>
        private static string FieldName(FieldInfo f)
        {
            string n = f.Name;
            return n.StartsWith("<", StringComparison.Ordinal) && n.Contains('>') ? n.Substring(1, n.IndexOf('>') - 1) : n;
        }

        private static List<FieldInfo> InstanceFields(Type t)
        {
            var fields = new List<FieldInfo>();
            for (Type x = t; x != null && x != typeof(object); x = x.BaseType)
            {
                fields.AddRange(x.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly));
            }
            return fields;
        }

        private static int PrimitiveSize(Type t)
        {
            if (t.IsEnum)
            {
                t = Enum.GetUnderlyingType(t);
            }
            if (t == typeof(byte) || t == typeof(sbyte) || t == typeof(bool))
            {
                return 1;
            }
            if (t == typeof(short) || t == typeof(ushort) || t == typeof(char))
            {
                return 2;
            }
            return t == typeof(long) || t == typeof(ulong) || t == typeof(double) ? 8 : 4;
        }

        private static long Round(long bytes) => (bytes + Block - 1) / Block * Block;
    }
}
