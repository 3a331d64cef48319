using System.Security.Cryptography;
using DeskPhone.Sip.Text;

namespace DeskPhone.Firmware.Updates
{
    /// <summary>
    /// The chained MAC of one image file (docs/updates.md): nanoFramework's HMACSHA256 hashes only a whole array at
    /// once, and a .pe is larger than the heap can spare, so each chunk is MACed with the MAC before it:
    /// seed = HMAC(key, "DPU1" || name || size), mac[i] = HMAC(key, i || length || mac[i-1] || chunk[i]) (numbers as
    /// 32-bit little-endian), and the manifest names the last one. Index, length and chaining make reordered, dropped
    /// or cut chunks fail. One buffer of <see cref="Overhead"/> + chunk bytes is reused; the last, shorter chunk gets
    /// its own.
    /// </summary>
    public sealed class ChainMac
    {
        public const int MacBytes = 32;

        /// <summary>Bytes before the chunk in <see cref="Buffer"/>: index, length and the previous MAC.</summary>
        public const int Overhead = 8 + MacBytes;

        private readonly byte[] _key;
        private readonly int _chunkBytes;
        private byte[] _mac;
        private int _index;

        public ChainMac(byte[] key, string name, int size, int chunkBytes)
        {
            _key = key;
            _chunkBytes = chunkBytes;
            Buffer = new byte[Overhead + chunkBytes];
            byte[] nameBytes = System.Text.Encoding.UTF8.GetBytes(name);
            byte[] seed = new byte[4 + nameBytes.Length + 4];
            seed[0] = (byte)'D';
            seed[1] = (byte)'P';
            seed[2] = (byte)'U';
            seed[3] = (byte)'1';
            System.Array.Copy(nameBytes, 0, seed, 4, nameBytes.Length);
            PutUInt32(seed, 4 + nameBytes.Length, (uint)size);
            _mac = HMACSHA256.HashData(key, seed);
        }

        /// <summary>The chunk goes at <see cref="Overhead"/> in here before <see cref="Add"/>.</summary>
        public readonly byte[] Buffer;

        /// <summary>The chain's MAC so far (the file's MAC once every chunk was added).</summary>
        public byte[] Mac => _mac;

        /// <summary>Chains the chunk of <paramref name="length"/> bytes held in <see cref="Buffer"/> at <see cref="Overhead"/>.</summary>
        public void Add(int length)
        {
            byte[] data = Buffer;
            if (length != _chunkBytes)
            {
                data = new byte[Overhead + length];
                System.Array.Copy(Buffer, Overhead, data, Overhead, length);
            }
            PutUInt32(data, 0, (uint)_index++);
            PutUInt32(data, 4, (uint)length);
            System.Array.Copy(_mac, 0, data, 8, MacBytes);
            _mac = HMACSHA256.HashData(_key, data);
        }

        /// <summary>64 hex digits (either case) as 32 bytes; null when the text is anything else.</summary>
        public static byte[] FromHex(byte[] text, int start, int end)
        {
            if (end - start != 2 * MacBytes)
            {
                return null;
            }
            byte[] bytes = new byte[MacBytes];
            for (int i = 0; i < MacBytes; i++)
            {
                int hi = HexDigit.Value(text[start + 2 * i]);
                int lo = HexDigit.Value(text[start + 2 * i + 1]);
                if (hi < 0 || lo < 0)
                {
                    return null;
                }
                bytes[i] = (byte)(hi * 16 + lo);
            }
            return bytes;
        }

        private static void PutUInt32(byte[] b, int at, uint v)
        {
            b[at] = (byte)v;
            b[at + 1] = (byte)(v >> 8);
            b[at + 2] = (byte)(v >> 16);
            b[at + 3] = (byte)(v >> 24);
        }
    }
}
