using System;
using System.IO;
using System.IO.Compression;
using System.Reflection;
using DeskPhone.Host.Panel;

namespace DeskPhone.Ui.Tests
{
    /// <summary>Golden PNGs in tests/Ui.Tests/Golden; UPDATE_GOLDEN=1 rewrites them; a mismatch writes .actual and .diff next to them.</summary>
    internal static class Golden
    {
        public static string Directory => Path.Combine(RepoRoot(), "tests", "Ui.Tests", "Golden");

        public static void Check(string name, SoftwarePanel panel) => Check(name, panel, Directory, Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1");

        public static void Check(string name, SoftwarePanel panel, string dir, bool update)
        {
            string path = Path.Combine(dir, name + ".png");
            byte[] actual = panel.ToPng();
            if (update)
            {
                File.WriteAllBytes(path, actual);
                return;
            }
            Assert.True(File.Exists(path), "no golden " + path + " (run with UPDATE_GOLDEN=1 and look at it)");
            byte[] expected = File.ReadAllBytes(path);
            if (!expected.AsSpan().SequenceEqual(actual))
            {
                File.WriteAllBytes(Path.Combine(dir, name + ".actual.png"), actual);
                File.WriteAllBytes(Path.Combine(dir, name + ".diff.png"), Diff(expected, panel));
                Assert.Fail(name + " differs from its golden; see " + name + ".actual.png and " + name + ".diff.png");
            }
        }

        private static byte[] Diff(byte[] goldenPng, SoftwarePanel panel)
        {
            byte[] golden = Pixels(goldenPng);
            var diff = new ushort[panel.Width * panel.Height];
            for (int y = 0; y < panel.Height; y++)
            {
                for (int x = 0; x < panel.Width; x++)
                {
                    int o = y * (panel.Width * 3 + 1) + 1 + x * 3;
                    ushort g = golden.Length > o + 2 ? (ushort)(((golden[o] >> 3) << 11) | ((golden[o + 1] >> 2) << 5) | (golden[o + 2] >> 3)) : (ushort)0;
                    diff[y * panel.Width + x] = g == panel.Pixel(x, y) ? (ushort)0 : (ushort)0xF800;
                }
            }
            return PngWriter.Rgb565(panel.Width, panel.Height, diff);
        }

        /// <summary>The raw scanlines (filter byte + RGB per row) of a PNG as PngWriter writes it.</summary>
        public static byte[] Pixels(byte[] png)
        {
            int idat = 8;
            using var data = new MemoryStream();
            while (idat + 8 < png.Length)
            {
                int length = (png[idat] << 24) | (png[idat + 1] << 16) | (png[idat + 2] << 8) | png[idat + 3];
                string type = System.Text.Encoding.ASCII.GetString(png, idat + 4, 4);
                if (type == "IDAT")
                {
                    data.Write(png, idat + 8, length);
                }
                idat += 12 + length;
            }
            data.Position = 0;
            using var z = new ZLibStream(data, CompressionMode.Decompress);
            var raw = new MemoryStream();
            z.CopyTo(raw);
            return raw.ToArray();
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
