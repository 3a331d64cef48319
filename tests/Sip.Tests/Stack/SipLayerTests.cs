using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>
    /// The SIP stack's layers (docs/sip-stack.md): registration, events and the INVITE sessions sit over the user agent
    /// core and reach it through small interfaces; the core's types name none of theirs (fields, properties, events,
    /// method signatures, base types), so each layer can be left out or replaced. And the stack knows nothing of the
    /// phone: its assembly references none of the phone's.
    /// </summary>
    public class SipLayerTests
    {
        private static IEnumerable<Type> Named(Type t)
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var types = new List<Type> { t.BaseType };
            types.AddRange(t.GetInterfaces());
            types.AddRange(t.GetFields(all).Select(f => f.FieldType));
            types.AddRange(t.GetProperties(all).Select(p => p.PropertyType));
            types.AddRange(t.GetEvents(all).Select(e => e.EventHandlerType));
            foreach (MethodBase m in t.GetMethods(all).Cast<MethodBase>().Concat(t.GetConstructors(all)))
            {
                types.AddRange(m.GetParameters().Select(p => p.ParameterType));
                if (m is MethodInfo mi)
                {
                    types.Add(mi.ReturnType);
                }
            }
            return types.Where(x => x != null).Select(x => x.IsArray ? x.GetElementType() : x);
        }

        [Theory]
        [InlineData("DeskPhone.Sip.Registration")]
        [InlineData("DeskPhone.Sip.Events")]
        [InlineData("DeskPhone.Sip.Session")]
        public void TheUserAgentCoreNamesNothingOfTheLayersOverIt(string layer)
        {
            string[] uses = typeof(SipUserAgent).Assembly.GetTypes()
                .Where(t => t.Namespace == "DeskPhone.Sip.UserAgent")
                .SelectMany(t => Named(t).Where(u => u.Namespace == layer).Select(u => t.Name + " -> " + u.Name))
                .Distinct().ToArray();

            Assert.True(uses.Length == 0, string.Join("\n", uses));
        }

        [Fact]
        public void TheStackReferencesNothingOfThePhone()
        {
            string[] ours = typeof(SipUserAgent).Assembly.GetReferencedAssemblies()
                .Select(a => a.Name).Where(n => n.StartsWith("DeskPhone.")).ToArray();

            Assert.Empty(ours);
        }
    }
}
