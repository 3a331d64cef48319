using System.Collections.Generic;
using System.Text;
using DeskPhone.Xml;

namespace DeskPhone.Firmware.Tests.Xml
{
    public class XmlPullReaderTests
    {
        private static XmlPullReader Reader(string xml)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(xml);
            return new XmlPullReader(bytes, 0, bytes.Length);
        }

        /// <summary>Every node as text, e.g. "&lt;a x=1&gt;", "'text'", "&lt;/a&gt;", "end", or "error: ...".</summary>
        private static List<string> Nodes(XmlPullReader reader)
        {
            var nodes = new List<string>();
            for (int guard = 0; guard < 10000; guard++)
            {
                int kind = reader.Read();
                switch (kind)
                {
                    case XmlNodeKind.StartElement:
                        var sb = new StringBuilder("<" + reader.Name);
                        for (int i = 0; i < reader.AttributeCount; i++)
                        {
                            sb.Append(' ').Append(reader.GetAttributeName(i)).Append('=').Append(reader.GetAttributeValue(i));
                        }
                        nodes.Add(sb.Append(reader.IsEmptyElement ? "/>" : ">").ToString());
                        break;
                    case XmlNodeKind.EndElement:
                        nodes.Add("</" + reader.Name + ">");
                        break;
                    case XmlNodeKind.Text:
                        nodes.Add("'" + reader.Value + "'");
                        break;
                    case XmlNodeKind.EndOfDocument:
                        nodes.Add("end");
                        return nodes;
                    default:
                        nodes.Add("error: " + reader.Error);
                        return nodes;
                }
            }
            return nodes;
        }

        [Fact]
        public void NextWalksTheNodesWithTheirLevelsAndStopsAtTheEnd()
        {
            var reader = Reader("<?xml version=\"1.0\"?><a><b>x<c/></b><d/></a>\n");
            var walk = new List<string>();
            while (reader.Next())
            {
                string what = reader.Kind == XmlNodeKind.Text ? "'" + reader.Value + "'"
                    : (reader.Kind == XmlNodeKind.EndElement ? "/" : "") + reader.Name;
                walk.Add(what + "@" + reader.Depth);
            }

            Assert.Equal(new[] { "a@1", "b@2", "'x'@2", "c@3", "/b@2", "d@2", "/a@1" }, walk);
            Assert.Equal(XmlNodeKind.EndOfDocument, reader.Kind);
            Assert.Null(reader.Error);
        }

        [Theory]
        [InlineData("<a><b></a>", "end tag does not match <b>")]
        [InlineData("<a><b>", "document ends inside <b>")]
        [InlineData("<a/>junk", "text outside the root element")]
        public void NextStopsOnAnErrorAndSaysWhy(string xml, string error)
        {
            var reader = Reader(xml);
            while (reader.Next())
            {
            }

            Assert.Equal(XmlNodeKind.Error, reader.Kind);
            Assert.StartsWith(error, reader.Error);
        }

        [Fact]
        public void ReadsAnInfoBoxDocument()
        {
            var nodes = Nodes(Reader(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- queue -->\n<InfoBoxQueue>\n" +
                "  <InfoBox time='false'><Line pos=\"1\"><Text>Caf\u00e9 &amp; &lt;bar&gt; &#65;&#x42;</Text><Icon/></Line></InfoBox>\n" +
                "</InfoBoxQueue>\n"));

            Assert.Equal(new[]
            {
                "<InfoBoxQueue>", "<InfoBox time=false>", "<Line pos=1>", "<Text>", "'Caf\u00e9 & <bar> AB'", "</Text>",
                "<Icon/>", "</Line>", "</InfoBox>", "</InfoBoxQueue>", "end",
            }, nodes);
        }

        [Fact]
        public void AttributesAndCDataAndPrefixes()
        {
            var reader = Reader("<p:a x=\"1\" y='two &quot;q&quot;'><![CDATA[<raw> & text]]></p:a>");
            Assert.Equal(XmlNodeKind.StartElement, reader.Read());
            Assert.Equal("p:a", reader.Name);
            Assert.Equal("1", reader.GetAttribute("x"));
            Assert.Equal("two \"q\"", reader.GetAttribute("y"));
            Assert.Null(reader.GetAttribute("z"));
            Assert.Equal(XmlNodeKind.Text, reader.Read());
            Assert.Equal("<raw> & text", reader.Value);
            Assert.Equal(XmlNodeKind.EndElement, reader.Read());
            Assert.Equal(XmlNodeKind.EndOfDocument, reader.Read());
        }

        [Fact]
        public void AttributesAreReadFromTheDocumentEachTimeTheyAreAskedFor()
        {
            // The reader keeps an attribute as where its name starts (h-notifyxml): asked again, by name or by index,
            // with white space around '=', single or double quotes and entities, it is the same value; the next
            // element's attributes replace the last one's.
            var reader = Reader("<a  x = 'o&amp;ne'\ty=\"2\"\n z='' ><b y='3'/></a>");
            Assert.Equal(XmlNodeKind.StartElement, reader.Read());
            Assert.Equal(3, reader.AttributeCount);
            Assert.Equal("o&ne", reader.GetAttribute("x"));
            Assert.Equal("o&ne", reader.GetAttribute("x"));
            Assert.Equal("2", reader.GetAttribute("y"));
            Assert.Equal("", reader.GetAttribute("z"));
            Assert.Null(reader.GetAttribute("xy"));
            Assert.Equal("z", reader.GetAttributeName(2));
            Assert.Equal("2", reader.GetAttributeValue(1));
            Assert.Equal(XmlNodeKind.StartElement, reader.Read());
            Assert.Equal(1, reader.AttributeCount);
            Assert.Equal("3", reader.GetAttribute("y"));
            Assert.Null(reader.GetAttribute("x"));
            Assert.Equal(XmlNodeKind.EndElement, reader.Read());
            Assert.Null(reader.GetAttribute("y"));
        }

        [Fact]
        public void AttributeIsComparesTheDecodedValue()
        {
            // In the bytes (no string), a value with an entity reference decoded; a prefix, a longer value, another
            // attribute's value or a missing attribute is not equal.
            var reader = Reader("<a s='full' t=\"f&#117;ll\" u='fuller' e='' n='\u00e9' m='&amp;x'/>");
            Assert.Equal(XmlNodeKind.StartElement, reader.Read());
            Assert.True(reader.AttributeIs("s", "full"));
            Assert.False(reader.AttributeIs("s", "ful"));
            Assert.False(reader.AttributeIs("s", "fulls"));
            Assert.False(reader.AttributeIs("s", "partial"));
            Assert.True(reader.AttributeIs("t", "full"));
            Assert.False(reader.AttributeIs("u", "full"));
            Assert.True(reader.AttributeIs("e", ""));
            Assert.False(reader.AttributeIs("s", ""));
            Assert.False(reader.AttributeIs("n", "e"));
            Assert.True(reader.AttributeIs("m", "&x"));
            Assert.False(reader.AttributeIs("x", "full"));
            Assert.False(reader.AttributeIs("full", "full"));
        }

        [Fact]
        public void NameIsAndLocalNameIsCompareTheTagsBytes()
        {
            // A start tag's and an end tag's name, with and without the prefix; a text and the end have none.
            var reader = Reader("<p:dialog-info><state>x</state></p:dialog-info>");
            Assert.Equal(XmlNodeKind.StartElement, reader.Read());
            Assert.True(reader.NameIs("p:dialog-info"));
            Assert.False(reader.NameIs("dialog-info"));
            Assert.True(reader.LocalNameIs("dialog-info"));
            Assert.False(reader.LocalNameIs("dialog-inf"));
            Assert.False(reader.LocalNameIs("dialog-infos"));
            Assert.False(reader.LocalNameIs("p:dialog-info"));
            Assert.Equal(XmlNodeKind.StartElement, reader.Read());
            Assert.True(reader.NameIs("state"));
            Assert.True(reader.LocalNameIs("state"));
            Assert.False(reader.NameIs("stat"));
            Assert.Equal(XmlNodeKind.Text, reader.Read());
            Assert.False(reader.NameIs("x"));
            Assert.False(reader.LocalNameIs("x"));
            Assert.Null(reader.Name);
            Assert.Equal(XmlNodeKind.EndElement, reader.Read());
            Assert.True(reader.NameIs("state"));
            Assert.Equal("state", reader.Name);
            Assert.Equal(XmlNodeKind.EndElement, reader.Read());
            Assert.True(reader.LocalNameIs("dialog-info"));
            Assert.Equal("p:dialog-info", reader.Name);
            Assert.Equal(XmlNodeKind.EndOfDocument, reader.Read());
            Assert.False(reader.NameIs("p:dialog-info"));
            Assert.Null(reader.Name);
        }

        [Fact]
        public void ValueIsComparesTheTrimmedText()
        {
            // In the bytes, the white space around the text aside; decoded with an entity reference, a byte outside ASCII
            // or in a CDATA section; a tag has no value.
            var reader = Reader("<a><b>\n  confirmed \t</b><b>early</b><b>c&#111;nfirmed</b><b><![CDATA[ early ]]></b><b>\u00e9</b></a>");
            Assert.Equal(XmlNodeKind.StartElement, reader.Read());
            Assert.False(reader.ValueIs("a"));
            reader.Read();
            Assert.Equal(XmlNodeKind.Text, reader.Read());
            Assert.True(reader.ValueIs("confirmed"));
            Assert.False(reader.ValueIs("confirme"));
            Assert.False(reader.ValueIs("onfirmed"));
            Assert.Equal("\n  confirmed \t", reader.Value);
            reader.Read();
            reader.Read();
            Assert.Equal(XmlNodeKind.Text, reader.Read());
            Assert.True(reader.ValueIs("early"));
            Assert.False(reader.ValueIs("earl"));
            Assert.False(reader.ValueIs("earlyy"));
            reader.Read();
            reader.Read();
            Assert.Equal(XmlNodeKind.Text, reader.Read());
            Assert.True(reader.ValueIs("confirmed"));
            Assert.Equal("confirmed", reader.Value);
            reader.Read();
            reader.Read();
            Assert.Equal(XmlNodeKind.Text, reader.Read());
            Assert.True(reader.ValueIs("early"));
            Assert.Equal(" early ", reader.Value);
            reader.Read();
            reader.Read();
            Assert.Equal(XmlNodeKind.Text, reader.Read());
            Assert.True(reader.ValueIs("\u00e9"));
            Assert.False(reader.ValueIs("e"));
            Assert.Equal(XmlNodeKind.EndElement, reader.Read());
            Assert.False(reader.ValueIs("b"));
            Assert.Null(reader.Value);
        }

        [Fact]
        public void AttributeHashIsTheValuesUtf8Fnv()
        {
            // FNV-1a of the value's UTF-8 bytes, the same written with an entity reference; 0 for no attribute.
            var reader = Reader("<a id='d\u00e9' e='d&#233;' f='' g=\"x&amp;y\"/>");
            Assert.Equal(XmlNodeKind.StartElement, reader.Read());
            Assert.Equal(Fnv("d\u00e9"), reader.AttributeHash("id"));
            Assert.Equal(Fnv("d\u00e9"), reader.AttributeHash("e"));
            Assert.Equal(Fnv(""), reader.AttributeHash("f"));
            Assert.Equal(Fnv("x&y"), reader.AttributeHash("g"));
            Assert.NotEqual(reader.AttributeHash("f"), reader.AttributeHash("g"));
            Assert.Equal(0, reader.AttributeHash("h"));
        }

        private static int Fnv(string value)
        {
            uint hash = 2166136261;
            foreach (byte b in Encoding.UTF8.GetBytes(value))
            {
                hash = (hash ^ b) * 16777619;
            }
            return (int)hash;
        }

        [Fact]
        public void AttributeNumberReadsDigitsOnly()
        {
            var reader = Reader("<a v='42' w=\"0\" e='&#52;2' s='+1' p=' 1' x='' l='1234567890123456789' m='123456789012345678'/>");
            Assert.Equal(XmlNodeKind.StartElement, reader.Read());
            Assert.Equal(42, reader.AttributeNumber("v"));
            Assert.Equal(0, reader.AttributeNumber("w"));
            Assert.Equal(42, reader.AttributeNumber("e"));
            Assert.Equal(-1, reader.AttributeNumber("s"));
            Assert.Equal(-1, reader.AttributeNumber("p"));
            Assert.Equal(-1, reader.AttributeNumber("x"));
            Assert.Equal(-1, reader.AttributeNumber("l"));
            Assert.Equal(123456789012345678, reader.AttributeNumber("m"));
            Assert.Equal(-1, reader.AttributeNumber("n"));
        }

        [Theory]
        [InlineData("<a x\"1\"/>", "attribute x has no value at byte 4")]
        [InlineData("<a x", "attribute x has no value at byte 4")]
        [InlineData("<a xy='1' x='2' xy='3'/>", "duplicate attribute xy at byte 22")]
        [InlineData("<a x='\u00e9&bad;'/>", "unknown entity")]
        public void AnAttributesErrorNamesIt(string xml, string error)
        {
            Assert.Equal("error: " + error, Assert.Single(Nodes(Reader(xml))).Substring(0, 7 + error.Length));
        }

        [Fact]
        public void ReadsWithinAnOffsetWindow()
        {
            byte[] data = Encoding.UTF8.GetBytes("garbage<a>x</a>garbage");
            var reader = new XmlPullReader(data, 7, 8);
            Assert.Equal(new[] { "<a>", "'x'", "</a>", "end" }, Nodes(reader));
        }

        [Theory]
        [InlineData("", "no root element")]
        [InlineData("<a>", "document ends inside <a>")]
        [InlineData("<a></b>", "end tag does not match <a>")]
        [InlineData("<a/><b/>", "content after the root element")]
        [InlineData("<a></a>text", "text outside the root element")]
        [InlineData("</a>", "end tag without a start tag")]
        [InlineData("<a x=1/>", "not quoted")]
        [InlineData("<a x='1' x='2'/>", "duplicate attribute x")]
        [InlineData("<a x='1'y='2'/>", "expected white space before an attribute")]
        [InlineData("<a>&nbsp;</a>", "unknown entity")]
        [InlineData("<a>&#0;</a>", "invalid character")]
        [InlineData("<a>&#xD800;</a>", "invalid character")]
        [InlineData("<a>& b</a>", "unterminated entity reference")]
        [InlineData("<a><!-- open</a>", "unterminated comment")]
        [InlineData("<a><![CDATA[x</a>", "unterminated CDATA")]
        [InlineData("<1a/>", "bad element name")]
        [InlineData("<a x='<'/>", "'<' inside attribute x")]
        [InlineData("<a", "unterminated start tag <a>")]
        public void MalformedInputIsAnErrorNode(string xml, string expected)
        {
            List<string> nodes = Nodes(Reader(xml));
            string last = nodes[nodes.Count - 1];
            Assert.StartsWith("error: ", last);
            Assert.Contains(expected, last);
            Assert.Contains(" at byte ", last);
        }

        [Fact]
        public void BillionLaughsIsRefusedBeforeAnyExpansion()
        {
            string xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>" +
                         "<lolz>&lol2;</lolz>";
            var nodes = Nodes(Reader(xml));
            Assert.Equal("error: DTDs and declarations are not accepted at byte 21", Assert.Single(nodes));
        }

        [Fact]
        public void DeepNestingIsRefused()
        {
            var sb = new StringBuilder();
            for (int i = 0; i < 17; i++) sb.Append("<a>");
            var nodes = Nodes(Reader(sb.ToString()));
            Assert.Equal("error: nesting deeper than 16 at byte 51", nodes[nodes.Count - 1]);
            Assert.Equal(17, nodes.Count);
        }

        [Fact]
        public void HugeAttributeIsRefused()
        {
            string xml = "<a x='" + new string('y', 5000) + "'/>";
            var nodes = Nodes(Reader(xml));
            Assert.Contains("value longer than 4096 bytes", Assert.Single(nodes));
        }

        [Fact]
        public void TooManyAttributesAndNodesAreRefused()
        {
            var sb = new StringBuilder("<a");
            for (int i = 0; i < 17; i++) sb.Append(" a").Append(i).Append("='1'");
            Assert.Contains("more than 16 attributes", Nodes(Reader(sb.Append("/>").ToString()))[0]);

            var many = new StringBuilder("<r>");
            for (int i = 0; i < 3000; i++) many.Append("<b/>");
            var nodes = Nodes(Reader(many.Append("</r>").ToString()));
            Assert.Contains("more than 2048 nodes", nodes[nodes.Count - 1]);
        }

        /// <summary>
        /// The open elements and the attributes are kept two to an int for a document of at most 65,535 bytes, one an
        /// int for a longer one or an odd number of slots (h-notifyturn): each way, at an offset in its buffer, all 16
        /// levels' end tags match their start tags, all 16 attributes are read back, and the limits answer as before.
        /// </summary>
        [Theory]
        [InlineData(0, 0)]
        [InlineData(7, 0)]
        [InlineData(7, 70000)]
        public void SlotsKeepEveryLevelAndAttribute(int offset, int filler)
        {
            var sb = new StringBuilder("<!--").Append('c', filler).Append("-->");
            for (int i = 0; i < 15; i++) sb.Append("<e").Append(i).Append(" a='").Append(i).Append("'>");
            sb.Append("<t");
            for (int i = 0; i < 16; i++) sb.Append(" n").Append(i).Append("='v").Append(i).Append('\'');
            sb.Append("/>");
            for (int i = 14; i >= 0; i--) sb.Append("</e").Append(i).Append('>');
            byte[] doc = Encoding.UTF8.GetBytes(sb.ToString());
            byte[] buffer = new byte[offset + doc.Length + 3];
            doc.CopyTo(buffer, offset);
            var reader = new XmlPullReader(buffer, offset, doc.Length);
            for (int i = 0; i < 15; i++)
            {
                Assert.True(reader.Next());
                Assert.Equal("e" + i, reader.Name);
                Assert.Equal(i.ToString(), reader.GetAttribute("a"));
            }
            Assert.True(reader.Next());
            Assert.Equal(16, reader.AttributeCount);
            for (int i = 0; i < 16; i++) Assert.Equal("v" + i, reader.GetAttribute("n" + i));
            for (int i = 14; i >= 0; i--)
            {
                Assert.True(reader.Next());
                Assert.True(reader.NameIs("e" + i));
                Assert.Equal(XmlNodeKind.EndElement, reader.Kind);
            }
            Assert.False(reader.Next());
            Assert.Null(reader.Error);

            // A 17th level and a 17th attribute are refused, the mismatched end tag named.
            string deep = sb.ToString().Replace("<t", "<e15><t");
            Assert.Contains("nesting deeper than 16", Nodes(Reader(deep))[^1]);
            string wrong = sb.ToString().Replace("</e3>", "</e4>");
            Assert.Contains("end tag does not match <e3>", Nodes(Reader(wrong))[^1]);
        }

        [Fact]
        public void AnOddNumberOfSlotsKeepsItsLimits()
        {
            byte[] doc = Encoding.UTF8.GetBytes("<a x='1' y='2'><b><c/></b></a>");
            Assert.Equal(5, Nodes(new XmlPullReader(doc, 0, doc.Length, 3, 2, 100, 100)).Count - 1);
            doc = Encoding.UTF8.GetBytes("<a x='1' y='2' z='3'/>");
            Assert.Contains("more than 2 attributes", Nodes(new XmlPullReader(doc, 0, doc.Length, 3, 2, 100, 100))[0]);
            doc = Encoding.UTF8.GetBytes("<a><b><c><d/></c></b></a>");
            Assert.Contains("nesting deeper than 3", Nodes(new XmlPullReader(doc, 0, doc.Length, 3, 2, 100, 100))[^1]);
        }

        [Theory]
        [InlineData(new byte[] { 0x3C, 0x61, 0x3E, 0xC3, 0x28, 0x3C, 0x2F, 0x61, 0x3E })] // bad continuation
        [InlineData(new byte[] { 0x3C, 0x61, 0x3E, 0xE2, 0x82, 0x3C, 0x2F, 0x61, 0x3E })] // truncated sequence before '<'
        [InlineData(new byte[] { 0x3C, 0x61, 0x3E, 0xC0, 0xAF, 0x3C, 0x2F, 0x61, 0x3E })] // overlong '/'
        [InlineData(new byte[] { 0x3C, 0x61, 0x3E, 0xED, 0xA0, 0x80, 0x3C, 0x2F, 0x61, 0x3E })] // surrogate
        [InlineData(new byte[] { 0x3C, 0x61, 0x3E, 0x01, 0x3C, 0x2F, 0x61, 0x3E })] // control character
        public void InvalidUtf8IsAnError(byte[] data)
        {
            var reader = new XmlPullReader(data, 0, data.Length);
            Assert.Equal(XmlNodeKind.StartElement, reader.Read());
            Assert.Equal(XmlNodeKind.Error, reader.Read());
            Assert.NotNull(reader.Error);
            Assert.Equal(XmlNodeKind.Error, reader.Read());
        }

        [Fact]
        public void EveryTruncationOfAValidDocumentEndsInAnErrorNotAnException()
        {
            byte[] doc = Encoding.UTF8.GetBytes("<?xml version='1.0'?><q a='&amp;'><l pos='1'><t>\u00e9&#x1F600;</t><![CDATA[z]]></l><!--c--></q>");
            for (int cut = 0; cut < doc.Length; cut++)
            {
                var reader = new XmlPullReader(doc, 0, cut);
                int kind;
                int guard = 0;
                do
                {
                    kind = reader.Read();
                }
                while (kind != XmlNodeKind.Error && kind != XmlNodeKind.EndOfDocument && ++guard < 100);
                Assert.Equal(XmlNodeKind.Error, kind);
            }
        }

        [Fact]
        public void SupplementaryCharacterReferenceBecomesASurrogatePair()
        {
            var reader = Reader("<a>&#x1F600;</a>");
            reader.Read();
            reader.Read();
            Assert.Equal("\U0001F600", reader.Value);
        }
    }
}
