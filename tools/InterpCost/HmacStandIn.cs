using System.Reflection;

// The version DeskPhone.Domain references (nanoFramework.System.Security.Cryptography 1.0.43), so the interpreter binds to it.
[assembly: AssemblyVersion("1.0.43.0")]

namespace System.Security.Cryptography
{
    /// <summary>
    /// Stands in for the native HMACSHA256.HashData in the interpreter's cost count (tools/InterpCost/count.sh): it does
    /// on the managed side what the native does there, one call and a new 32-byte array for the result, and no hashing,
    /// whose cost count.sh counts apart (mbedtls compiled for the host, docs/benchmarks.md "Password hash"). The result
    /// depends on the input, so a hash made and checked with it verifies, and a wrong password does not.
    /// </summary>
    public static class HMACSHA256
    {
        public static byte[] HashData(byte[] key, byte[] source)
        {
            byte[] result = new byte[32];
            result[0] = (byte)(key[0] + source[0]);
            result[1] = (byte)(key[key.Length - 1] + source[1]);
            return result;
        }
    }
}
