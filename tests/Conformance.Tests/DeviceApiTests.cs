using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>
    /// The Device folders (drivers/Device, ui/Device, firmware/Device) compile against stubs of the nanoFramework
    /// members they use, and every member they use is in the API lists; the stubs themselves declare only listed
    /// members, so a stub with a made-up signature cannot let a wrong call through.
    /// </summary>
    public class DeviceApiTests
    {
        [SkippableTheory]
        [MemberData(nameof(DeviceApiGate.All), MemberType = typeof(DeviceApiGate))]
        public void DeviceFolderCompilesAndUsesOnlyListedApi(string folder)
        {
            HashSet<string> listed = ListedOrSkip();

            GateResult result = DeviceApiGate.Run(folder, listed);

            Assert.True(result.DeviceFiles > 0, folder + "/Device has no files");
            Assert.True(result.Errors.Count == 0, folder + " does not compile against the nanoFramework stubs:\n" + string.Join("\n", result.Errors));
            Assert.True(result.Missing.Count == 0, folder + "/Device uses members missing from the nanoFramework API lists:\n" + string.Join("\n", result.Missing));
        }

        [SkippableFact]
        public void StubsDeclareOnlyListedMembers()
        {
            HashSet<string> listed = ListedOrSkip();
            List<SyntaxTree> stubs = DeviceApiGate.Stubs();
            var compilation = CSharpCompilation.Create("Stubs", stubs, DeviceApiGate.HostReferences.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var declared = new List<string>();
            Collect(compilation.Assembly.GlobalNamespace, declared);

            Assert.True(declared.Count > 50, "too few stub members found: " + declared.Count);
            var unlisted = declared.Where(id => !listed.Contains(id)).ToList();
            Assert.True(unlisted.Count == 0, "stubs declare members the API lists do not have:\n" + string.Join("\n", unlisted));
        }

        [SkippableFact]
        public void GateRejectsADeviceFileCallingAnUnlistedMember()
        {
            HashSet<string> listed = ListedOrSkip();
            string probe = Path.Combine(RepoPaths.Root, "ui", "Device", "GateProbe.cs");
            const string source = "namespace DeskPhone.Ui.Device { internal static class GateProbe { " +
                "public static string Joined(string[] parts) => string.Join(\",\", parts); " +
                "public static string Big(nanoFramework.UI.Bitmap b) => b.Width.ToString(); } }";

            GateResult result = DeviceApiGate.Run("ui", listed, (probe, source));

            Assert.Empty(result.Errors);
            Assert.Contains("M:System.String.Join(System.String,System.String[])  (GateProbe.cs)", result.Missing);
            Assert.DoesNotContain(result.Missing, m => m.Contains("nanoFramework.UI.Bitmap.get_Width") || m.Contains("P:nanoFramework.UI.Bitmap.Width"));
        }

        [SkippableFact]
        public void GateRejectsADeviceFileCallingAMemberNanoFrameworkLacks()
        {
            HashSet<string> listed = ListedOrSkip();
            string probe = Path.Combine(RepoPaths.Root, "firmware", "Device", "GateProbe.cs");
            // The host's HttpListener has a parameterless constructor; nanoFramework's stub does not, so this fails to compile.
            const string source = "namespace DeskPhone.Firmware.Device { internal static class GateProbe { " +
                "public static object Make() => new System.Net.HttpListener(); } }";

            GateResult result = DeviceApiGate.Run("firmware", listed, (probe, source));

            Assert.Contains(result.Errors, e => e.Contains("GateProbe.cs") && e.Contains("CS7036"));
        }

        private static void Collect(INamespaceOrTypeSymbol container, List<string> ids)
        {
            foreach (ISymbol member in container.GetMembers())
            {
                if (member is INamespaceSymbol ns)
                {
                    Collect(ns, ids);
                    continue;
                }
                if (member.IsImplicitlyDeclared || member.DeclaredAccessibility == Accessibility.Private
                    || member.DeclaredAccessibility == Accessibility.Internal)
                {
                    continue;
                }
                ids.Add(member.GetDocumentationCommentId());
                if (member is INamedTypeSymbol type)
                {
                    Collect(type, ids);
                }
            }
        }

        private static HashSet<string> ListedOrSkip()
        {
            string folder = RepoPaths.ApiListFolder;
            Skip.If(folder == null, RepoPaths.MissingSharedMessage);
            return DeviceApiGate.Listed(folder);
        }
    }
}
