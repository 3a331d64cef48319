using System;
using System.Collections.Generic;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>
    /// References that only the host compiler emits (see ../shared/nanoframework-api/README.md, "what differs by compiler
    /// target"): against nanoFramework's mscorlib the same source lowers to members that exist there, so they are not
    /// dependencies of the portable code.
    /// </summary>
    internal static class HostLowering
    {
        private static readonly HashSet<string> CompilerTypes = new HashSet<string>(StringComparer.Ordinal)
        {
            "System.Runtime.CompilerServices.CompilationRelaxationsAttribute",
            "System.Runtime.CompilerServices.RuntimeCompatibilityAttribute",
            "System.Diagnostics.DebuggableAttribute",
            "System.Diagnostics.DebuggableAttribute.DebuggingModes",
            "System.Runtime.Versioning.TargetFrameworkAttribute",
            "System.Reflection.AssemblyCompanyAttribute",
            "System.Reflection.AssemblyConfigurationAttribute",
            "System.Reflection.AssemblyFileVersionAttribute",
            "System.Reflection.AssemblyInformationalVersionAttribute",
            "System.Reflection.AssemblyProductAttribute",
            "System.Reflection.AssemblyTitleAttribute",
            "System.Reflection.AssemblyVersionAttribute",
            "System.Reflection.AssemblyMetadataAttribute",
            "System.Runtime.CompilerServices.CompilerGeneratedAttribute",
            "System.Runtime.CompilerServices.NullableAttribute",
            "System.Runtime.CompilerServices.NullableContextAttribute",
            "System.Runtime.CompilerServices.NullablePublicOnlyAttribute",
            "System.Runtime.CompilerServices.IsReadOnlyAttribute",
            "System.Runtime.CompilerServices.RefSafetyRulesAttribute",
            "System.Diagnostics.DebuggerBrowsableAttribute",
            "System.Diagnostics.DebuggerBrowsableState",
            "System.Diagnostics.DebuggerHiddenAttribute",
            "System.Diagnostics.DebuggerStepThroughAttribute",
            // modreq on 'in' parameters; 'in' parameters are supported on nanoFramework.
            "System.Runtime.InteropServices.InAttribute",
            // Interpolated strings: the host compiler lowers them through this handler even at LangVersion 9 when
            // the core library has it; against nanoFramework's mscorlib they become String.Format(String, Object[]).
            "System.Runtime.CompilerServices.DefaultInterpolatedStringHandler",
        };

        public static bool IsCompilerType(string fullName) => CompilerTypes.Contains(fullName);

        /// <summary>
        /// Maps a host-only member ID to what the nanoFramework build calls instead, or returns null when the member is
        /// acceptable as an equivalent overload (string concatenation and formatting).
        /// </summary>
        public static string Equivalent(string memberId, ApiCatalog catalog)
        {
            // lock: the host lowers to Monitor.Enter(Object, ref Boolean); nanoFramework's mscorlib offers Monitor.Enter(Object).
            if (memberId == "M:System.Threading.Monitor.Enter(System.Object,System.Boolean@)")
            {
                return "M:System.Threading.Monitor.Enter(System.Object)";
            }
            // Concatenation and interpolation pick among Concat/Format overloads by what the core library offers.
            if (memberId.StartsWith("M:System.String.Concat(", StringComparison.Ordinal) ||
                memberId.StartsWith("M:System.String.Format(", StringComparison.Ordinal))
            {
                return catalog.Overloads(memberId).Count > 0 && OnlyStringsAndObjects(memberId) ? null : memberId;
            }
            return memberId;
        }

        /// <summary>
        /// Members only host lowerings call. Field-like events: the host compiler makes add/remove thread-safe with
        /// Interlocked.CompareExchange&lt;T&gt;; against nanoFramework's mscorlib, which has no generic CompareExchange,
        /// it emits Delegate.Combine/Remove only. Interpolation handler members: see the type list above.
        /// </summary>
        public static bool IsHostOnlyMember(string memberId) =>
            memberId == "M:System.Threading.Interlocked.CompareExchange``1(``0@,``0,``0)" ||
            memberId.StartsWith("M:System.Runtime.CompilerServices.DefaultInterpolatedStringHandler.", StringComparison.Ordinal);

        private static bool OnlyStringsAndObjects(string memberId)
        {
            int open = memberId.IndexOf('(');
            string parameters = memberId.Substring(open + 1, memberId.Length - open - 2);
            foreach (string p in parameters.Split(','))
            {
                if (p != "System.String" && p != "System.Object" && p != "System.String[]" && p != "System.Object[]")
                {
                    return false;
                }
            }
            return true;
        }
    }
}
