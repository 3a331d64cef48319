using System.Collections.Generic;
using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Text;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>
    /// Decodes metadata signatures into the type spelling of doc-comment IDs (System.Int32, System.Byte[], T@) and
    /// notes, while decoding, every construct nanoFramework 1.x lacks (generics, pointers, multi-dimensional arrays).
    /// </summary>
    internal sealed class DocIdTypeProvider : ISignatureTypeProvider<string, object>
    {
        private readonly MetadataReader _reader;

        public DocIdTypeProvider(MetadataReader reader)
        {
            _reader = reader;
        }

        /// <summary>Problems seen since the last <see cref="TakeProblems"/>.</summary>
        public List<string> Problems { get; } = new List<string>();

        public List<string> TakeProblems()
        {
            var copy = new List<string>(Problems);
            Problems.Clear();
            return copy;
        }

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
        {
            PrimitiveTypeCode.Boolean => "System.Boolean",
            PrimitiveTypeCode.Byte => "System.Byte",
            PrimitiveTypeCode.SByte => "System.SByte",
            PrimitiveTypeCode.Char => "System.Char",
            PrimitiveTypeCode.Int16 => "System.Int16",
            PrimitiveTypeCode.UInt16 => "System.UInt16",
            PrimitiveTypeCode.Int32 => "System.Int32",
            PrimitiveTypeCode.UInt32 => "System.UInt32",
            PrimitiveTypeCode.Int64 => "System.Int64",
            PrimitiveTypeCode.UInt64 => "System.UInt64",
            PrimitiveTypeCode.Single => "System.Single",
            PrimitiveTypeCode.Double => "System.Double",
            PrimitiveTypeCode.String => "System.String",
            PrimitiveTypeCode.Object => "System.Object",
            PrimitiveTypeCode.IntPtr => "System.IntPtr",
            PrimitiveTypeCode.UIntPtr => "System.UIntPtr",
            PrimitiveTypeCode.Void => "System.Void",
            PrimitiveTypeCode.TypedReference => Note("TypedReference", "System.TypedReference"),
            _ => typeCode.ToString(),
        };

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            MetadataNames.TypeDefinitionName(reader, handle);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
            MetadataNames.TypeReferenceName(reader, handle);

        public string GetTypeFromSpecification(MetadataReader reader, object genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetArrayType(string elementType, ArrayShape shape) =>
            Note("multi-dimensional array " + elementType + "[" + new string(',', shape.Rank - 1) + "]", elementType + "[,]");

        public string GetByReferenceType(string elementType) => elementType + "@";

        public string GetPointerType(string elementType) => Note("pointer type " + elementType + "*", elementType + "*");

        public string GetPinnedType(string elementType) => Note("pinned local (fixed statement)", elementType);

        public string GetFunctionPointerType(MethodSignature<string> signature) => Note("function pointer", "method*");

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
        {
            var sb = new StringBuilder(genericType);
            sb.Append('{').Append(string.Join(",", typeArguments)).Append('}');
            string name = sb.ToString();
            return Note("generic instantiation " + name, name);
        }

        public string GetGenericTypeParameter(object genericContext, int index) => Note("generic type parameter", "`" + index);

        public string GetGenericMethodParameter(object genericContext, int index) => Note("generic method parameter", "``" + index);

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        private string Note(string problem, string name)
        {
            if (!Problems.Contains(problem))
            {
                Problems.Add(problem);
            }
            return name;
        }
    }
}
