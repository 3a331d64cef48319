using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace DeskPhone.Firmware.Tests.Updates
{
    /// <summary>
    /// An update set made the way docs/updates.md specifies it (written from the document, as
    /// tools/update/make-update.py is): the manifest text and each file's chained MAC with .NET's HMACSHA256.
    /// </summary>
    internal sealed class UpdateSet
    {
        public static readonly byte[] Key = Convert.FromHexString("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        public const string KeyHex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

        public readonly List<(string Name, byte[] Data)> Files = new List<(string, byte[])>();
        public string Version = "2.0.0";
        public int Chunk = 1024;

        public static UpdateSet Two(string version = "2.0.0")
        {
            var set = new UpdateSet { Version = version };
            set.Files.Add(("DeskPhone.Sip.pe", Bytes(3000, 1)));
            set.Files.Add(("DeskPhone.Board.pe", Bytes(2048, 7)));
            return set;
        }

        public static byte[] Bytes(int n, int seed)
        {
            var b = new byte[n];
            for (int i = 0; i < n; i++)
            {
                b[i] = (byte)(i * 31 + seed);
            }
            return b;
        }

        public byte[] Data(string name) => Files.Find(f => f.Name == name).Data;

        public static byte[] FileMac(byte[] key, string name, byte[] data, int chunk)
        {
            byte[] mac = HMACSHA256.HashData(key, Concat(Encoding.ASCII.GetBytes("DPU1" + name), Le(data.Length)));
            for (int i = 0, at = 0; at < data.Length; i++, at += chunk)
            {
                int n = Math.Min(chunk, data.Length - at);
                mac = HMACSHA256.HashData(key, Concat(Le(i), Le(n), mac, data[at..(at + n)]));
            }
            return mac;
        }

        public byte[] Manifest(byte[] key = null, string body = null)
        {
            key ??= Key;
            if (body == null)
            {
                var sb = new StringBuilder("deskphone-update 1\nversion " + Version + "\nchunk " + Chunk + "\n");
                foreach (var f in Files)
                {
                    sb.Append("file ").Append(f.Name).Append(' ').Append(f.Data.Length).Append(' ')
                        .Append(Convert.ToHexString(FileMac(key, f.Name, f.Data, Chunk)).ToLowerInvariant()).Append('\n');
                }
                body = sb.ToString();
            }
            byte[] signed = Encoding.ASCII.GetBytes(body);
            return Concat(signed, Encoding.ASCII.GetBytes("mac " + Convert.ToHexString(HMACSHA256.HashData(key, signed)).ToLowerInvariant() + "\n"));
        }

        private static byte[] Le(int v) => BitConverter.GetBytes(v);

        private static byte[] Concat(params byte[][] parts)
        {
            var all = new List<byte>();
            foreach (byte[] p in parts)
            {
                all.AddRange(p);
            }
            return all.ToArray();
        }
    }
}
