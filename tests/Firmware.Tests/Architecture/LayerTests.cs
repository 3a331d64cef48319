using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using DeskPhone.Firmware.App;

namespace DeskPhone.Firmware.Tests.Architecture
{
    /// <summary>
    /// The firmware's folders depend one way (docs/architecture.md, "Layers"): every type reference found in the
    /// compiled assemblies (DeskPhone.Domain, the lower folders, and DeskPhone.Firmware; base types, fields,
    /// signatures and every token in the method bodies) goes from a folder to one listed before it, never after it and
    /// never in a cycle.
    /// </summary>
    public class LayerTests
    {
        /// <summary>Lowest first: a folder may use the folders before it.</summary>
        public static readonly string[] Order =
        {
            "Signals", "Routing", "Time", "MessageWaiting", "Status", "Leds", "Settings", "Messages", "Presence", "Calls", "Provisioning", "Updates", "Completion", "Voice", "Phone", "Web", "Bench",
            "App",
        };

        [Fact]
        public void FirmwareFoldersDependOnlyDownwards()
        {
            List<string> violations = Violations(Edges(Assemblies));

            Assert.True(violations.Count == 0, "dependencies against the layer order:\n" + string.Join("\n", violations));
        }

        [Fact]
        public void EveryFirmwareFolderHasItsPlaceInTheOrder()
        {
            string[] folders = Assemblies.SelectMany(a => a.GetTypes()).Select(t => Folder(t)).Where(f => f != null).Distinct().ToArray();

            Assert.DoesNotContain(folders, f => Array.IndexOf(Order, f) < 0);
        }

        /// <summary>The folders up to Calls are DeskPhone.Domain, the rest DeskPhone.Firmware (which references it).</summary>
        [Fact]
        public void TheDomainAssemblyHoldsTheLowerFolders()
        {
            string[] domain = Assemblies[0].GetTypes().Select(t => Folder(t)).Where(f => f != null).Distinct().ToArray();
            string[] upper = Assemblies[1].GetTypes().Select(t => Folder(t)).Where(f => f != null).Distinct().ToArray();

            Assert.True(domain.Max(f => Array.IndexOf(Order, f)) < upper.Min(f => Array.IndexOf(Order, f)),
                "domain: " + string.Join(" ", domain) + "; firmware: " + string.Join(" ", upper));
        }

        private static readonly Assembly[] Assemblies = { typeof(DeskPhone.Domain.Settings.SettingsStore).Assembly, typeof(PhoneApp).Assembly };

        /// <summary>
        /// The phone's requests are made in the SIP stack's layers (registration, events, sessions, the core's MESSAGE):
        /// nothing in the domain or the firmware writes a request, a request builder or a client transaction of its own.
        /// </summary>
        [Fact]
        public void ThePhoneBuildsNoSipRequestOfItsOwn()
        {
            Type[] requestParts = { typeof(DeskPhone.Sip.Message.SipWriter), typeof(DeskPhone.Sip.UserAgent.RequestBuilder), typeof(DeskPhone.Sip.Transaction.ClientTransaction) };

            string[] uses = Assemblies.SelectMany(a => a.GetTypes())
                .SelectMany(t => Referenced(t).Where(u => requestParts.Contains(u)).Select(u => Name(t) + " -> " + u.Name))
                .Distinct().OrderBy(u => u).ToArray();

            Assert.True(uses.Length == 0, string.Join("\n", uses));
        }

        [Fact]
        public void AnUpwardReferenceIsReported()
        {
            var edges = new Dictionary<(string, string), string> { [("Phone", "Bench")] = "ScreenFeeder -> StateScreen", [("Bench", "Phone")] = "BenchRouter -> PhoneCore" };

            List<string> violations = Violations(edges);

            Assert.Equal(new[] { "Phone -> Bench (ScreenFeeder -> StateScreen)" }, violations);
        }

        private static List<string> Violations(Dictionary<(string From, string To), string> edges) =>
            edges.Where(e => Array.IndexOf(Order, e.Key.To) > Array.IndexOf(Order, e.Key.From))
                 .Select(e => e.Key.From + " -> " + e.Key.To + " (" + e.Value + ")").OrderBy(v => v).ToList();

        /// <summary>(from folder, to folder) -> one example "type -> type" for every pair of folders that reference each other.</summary>
        private static Dictionary<(string, string), string> Edges(Assembly[] assemblies)
        {
            var edges = new Dictionary<(string, string), string>();
            foreach (Type type in assemblies.SelectMany(a => a.GetTypes()))
            {
                string from = Folder(type);
                if (from == null)
                {
                    continue;
                }
                foreach (Type used in Referenced(type))
                {
                    string to = Array.IndexOf(assemblies, used.Assembly) >= 0 ? Folder(used) : null;
                    if (to != null && to != from && !edges.ContainsKey((from, to)))
                    {
                        edges[(from, to)] = Name(type) + " -> " + Name(used);
                    }
                }
            }
            return edges;
        }

        /// <summary>The two assemblies' namespaces: DeskPhone.Domain.X and DeskPhone.Firmware.X, X the folder.</summary>
        private static readonly string[] Roots = { "DeskPhone.Domain.", "DeskPhone.Firmware." };

        private static string Folder(Type type)
        {
            while (type.DeclaringType != null)
            {
                type = type.DeclaringType;
            }
            string ns = type.Namespace ?? "";
            string root = Roots.FirstOrDefault(r => ns.StartsWith(r, StringComparison.Ordinal));
            return root != null ? ns.Substring(root.Length).Split('.')[0] : null;
        }

        [Fact]
        public void EachAssemblyNamesItsOwnNamespace()
        {
            Assert.All(Assemblies[0].GetTypes().Where(t => t.Namespace != null), t => Assert.StartsWith(Roots[0], t.Namespace));
            Assert.All(Assemblies[1].GetTypes().Where(t => t.Namespace != null), t => Assert.StartsWith(Roots[1], t.Namespace));
        }

        private static string Name(Type type) => type.DeclaringType != null ? Name(type.DeclaringType) + "." + type.Name : type.Name;

        private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        private static IEnumerable<Type> Referenced(Type type)
        {
            var found = new HashSet<Type>();
            void Add(Type t)
            {
                while (t != null && (t.IsArray || t.IsByRef || t.IsPointer))
                {
                    t = t.GetElementType();
                }
                if (t != null && !t.IsGenericParameter)
                {
                    found.Add(t);
                    if (t.IsGenericType)
                    {
                        foreach (Type a in t.GetGenericArguments())
                        {
                            Add(a);
                        }
                    }
                }
            }
            Add(type.BaseType);
            foreach (Type i in type.GetInterfaces())
            {
                Add(i);
            }
            foreach (FieldInfo f in type.GetFields(All))
            {
                Add(f.FieldType);
            }
            foreach (EventInfo e in type.GetEvents(All))
            {
                Add(e.EventHandlerType);
            }
            foreach (MethodBase m in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
            {
                if (m is MethodInfo mi)
                {
                    Add(mi.ReturnType);
                }
                foreach (ParameterInfo p in m.GetParameters())
                {
                    Add(p.ParameterType);
                }
                MethodBody body = m.GetMethodBody();
                if (body == null)
                {
                    continue;
                }
                foreach (LocalVariableInfo local in body.LocalVariables)
                {
                    Add(local.LocalType);
                }
                foreach (int token in Tokens(body.GetILAsByteArray()))
                {
                    try
                    {
                        MemberInfo member = type.Module.ResolveMember(token, type.IsGenericType ? type.GetGenericArguments() : null,
                            m.IsGenericMethod ? m.GetGenericArguments() : null);
                        Add(member as Type ?? member.DeclaringType);
                        if (member is FieldInfo field)
                        {
                            Add(field.FieldType);
                        }
                    }
                    catch (ArgumentException)
                    {
                        // A string or signature token: no type behind it.
                    }
                }
            }
            return found;
        }

        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)).ToDictionary(o => o.Value);

        /// <summary>The metadata tokens of a method body's instructions that name a type, method or field.</summary>
        private static IEnumerable<int> Tokens(byte[] il)
        {
            int i = 0;
            while (i < il.Length)
            {
                short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
                i += il[i] == 0xFE ? 2 : 1;
                OpCode op = OpCodesByValue[value];
                switch (op.OperandType)
                {
                    case OperandType.InlineField:
                    case OperandType.InlineMethod:
                    case OperandType.InlineTok:
                    case OperandType.InlineType:
                        yield return BitConverter.ToInt32(il, i);
                        i += 4;
                        break;
                    case OperandType.InlineSwitch:
                        i += 4 + 4 * BitConverter.ToInt32(il, i);
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        i += 8;
                        break;
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar:
                        i += 1;
                        break;
                    case OperandType.InlineVar:
                        i += 2;
                        break;
                    default:
                        i += 4;
                        break;
                }
            }
        }
    }
}
