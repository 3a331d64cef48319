using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>Walks a method body opcode by opcode and names the opcodes the nanoFramework interpreter lacks.</summary>
    internal static class IlScanner
    {
        private static readonly Dictionary<ushort, OpCode> OpCodesByValue = BuildTable();

        private static readonly Dictionary<ushort, string> Unsupported = new Dictionary<ushort, string>
        {
            [OpCodes.Localloc.Value.AsUShort()] = "localloc (stackalloc)",
            [OpCodes.Calli.Value.AsUShort()] = "calli (function pointer call)",
            [OpCodes.Cpblk.Value.AsUShort()] = "cpblk",
            [OpCodes.Initblk.Value.AsUShort()] = "initblk",
            [OpCodes.Jmp.Value.AsUShort()] = "jmp",
            [OpCodes.Arglist.Value.AsUShort()] = "arglist (__arglist)",
            [OpCodes.Ckfinite.Value.AsUShort()] = "ckfinite",
            [OpCodes.Mkrefany.Value.AsUShort()] = "mkrefany (__makeref)",
            [OpCodes.Refanytype.Value.AsUShort()] = "refanytype (__reftype)",
            [OpCodes.Refanyval.Value.AsUShort()] = "refanyval (__refvalue)",
            [OpCodes.Readonly.Value.AsUShort()] = "readonly. prefix",
        };

        private static ushort AsUShort(this short value) => unchecked((ushort)value);

        /// <summary>Names of the unsupported opcodes in the body (each once), or an empty list.</summary>
        public static List<string> FindUnsupported(MethodBodyBlock body)
        {
            var found = new List<string>();
            BlobReader il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                ushort value = il.ReadByte();
                if (value == 0xFE)
                {
                    value = (ushort)(0xFE00 | il.ReadByte());
                }
                if (Unsupported.TryGetValue(value, out string name) && !found.Contains(name))
                {
                    found.Add(name);
                }
                if (!OpCodesByValue.TryGetValue(value, out OpCode op))
                {
                    found.Add("unknown opcode 0x" + value.ToString("X"));
                    break;
                }
                SkipOperand(ref il, op.OperandType);
            }
            return found;
        }

        private static void SkipOperand(ref BlobReader il, OperandType type)
        {
            switch (type)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineSwitch:
                    int count = il.ReadInt32();
                    il.Offset += count * 4;
                    break;
                default:
                    il.Offset += 4;
                    break;
            }
        }

        private static Dictionary<ushort, OpCode> BuildTable()
        {
            var table = new Dictionary<ushort, OpCode>();
            foreach (FieldInfo field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var op = (OpCode)field.GetValue(null);
                table[op.Value.AsUShort()] = op;
            }
            return table;
        }
    }
}
