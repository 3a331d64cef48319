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
    /// The device's .tinyfnt fonts draw exactly what the host's glyph tables (tools/Host/Panel/Fonts) draw, so a layout measured on the host
    /// wraps the same way on the board. The files are read here by a reader of their own (the layout of
    /// nf-interpreter's Graphics.h and Font.cpp), not by FontGen.
    /// </summary>
    public class DeviceFontTests
    {
        public static IEnumerable<object[]> Fonts => new[]
        {
            new object[] { "Fixed8x16" },
            new object[] { "Terminus6x12" },
        };

        private static FontGlyphs HostFont(string name) => FontGlyphs.For(name == "Fixed8x16" ? BitmapFont.Fixed8x16 : BitmapFont.Terminus6x12);

        private static string TinyFontPath(string name) => Path.Combine(RepoPaths.Root, "board", "Display", "Resources", name + ".tinyfnt");

        [Theory]
        [MemberData(nameof(Fonts))]
        public void TinyFontHasTheHostFontsGlyphsAndMetrics(string name)
        {
            FontGlyphs host = HostFont(name);
            ParsedFont font = ParsedFont.Read(File.ReadAllBytes(TinyFontPath(name)));

            Assert.Equal(host.Height, font.Height);
            Assert.Equal(0, font.Offset);
            Assert.Equal(host.Height, font.Ascent + font.Descent);
            Assert.Equal(LastInkedRow(host, 'H') + 1, font.Ascent);
            Assert.Equal(host.Width, font.AverageWidth);
            Assert.Equal(host.Width, font.MaxWidth);
            Assert.Equal(host.Height, font.BitmapHeight);

            int checkedGlyphs = 0;
            for (int c = 0; c <= 0xFFFF; c++)
            {
                bool inHost = host.Has((char)c);
                Assert.True(inHost == font.Has(c), "U+" + c.ToString("X4") + (inHost ? " is missing from " : " is extra in ") + name + ".tinyfnt");
                if (!inHost)
                {
                    continue;
                }
                ParsedFont.Glyph g = font.Find(c);
                Assert.True(g.Width == host.Width, "U+" + c.ToString("X4") + " is " + g.Width + " wide on the device, " + host.Width + " on the host");
                for (int y = 0; y < host.Height; y++)
                {
                    for (int x = 0; x < host.Width; x++)
                    {
                        bool hostInk = (host.Row((char)c, y) & (0x80 >> x)) != 0;
                        bool deviceInk = x >= g.MarginLeft && x < g.MarginLeft + g.InnerWidth && font.Pixel(g.Offset + x - g.MarginLeft, y);
                        Assert.True(hostInk == deviceInk, "U+" + c.ToString("X4") + " differs at " + x + "," + y);
                    }
                }
                checkedGlyphs++;
            }
            Assert.True(checkedGlyphs > 400, "only " + checkedGlyphs + " glyphs");
            Assert.True(font.Has(0xFFFD), "no U+FFFD: the device would skip characters the font lacks instead of boxing them");
        }

        [Theory]
        [MemberData(nameof(Fonts))]
        public void CommittedTinyFontIsWhatFontGenWrites(string name)
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

            byte[] expected = TinyFont.Build(host.Width, host.Height, glyphs);

            Assert.True(expected.SequenceEqual(File.ReadAllBytes(TinyFontPath(name))),
                name + ".tinyfnt is not what tools/FontGen writes for these glyphs: regenerate it (docs/ui.md \"Fonts\")");
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

        private static int LastInkedRow(FontGlyphs font, char c)
        {
            for (int row = font.Height - 1; row >= 0; row--)
            {
                if (font.Row(c, row) != 0)
                {
                    return row;
                }
            }
            return -1;
        }

        /// <summary>A .tinyfnt as the native font code sees it.</summary>
        private sealed class ParsedFont
        {
            public struct Glyph
            {
                public int Offset;
                public int InnerWidth;
                public int MarginLeft;
                public int MarginRight;
                public int Width => MarginLeft + InnerWidth + MarginRight;
            }

            private int[] _rangeFirstIndex;
            private int[] _rangeFirst;
            private int[] _rangeLast;
            private int[] _rangeOffset;
            private int[] _charOffset;
            private int[] _charMarginLeft;
            private int[] _charMarginRight;
            private uint[] _bits;
            private int _wordsPerRow;

            public int Height, Offset, Ascent, Descent, AverageWidth, MaxWidth, BitmapHeight;

            public static ParsedFont Read(byte[] file)
            {
                var r = new BinaryReader(new MemoryStream(file));
                Assert.Equal(0xF995B0A8u, r.ReadUInt32());
                Assert.Equal(2u, r.ReadUInt32());
                Assert.Equal(20u, r.ReadUInt32());
                Assert.Equal(8u, r.ReadUInt32());
                Assert.Equal(1u, r.ReadUInt32());
                r.ReadInt16();
                Assert.Equal(2, r.ReadByte());
                r.ReadByte();
                Assert.Equal((uint)(file.Length - 28), r.ReadUInt32());

                var f = new ParsedFont();
                f.Height = r.ReadUInt16();
                f.Offset = r.ReadInt16();
                f.Ascent = r.ReadInt16();
                f.Descent = r.ReadInt16();
                r.ReadInt16();
                r.ReadInt16();
                f.AverageWidth = r.ReadInt16();
                f.MaxWidth = r.ReadInt16();
                int ranges = r.ReadUInt16();
                int characters = r.ReadUInt16();
                Assert.Equal(0, r.ReadUInt16() & 0x0008);
                r.ReadUInt16();
                int width = (int)r.ReadUInt32();
                f.BitmapHeight = (int)r.ReadUInt32();
                r.ReadUInt16();
                Assert.Equal(1, r.ReadByte());
                Assert.Equal(0, r.ReadByte());

                f._rangeFirstIndex = new int[ranges + 1];
                f._rangeFirst = new int[ranges + 1];
                f._rangeLast = new int[ranges + 1];
                f._rangeOffset = new int[ranges + 1];
                for (int i = 0; i <= ranges; i++)
                {
                    f._rangeFirstIndex[i] = (int)r.ReadUInt32();
                    f._rangeFirst[i] = r.ReadUInt16();
                    f._rangeLast[i] = r.ReadUInt16();
                    f._rangeOffset[i] = (int)r.ReadUInt32();
                }
                f._charOffset = new int[characters + 1];
                f._charMarginLeft = new int[characters + 1];
                f._charMarginRight = new int[characters + 1];
                for (int i = 0; i <= characters; i++)
                {
                    f._charOffset[i] = r.ReadUInt16();
                    f._charMarginLeft[i] = r.ReadSByte();
                    f._charMarginRight[i] = r.ReadSByte();
                }
                f._wordsPerRow = (width + 31) / 32;
                f._bits = new uint[f._wordsPerRow * f.BitmapHeight];
                for (int i = 0; i < f._bits.Length; i++)
                {
                    f._bits[i] = r.ReadUInt32();
                }
                Assert.Equal(file.Length, (int)r.BaseStream.Position);

                int counted = 0;
                for (int i = 0; i < ranges; i++)
                {
                    Assert.True(f._rangeFirst[i] <= f._rangeLast[i] && (i == 0 || f._rangeFirst[i] > f._rangeLast[i - 1]), "range " + i + " out of order");
                    Assert.Equal(counted, f._rangeFirstIndex[i]);
                    counted += f._rangeLast[i] - f._rangeFirst[i] + 1;
                }
                Assert.Equal(characters, counted);
                return f;
            }

            public bool Has(int c) => Range(c) >= 0;

            /// <summary>As CLR_GFX_Font::GetCharInfo computes it.</summary>
            public Glyph Find(int c)
            {
                int range = Range(c);
                int index = _rangeFirstIndex[range] + (c - _rangeFirst[range]);
                var g = new Glyph
                {
                    Offset = _rangeOffset[range] + _charOffset[index],
                    MarginLeft = _charMarginLeft[index],
                    MarginRight = _charMarginRight[index],
                };
                g.InnerWidth = c == _rangeLast[range]
                    ? _rangeOffset[range + 1] + _charOffset[index + 1] - g.Offset
                    : _charOffset[index + 1] - _charOffset[index];
                return g;
            }

            public bool Pixel(int x, int y) => (_bits[y * _wordsPerRow + x / 32] & (1u << (x % 32))) != 0;

            private int Range(int c)
            {
                for (int i = 0; i < _rangeFirst.Length - 1; i++)
                {
                    if (c >= _rangeFirst[i] && c <= _rangeLast[i])
                    {
                        return i;
                    }
                }
                return -1;
            }
        }
    }
}
