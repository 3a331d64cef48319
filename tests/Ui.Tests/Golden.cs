using System;
using System.IO;
using System.IO.Compression;
using System.Reflection;
using DeskPhone.Host.Panel;

namespace DeskPhone.Ui.Tests
{
    /// <summary>
    /// Golden PNGs in tests/Ui.Tests/Golden, compared as decoded pixels (not PNG bytes, so a change of the PNG writer
    /// breaks nothing); UPDATE_GOLDEN=1 rewrites them; a mismatch names the first differing pixel and the count, and
    /// writes .actual and .diff next to the golden.
    /// </summary>
    internal static class Golden
    {
        public static string Directory => Path.Combine(RepoRoot(), "tests", "Ui.Tests", "Golden");

        public static void Check(string name, SoftwarePanel panel) => Check(name, panel, Directory, Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1");

        public static void Check(string name, SoftwarePanel panel, string dir, bool update)
        {
            string path = Path.Combine(dir, name + ".png");
            if (update)
            {
                File.WriteAllBytes(path, panel.ToPng());
                return;
            }
            Assert.True(File.Exists(path), "no golden " + path + " (run with UPDATE_GOLDEN=1 and look at it)");
            Image golden = Decode(File.ReadAllBytes(path));
            Assert.True(golden.Width == panel.Width && golden.Height == panel.Height,
                name + ": golden is " + golden.Width + "x" + golden.Height + ", the panel " + panel.Width + "x" + panel.Height);
            var diff = new ushort[panel.Width * panel.Height];
            int count = 0;
            string first = null;
            for (int y = 0; y < panel.Height; y++)
            {
                for (int x = 0; x < panel.Width; x++)
                {
                    ushort expected = golden.Rgb565(x, y);
                    ushort actual = panel.Pixel(x, y);
                    if (expected != actual)
                    {
                        diff[y * panel.Width + x] = 0xF800;
                        count++;
                        first ??= "(" + x + ", " + y + "): golden 0x" + expected.ToString("X4") + ", drawn 0x" + actual.ToString("X4");
                    }
                }
            }
            if (count > 0)
            {
                File.WriteAllBytes(Path.Combine(dir, name + ".actual.png"), panel.ToPng());
                File.WriteAllBytes(Path.Combine(dir, name + ".diff.png"), PngWriter.Rgb565(panel.Width, panel.Height, diff));
                Assert.Fail(name + " differs from its golden in " + count + " pixels, the first at " + first + "; see " + name +
                            ".actual.png and " + name + ".diff.png");
            }
        }

        /// <summary>An 8-bit RGB image decoded from a PNG.</summary>
        internal sealed class Image
        {
            public int Width;
            public int Height;
            public byte[] Rgb; // 3 bytes per pixel, row by row

            /// <summary>The pixel as the panels keep it (RGB565; PngWriter widens 565 to 888 by shifting, so this is exact).</summary>
            public ushort Rgb565(int x, int y)
            {
                int o = (y * Width + x) * 3;
                return (ushort)(((Rgb[o] >> 3) << 11) | ((Rgb[o + 1] >> 2) << 5) | (Rgb[o + 2] >> 3));
            }
        }

        /// <summary>
        /// Decodes a non-interlaced 8-bit truecolour PNG (colour type 2, what the panels write): IHDR, the IDAT stream
        /// inflated, each scanline unfiltered (None, Sub, Up, Average, Paeth; PNG specification, section 9).
        /// </summary>
        public static Image Decode(byte[] png)
        {
            int pos = 8;
            var image = new Image();
            using var data = new MemoryStream();
            while (pos + 8 <= png.Length)
            {
                int length = (png[pos] << 24) | (png[pos + 1] << 16) | (png[pos + 2] << 8) | png[pos + 3];
                string type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
                if (type == "IHDR")
                {
                    image.Width = (png[pos + 8] << 24) | (png[pos + 9] << 16) | (png[pos + 10] << 8) | png[pos + 11];
                    image.Height = (png[pos + 12] << 24) | (png[pos + 13] << 16) | (png[pos + 14] << 8) | png[pos + 15];
                    Assert.True(png[pos + 16] == 8 && png[pos + 17] == 2 && png[pos + 20] == 0, "only 8-bit RGB, not interlaced");
                }
                else if (type == "IDAT")
                {
                    data.Write(png, pos + 8, length);
                }
                pos += 12 + length;
            }
            data.Position = 0;
            using var z = new ZLibStream(data, CompressionMode.Decompress);
            var raw = new MemoryStream();
            z.CopyTo(raw);
            byte[] scan = raw.ToArray();
            int stride = image.Width * 3;
            image.Rgb = new byte[stride * image.Height];
            for (int y = 0; y < image.Height; y++)
            {
                int filter = scan[y * (stride + 1)];
                for (int i = 0; i < stride; i++)
                {
                    int v = scan[y * (stride + 1) + 1 + i];
                    int a = i >= 3 ? image.Rgb[y * stride + i - 3] : 0;
                    int b = y > 0 ? image.Rgb[(y - 1) * stride + i] : 0;
                    int c = i >= 3 && y > 0 ? image.Rgb[(y - 1) * stride + i - 3] : 0;
                    int predicted = filter switch
                    {
                        0 => 0,
                        1 => a,
                        2 => b,
                        3 => (a + b) / 2,
                        4 => Paeth(a, b, c),
                        _ => throw new InvalidDataException("PNG filter " + filter),
                    };
                    image.Rgb[y * stride + i] = (byte)(v + predicted);
                }
            }
            return image;
        }

        private static int Paeth(int a, int b, int c)
        {
            int p = a + b - c;
            int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }

        private static string RepoRoot()
        {
            foreach (var a in typeof(Golden).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
            {
                if (a.Key == "RepoRoot")
                {
                    return a.Value;
                }
            }
            throw new InvalidOperationException("RepoRoot metadata missing");
        }
    }
}
