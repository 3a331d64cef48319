using System.Reflection.Metadata;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>Full type names as doc-comment IDs spell them (namespace, then nested types joined with '.').</summary>
    internal static class MetadataNames
    {
        public static string TypeReferenceName(MetadataReader reader, TypeReferenceHandle handle)
        {
            TypeReference type = reader.GetTypeReference(handle);
            string name = reader.GetString(type.Name);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return TypeReferenceName(reader, (TypeReferenceHandle)type.ResolutionScope) + "." + name;
            }
            string ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public static string TypeDefinitionName(MetadataReader reader, TypeDefinitionHandle handle)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            string name = reader.GetString(type.Name);
            TypeDefinitionHandle declaring = type.GetDeclaringType();
            if (!declaring.IsNil)
            {
                return TypeDefinitionName(reader, declaring) + "." + name;
            }
            string ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        /// <summary>The assembly a type reference resolves to (through enclosing types), or null for this module.</summary>
        public static string ReferencedAssembly(MetadataReader reader, TypeReferenceHandle handle)
        {
            EntityHandle scope = reader.GetTypeReference(handle).ResolutionScope;
            while (scope.Kind == HandleKind.TypeReference)
            {
                scope = reader.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
            }
            if (scope.Kind == HandleKind.AssemblyReference)
            {
                return reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name);
            }
            return null;
        }
    }
}
