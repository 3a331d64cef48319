using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DeskPhone.FontGen;
using DeskPhone.Host.Panel.Fonts;
using DeskPhone.Ui.Fonts;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>
    /// The device's font resources (board/Display/Resources/*.glyphs, read a glyph at a time by ui/Fonts/GlyphRows)
    /// draw exactly what the host's glyph tables (tools/Host/Panel/Fonts) draw, so a layout measured on the host wraps
    /// the same way on the board, and they are what tools/FontGen writes.
    /// </summary>
    public class DeviceFontTests
    {
        public static IEnumerable<object[]> Fonts => new[]
        {
            new object[] { "Fixed8x16" },
            new object[] { "Terminus6x12" },
        };

        private static FontGlyphs HostFont(string name) => FontGlyphs.For(name == "Fixed8x16" ? BitmapFont.Fixed8x16 : BitmapFont.Terminus6x12);

        private static string GlyphsPath(string name) => Path.Combine(RepoPaths.Root, "board", "Display", "Resources", name + ".glyphs");

        [Theory]
        [MemberData(nameof(Fonts))]
        public void EveryGlyphTheDeviceReadsIsTheHostFontsGlyph(string name)
        {
            FontGlyphs host = HostFont(name);
            byte[] file = File.ReadAllBytes(GlyphsPath(name));
            int reads = 0;
            var device = new GlyphRows((offset, count) =>
            {
                reads++;
                return file.AsSpan(offset, count).ToArray();
            });

            Assert.Equal(host.Width, device.Width);
            Assert.Equal(host.Height, device.Height);
            int checkedGlyphs = 0;
            for (int c = 0; c <= 0xFFFF; c++)
            {
                if (c >= 0xD800 && c <= 0xDFFF)
                {
                    continue;
                }
                // As a flush reads it before drawing (GlyphRows.Need, Read), let go after it.
                device.Need((char)c);
                device.Read();
                byte[] rows = device.Find((char)c, out int at);
                device.Release();
                Assert.True(rows != null, "U+" + c.ToString("X4") + ": no glyph and no U+FFFD");
                for (int y = 0; y < host.Height; y++)
                {
                    Assert.True(host.Row((char)c, y) == rows[at + y], "U+" + c.ToString("X4") + " differs in row " + y);
                }
                checkedGlyphs += host.Has((char)c) ? 1 : 0;
            }
            Assert.True(checkedGlyphs > 400, "only " + checkedGlyphs + " glyphs");
            Assert.True(host.Has('\uFFFD'), "no U+FFFD: the device would box characters the font lacks instead of drawing the replacement");
            Assert.True(reads > 0xFFFF, "glyphs outside ASCII are read from the resource per flush that draws them");
        }

        [Theory]
        [MemberData(nameof(Fonts))]
        public void CommittedGlyphsAreWhatFontGenWrites(string name)
        {
            FontGlyphs host = HostFont(name);
            var glyphs = new SortedDictionary<int, byte[]>();
            for (int c = 0; c <= 0xFFFF; c++)
            {
                if (host.Has((char)c))
                {
                    glyphs[c] = Enumerable.Range(0, host.Height).Select(r => (byte)host.Row((char)c, r)).ToArray();
                }
            }

            byte[] expected = GlyphRowsFile.Build(host.Width, host.Height, glyphs);

            Assert.True(expected.SequenceEqual(File.ReadAllBytes(GlyphsPath(name))),
                name + ".glyphs is not what tools/FontGen writes for these glyphs: regenerate it (docs/ui.md \"Fonts\")");
        }

        [Fact]
        public void ResourcesClassMatchesTheResxAndTheDeviceProject()
        {
            string device = Path.Combine(RepoPaths.Root, "board", "Display");
            XDocument resx = XDocument.Load(Path.Combine(device, "DeviceResources.resx"));
            var entries = resx.Root.Elements("data").ToDictionary(d => (string)d.Attribute("name"), d => d.Element("value").Value);
            string designer = File.ReadAllText(Path.Combine(device, "DeviceResources.Designer.cs"));
            var ids = Regex.Matches(designer, @"(\w+) = (-?\d+),").ToDictionary(m => m.Groups[1].Value, m => short.Parse(m.Groups[2].Value));
            string nfproj = File.ReadAllText(Path.Combine(RepoPaths.Root, "board", "DeskPhone.Board.nfproj"));

            Assert.Equal(entries.Keys.OrderBy(k => k), ids.Keys.OrderBy(k => k));
            Assert.Contains("<EmbeddedResource Include=\"Display\\DeviceResources.resx\">", nfproj);
            Assert.Contains("\"DeskPhone.Board.Display.DeviceResources\"", designer);
            foreach (KeyValuePair<string, string> entry in entries)
            {
                Assert.Equal(GeneratorId(entry.Key), ids[entry.Key]);
                string file = entry.Value.Split(';')[0];
                Assert.StartsWith("System.Byte[]", entry.Value.Split(';')[1]);
                Assert.True(File.Exists(Path.Combine(device, file.Replace('\\', Path.DirectorySeparatorChar))), file + " is missing");
                Assert.Contains("<None Include=\"Display\\" + file + "\" />", nfproj);
            }
        }

        [Fact]
        public void GeneratorIdIsNanoFrameworksHash()
        {
            // Pairs from a .NET Micro Framework application's generated Resources class.
            Assert.Equal(-17753, GeneratorId("SegoeUI18Regular"));
            Assert.Equal(11730, GeneratorId("SegoeUI18Bold"));
        }

        /// <summary>The resource id nanoFramework's resource generator and metadata processor derive from a name.</summary>
        private static short GeneratorId(string name)
        {
            int hash1 = (5381 << 16) + 5381;
            int hash2 = hash1;
            for (int i = 0; i < name.Length; i++)
            {
                if (i % 2 == 0)
                {
                    hash1 = ((hash1 << 5) + hash1) ^ name[i];
                }
                else
                {
                    hash2 = ((hash2 << 5) + hash2) ^ name[i];
                }
            }
            int hash = unchecked(hash1 + hash2 * 1566083941);
            return (short)((short)(hash >> 16) ^ (short)hash);
        }
    }
}
