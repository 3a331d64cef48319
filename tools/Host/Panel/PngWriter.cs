using System.IO;
using System.IO.Compression;
using System.Text;

namespace DeskPhone.Host.Panel
{
    /// <summary>A small PNG encoder (8-bit RGB, no filter, zlib-compressed with .NET's ZLibStream), so no image package is needed.</summary>
    public static class PngWriter
    {
        private static readonly uint[] CrcTable = BuildCrcTable();

        public static byte[] Rgb565(int width, int height, ushort[] pixels)
        {
            var raw = new byte[height * (width * 3 + 1)];
            int o = 0;
            for (int y = 0; y < height; y++)
            {
                raw[o++] = 0;
                for (int x = 0; x < width; x++)
                {
                    ushort p = pixels[y * width + x];
                    raw[o++] = (byte)(((p >> 11) & 0x1F) * 255 / 31);
                    raw[o++] = (byte)(((p >> 5) & 0x3F) * 255 / 63);
                    raw[o++] = (byte)((p & 0x1F) * 255 / 31);
                }
            }
            using var png = new MemoryStream();
            png.Write(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
            var header = new byte[13];
            BigEndian(header, 0, (uint)width);
            BigEndian(header, 4, (uint)height);
            header[8] = 8;
            header[9] = 2;
            Chunk(png, "IHDR", header);
            Chunk(png, "IDAT", Zlib(raw));
            Chunk(png, "IEND", new byte[0]);
            return png.ToArray();
        }

        // A 320x240 screen is 230 KB of scanlines but mostly flat colour: deflate makes it a few KB, which the bench
        // page fetches after screen changes.
        private static byte[] Zlib(byte[] data)
        {
            using var z = new MemoryStream();
            using (var deflate = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true))
            {
                deflate.Write(data, 0, data.Length);
            }
            return z.ToArray();
        }

        private static void Chunk(Stream s, string type, byte[] data)
        {
            var length = new byte[4];
            BigEndian(length, 0, (uint)data.Length);
            s.Write(length);
            byte[] typeBytes = Encoding.ASCII.GetBytes(type);
            s.Write(typeBytes);
            s.Write(data);
            uint crc = 0xFFFFFFFF;
            foreach (byte x in typeBytes) crc = CrcTable[(crc ^ x) & 0xFF] ^ (crc >> 8);
            foreach (byte x in data) crc = CrcTable[(crc ^ x) & 0xFF] ^ (crc >> 8);
            var crcBytes = new byte[4];
            BigEndian(crcBytes, 0, crc ^ 0xFFFFFFFF);
            s.Write(crcBytes);
        }

        private static void BigEndian(byte[] b, int at, uint v)
        {
            b[at] = (byte)(v >> 24);
            b[at + 1] = (byte)(v >> 16);
            b[at + 2] = (byte)(v >> 8);
            b[at + 3] = (byte)v;
        }

        private static uint[] BuildCrcTable()
        {
            var t = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                t[n] = c;
            }
            return t;
        }
    }
}
