using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>
    /// Reads a compiled portable assembly and lists everything in it that nanoFramework 1.x would reject: references
    /// outside the API lists, generics, pointers, multi-dimensional arrays, unsupported opcodes, default interface
    /// methods and over-full method tables. It also records which NuGet packages the references come from.
    /// </summary>
    public sealed class ConformanceChecker
    {
        private const int MaxMethodsPerKind = 255;

        private readonly ApiCatalog _catalog;
        private readonly Func<string, bool> _isOwnAssembly;

        public ConformanceChecker(ApiCatalog catalog, Func<string, bool> isOwnAssembly)
        {
            _catalog = catalog;
            _isOwnAssembly = isOwnAssembly;
        }

        /// <summary>NuGet package sets, one per listed API the assembly uses (any one of each set satisfies it).</summary>
        public List<IReadOnlyList<string>> UsedPackages { get; } = new List<IReadOnlyList<string>>();

        public List<Violation> Check(string path)
        {
            using (FileStream stream = File.OpenRead(path))
            {
                return Check(stream);
            }
        }

        public List<Violation> Check(Stream image)
        {
            UsedPackages.Clear();
            using (var pe = new PEReader(image, PEStreamOptions.LeaveOpen))
            {
                MetadataReader reader = pe.GetMetadataReader();
                string assembly = reader.GetString(reader.GetAssemblyDefinition().Name);
                var result = new List<Violation>();
                var provider = new DocIdTypeProvider(reader);
                void Report(string member, string reason) => result.Add(new Violation(assembly, member, reason));

                var badTypes = CheckTypeReferences(reader, Report);
                CheckMemberReferences(reader, provider, badTypes, Report);
                CheckTypeSpecifications(reader, provider, Report);
                CheckMethodSpecifications(reader, provider, Report);
                CheckGenericParameters(reader, Report);
                CheckDefinitions(reader, pe, provider, Report);
                return result;
            }
        }

        private HashSet<string> CheckTypeReferences(MetadataReader reader, Action<string, string> report)
        {
            var bad = new HashSet<string>(StringComparer.Ordinal);
            foreach (TypeReferenceHandle handle in reader.TypeReferences)
            {
                string name = MetadataNames.TypeReferenceName(reader, handle);
                if (IsOwn(reader, handle) || HostLowering.IsCompilerType(name))
                {
                    continue;
                }
                string id = "T:" + name;
                if (_catalog.Contains(id))
                {
                    UsedPackages.Add(_catalog.PackagesOf(id));
                }
                else
                {
                    bad.Add(name);
                    report(id, "type not in the nanoFramework API lists");
                }
            }
            return bad;
        }

        private void CheckMemberReferences(MetadataReader reader, DocIdTypeProvider provider, HashSet<string> badTypes, Action<string, string> report)
        {
            foreach (MemberReferenceHandle handle in reader.MemberReferences)
            {
                MemberReference member = reader.GetMemberReference(handle);
                EntityHandle parent = member.Parent;
                string parentName;
                if (parent.Kind == HandleKind.TypeReference)
                {
                    var typeRef = (TypeReferenceHandle)parent;
                    parentName = MetadataNames.TypeReferenceName(reader, typeRef);
                    if (IsOwn(reader, typeRef) || HostLowering.IsCompilerType(parentName) || badTypes.Contains(parentName))
                    {
                        continue;
                    }
                }
                else if (parent.Kind == HandleKind.TypeSpecification)
                {
                    // Members of generic instantiations or arrays: the TypeSpec check reports the type itself.
                    provider.Problems.Clear();
                    parentName = reader.GetTypeSpecification((TypeSpecificationHandle)parent).DecodeSignature(provider, null);
                    List<string> specProblems = provider.TakeProblems();
                    if (specProblems.Count > 0 || parentName.EndsWith("[]", StringComparison.Ordinal))
                    {
                        continue;
                    }
                }
                else
                {
                    continue;
                }

                string id = MemberId(reader, provider, member, parentName);
                if (HostLowering.IsHostOnlyMember(id))
                {
                    provider.Problems.Clear();
                    continue;
                }
                foreach (string problem in provider.TakeProblems())
                {
                    report(id, problem + " in the signature");
                }
                string expected = HostLowering.Equivalent(id, _catalog);
                if (expected == null)
                {
                    continue;
                }
                if (_catalog.Contains(expected))
                {
                    UsedPackages.Add(_catalog.PackagesOf(expected));
                }
                else
                {
                    report(id, "member not in the nanoFramework API lists");
                }
            }
        }

        private static string MemberId(MetadataReader reader, DocIdTypeProvider provider, MemberReference member, string parentName)
        {
            string name = reader.GetString(member.Name);
            if (member.GetKind() == MemberReferenceKind.Field)
            {
                member.DecodeFieldSignature(provider, null);
                return "F:" + parentName + "." + name;
            }
            MethodSignature<string> signature = member.DecodeMethodSignature(provider, null);
            if (signature.Header.CallingConvention == SignatureCallingConvention.VarArgs)
            {
                provider.Problems.Add("varargs call (__arglist)");
            }
            return MethodId(parentName, name, signature);
        }

        internal static string MethodId(string parentName, string name, MethodSignature<string> signature)
        {
            var sb = new StringBuilder("M:").Append(parentName).Append('.');
            sb.Append(name == ".ctor" ? "#ctor" : name == ".cctor" ? "#cctor" : name.Replace('.', '#'));
            if (signature.GenericParameterCount > 0)
            {
                sb.Append("``").Append(signature.GenericParameterCount);
            }
            if (signature.ParameterTypes.Length > 0)
            {
                sb.Append('(').Append(string.Join(",", signature.ParameterTypes)).Append(')');
            }
            if (name == "op_Implicit" || name == "op_Explicit")
            {
                sb.Append('~').Append(signature.ReturnType);
            }
            return sb.ToString();
        }

        private static void CheckTypeSpecifications(MetadataReader reader, DocIdTypeProvider provider, Action<string, string> report)
        {
            int rows = reader.GetTableRowCount(TableIndex.TypeSpec);
            for (int row = 1; row <= rows; row++)
            {
                TypeSpecificationHandle handle = MetadataTokens.TypeSpecificationHandle(row);
                provider.Problems.Clear();
                string name = reader.GetTypeSpecification(handle).DecodeSignature(provider, null);
                foreach (string problem in provider.TakeProblems())
                {
                    report("T:" + name, problem);
                }
            }
        }

        private static void CheckMethodSpecifications(MetadataReader reader, DocIdTypeProvider provider, Action<string, string> report)
        {
            int rows = reader.GetTableRowCount(TableIndex.MethodSpec);
            for (int row = 1; row <= rows; row++)
            {
                MethodSpecification spec = reader.GetMethodSpecification(MetadataTokens.MethodSpecificationHandle(row));
                string method = GenericMethodName(reader, provider, spec.Method);
                provider.Problems.Clear();
                if (HostLowering.IsHostOnlyMember(method))
                {
                    continue;
                }
                report(method, "generic method instantiation");
            }
        }

        private static string GenericMethodName(MetadataReader reader, DocIdTypeProvider provider, EntityHandle method)
        {
            if (method.Kind == HandleKind.MemberReference)
            {
                MemberReference member = reader.GetMemberReference((MemberReferenceHandle)method);
                string parent = member.Parent.Kind == HandleKind.TypeReference
                    ? MetadataNames.TypeReferenceName(reader, (TypeReferenceHandle)member.Parent)
                    : "?";
                return MethodId(parent, reader.GetString(member.Name), member.DecodeMethodSignature(provider, null));
            }
            MethodDefinition definition = reader.GetMethodDefinition((MethodDefinitionHandle)method);
            return "M:" + MetadataNames.TypeDefinitionName(reader, definition.GetDeclaringType()) + "." + reader.GetString(definition.Name);
        }

        private static void CheckGenericParameters(MetadataReader reader, Action<string, string> report)
        {
            int rows = reader.GetTableRowCount(TableIndex.GenericParam);
            for (int row = 1; row <= rows; row++)
            {
                GenericParameter parameter = reader.GetGenericParameter(MetadataTokens.GenericParameterHandle(row));
                string owner = parameter.Parent.Kind == HandleKind.TypeDefinition
                    ? "T:" + MetadataNames.TypeDefinitionName(reader, (TypeDefinitionHandle)parameter.Parent)
                    : OwnMethodName(reader, (MethodDefinitionHandle)parameter.Parent);
                report(owner, "generic definition (type parameter " + reader.GetString(parameter.Name) + ")");
            }
        }

        private static string OwnMethodName(MetadataReader reader, MethodDefinitionHandle handle)
        {
            MethodDefinition method = reader.GetMethodDefinition(handle);
            return "M:" + MetadataNames.TypeDefinitionName(reader, method.GetDeclaringType()) + "." + reader.GetString(method.Name);
        }

        private static void CheckDefinitions(MetadataReader reader, PEReader pe, DocIdTypeProvider provider, Action<string, string> report)
        {
            foreach (TypeDefinitionHandle typeHandle in reader.TypeDefinitions)
            {
                TypeDefinition type = reader.GetTypeDefinition(typeHandle);
                string typeName = MetadataNames.TypeDefinitionName(reader, typeHandle);
                bool isInterface = (type.Attributes & TypeAttributes.Interface) != 0;
                int virtuals = 0, instances = 0, statics = 0;

                foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
                {
                    FieldDefinition field = reader.GetFieldDefinition(fieldHandle);
                    provider.Problems.Clear();
                    field.DecodeSignature(provider, null);
                    foreach (string problem in provider.TakeProblems())
                    {
                        report("F:" + typeName + "." + reader.GetString(field.Name), problem);
                    }
                }

                foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
                {
                    MethodDefinition method = reader.GetMethodDefinition(methodHandle);
                    string id = "M:" + typeName + "." + reader.GetString(method.Name);
                    bool isStatic = (method.Attributes & MethodAttributes.Static) != 0;
                    if ((method.Attributes & MethodAttributes.Virtual) != 0) virtuals++;
                    if (isStatic) statics++; else instances++;

                    if (isInterface && !isStatic && (method.Attributes & MethodAttributes.Abstract) == 0)
                    {
                        report(id, "default interface method");
                    }
                    provider.Problems.Clear();
                    method.DecodeSignature(provider, null);
                    foreach (string problem in provider.TakeProblems())
                    {
                        report(id, problem + " in the signature");
                    }
                    if (method.RelativeVirtualAddress == 0)
                    {
                        continue;
                    }
                    MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
                    foreach (string opcode in IlScanner.FindUnsupported(body))
                    {
                        report(id, "IL opcode the nanoFramework interpreter lacks: " + opcode);
                    }
                    if (!body.LocalSignature.IsNil)
                    {
                        provider.Problems.Clear();
                        reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, null);
                        foreach (string problem in provider.TakeProblems())
                        {
                            report(id, problem + " in a local variable");
                        }
                    }
                }

                CheckCount(report, typeName, "virtual", virtuals);
                CheckCount(report, typeName, "instance", instances);
                CheckCount(report, typeName, "static", statics);
            }
        }

        private static void CheckCount(Action<string, string> report, string typeName, string kind, int count)
        {
            if (count > MaxMethodsPerKind)
            {
                report("T:" + typeName, count + " " + kind + " methods (nanoFramework allows at most " + MaxMethodsPerKind + " per type)");
            }
        }

        private bool IsOwn(MetadataReader reader, TypeReferenceHandle handle)
        {
            string assembly = MetadataNames.ReferencedAssembly(reader, handle);
            return assembly != null && _isOwnAssembly(assembly);
        }
    }
}
