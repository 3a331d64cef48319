using System.Text;
using DeskPhone.Xml;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>
    /// The pull reader (xml/, DeskPhone.Xml) on good documents and hostile input: entities, character references beyond the
    /// BMP (a surrogate pair built from an int), CDATA, offsets, and errors instead of exceptions for truncation,
    /// bad UTF-8, DTDs, depth, attribute and node limits.
    /// </summary>
    [TestClass]
    public class XmlTests
    {
        private static XmlPullReader Reader(string xml)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(xml);
            return new XmlPullReader(bytes, 0, bytes.Length);
        }

        /// <summary>Every node as text ("&lt;a x=1&gt;", "'text'", "&lt;/a&gt;", "end", "error: ...") joined by '|'.</summary>
        private static string Nodes(XmlPullReader reader)
        {
            var sb = new StringBuilder();
            for (int guard = 0; guard < 5000; guard++)
            {
                if (guard > 0)
                {
                    sb.Append('|');
                }
                int kind = reader.Read();
                if (kind == XmlNodeKind.StartElement)
                {
                    sb.Append('<').Append(reader.Name);
                    for (int i = 0; i < reader.AttributeCount; i++)
                    {
                        sb.Append(' ').Append(reader.GetAttributeName(i)).Append('=').Append(reader.GetAttributeValue(i));
                    }
                    sb.Append(reader.IsEmptyElement ? "/>" : ">");
                }
                else if (kind == XmlNodeKind.EndElement)
                {
                    sb.Append("</").Append(reader.Name).Append('>');
                }
                else if (kind == XmlNodeKind.Text)
                {
                    sb.Append('\'').Append(reader.Value).Append('\'');
                }
                else if (kind == XmlNodeKind.EndOfDocument)
                {
                    sb.Append("end");
                    break;
                }
                else
                {
                    sb.Append("error: ").Append(reader.Error);
                    break;
                }
            }
            return sb.ToString();
        }

        private static string LastNode(string xml)
        {
            string nodes = Nodes(Reader(xml));
            int bar = nodes.LastIndexOf('|');
            return bar < 0 ? nodes : nodes.Substring(bar + 1);
        }

        [TestMethod]
        public void NextWalksTheNodesWithTheirLevels()
        {
            XmlPullReader reader = Reader("<a><b>x<c/></b><d/></a>");
            var sb = new StringBuilder();
            while (reader.Next())
            {
                sb.Append(reader.Kind == XmlNodeKind.EndElement ? "/" : "").Append(reader.Name ?? reader.Value)
                  .Append('@').Append(reader.Depth.ToString()).Append(' ');
            }
            Assert.AreEqual("a@1 b@2 x@2 c@3 /b@2 d@2 /a@1 ", sb.ToString());
            Assert.AreEqual(XmlNodeKind.EndOfDocument, reader.Kind);
            Assert.IsNull(reader.Error);
        }

        [TestMethod]
        public void ReadsAnInfoBoxDocument()
        {
            string nodes = Nodes(Reader(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- queue -->\n<InfoBoxQueue>\n" +
                "  <InfoBox time='false'><Line pos=\"1\"><Text>Caf\u00e9 &amp; &lt;bar&gt; &#65;&#x42;</Text><Icon/></Line></InfoBox>\n" +
                "</InfoBoxQueue>\n"));
            Assert.AreEqual("<InfoBoxQueue>|<InfoBox time=false>|<Line pos=1>|<Text>|'Caf\u00e9 & <bar> AB'|</Text>|<Icon/>|</Line>|</InfoBox>|</InfoBoxQueue>|end", nodes);
        }

        [TestMethod]
        public void AttributesCDataPrefixesAndAnOffsetWindow()
        {
            XmlPullReader reader = Reader("<p:a x=\"1\" y='two &quot;q&quot;'><![CDATA[<raw> & text]]></p:a>");
            Assert.AreEqual(XmlNodeKind.StartElement, reader.Read());
            Assert.AreEqual("p:a", reader.Name);
            Assert.AreEqual("a", XmlPullReader.LocalName(reader.Name));
            Assert.AreEqual("1", reader.GetAttribute("x"));
            Assert.AreEqual("two \"q\"", reader.GetAttribute("y"));
            Assert.IsNull(reader.GetAttribute("z"));
            Assert.AreEqual(XmlNodeKind.Text, reader.Read());
            Assert.AreEqual("<raw> & text", reader.Value);
            Assert.AreEqual(XmlNodeKind.EndElement, reader.Read());
            Assert.AreEqual(XmlNodeKind.EndOfDocument, reader.Read());

            byte[] data = Encoding.UTF8.GetBytes("garbage<a>x</a>garbage");
            Assert.AreEqual("<a>|'x'|</a>|end", Nodes(new XmlPullReader(data, 7, 8)));
        }

        [TestMethod]
        public void ASupplementaryCharacterReferenceBecomesASurrogatePair()
        {
            XmlPullReader reader = Reader("<a>&#x1F600;&#128512;</a>");
            reader.Read();
            Assert.AreEqual(XmlNodeKind.Text, reader.Read());
            Assert.AreEqual("\uD83D\uDE00\uD83D\uDE00", reader.Value);
            char[] chars = reader.Value.ToCharArray();
            Assert.AreEqual(4, chars.Length);
            Assert.AreEqual((int)0xDE00, (int)chars[1]);
            byte[] utf8 = Encoding.UTF8.GetBytes(reader.Value);
            Assert.AreEqual(8, utf8.Length);
            Assert.AreEqual((byte)0xF0, utf8[0]);
            Assert.AreEqual((byte)0x80, utf8[7]);
        }

        [TestMethod]
        public void MalformedDocumentsAreErrorNodesWithAPosition()
        {
            string[] xml =
            {
                "", "<a>", "<a></b>", "<a/><b/>", "<a></a>text", "</a>", "<a x=1/>", "<a x='1' x='2'/>", "<a>&nbsp;</a>",
                "<a>&#0;</a>", "<a>&#xD800;</a>", "<a>& b</a>", "<a><!-- open</a>", "<a><![CDATA[x</a>", "<1a/>", "<a x='<'/>", "<a",
                "<a>&#99999999999;</a>",
            };
            string[] expected =
            {
                "no root element", "document ends inside <a>", "end tag does not match <a>", "content after the root element",
                "text outside the root element", "end tag without a start tag", "not quoted", "duplicate attribute x", "unknown entity",
                "invalid character", "invalid character", "unterminated entity reference", "unterminated comment", "unterminated CDATA",
                "bad element name", "'<' inside attribute x", "unterminated start tag <a>", "",
            };
            for (int i = 0; i < xml.Length; i++)
            {
                string last = LastNode(xml[i]);
                Assert.StartsWith("error: ", last, xml[i]);
                Assert.Contains(expected[i], last, xml[i]);
                Assert.Contains(" at byte ", last, xml[i]);
            }
        }

        [TestMethod]
        public void DtdsDeepNestingAndHugeOrManyItemsAreRefused()
        {
            Assert.AreEqual("error: DTDs and declarations are not accepted at byte 21", Nodes(Reader(
                "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]><lolz>&lol2;</lolz>")));

            var deep = new StringBuilder();
            for (int i = 0; i < 17; i++)
            {
                deep.Append("<a>");
            }
            Assert.AreEqual("error: nesting deeper than 16 at byte 51", LastNode(deep.ToString()));

            Assert.Contains("value longer than 4096 bytes", LastNode("<a x='" + new string('y', 5000) + "'/>"));

            var attrs = new StringBuilder("<a");
            for (int i = 0; i < 17; i++)
            {
                attrs.Append(" a").Append(i).Append("='1'");
            }
            Assert.Contains("more than 16 attributes", LastNode(attrs.Append("/>").ToString()));

            var many = new StringBuilder("<r>");
            for (int i = 0; i < 2100; i++)
            {
                many.Append("<b/>");
            }
            Assert.Contains("more than 2048 nodes", LastNode(many.Append("</r>").ToString()));
        }

        [TestMethod]
        public void InvalidUtf8IsAnErrorThatStays()
        {
            byte[][] docs =
            {
                new byte[] { 0x3C, 0x61, 0x3E, 0xC3, 0x28, 0x3C, 0x2F, 0x61, 0x3E },
                new byte[] { 0x3C, 0x61, 0x3E, 0xE2, 0x82, 0x3C, 0x2F, 0x61, 0x3E },
                new byte[] { 0x3C, 0x61, 0x3E, 0xC0, 0xAF, 0x3C, 0x2F, 0x61, 0x3E },
                new byte[] { 0x3C, 0x61, 0x3E, 0xED, 0xA0, 0x80, 0x3C, 0x2F, 0x61, 0x3E },
                new byte[] { 0x3C, 0x61, 0x3E, 0x01, 0x3C, 0x2F, 0x61, 0x3E },
                new byte[] { 0x3C, 0x61, 0x3E, 0xF8, 0x88, 0x80, 0x80, 0x80, 0x3C, 0x2F, 0x61, 0x3E },
            };
            foreach (byte[] data in docs)
            {
                var reader = new XmlPullReader(data, 0, data.Length);
                Assert.AreEqual(XmlNodeKind.StartElement, reader.Read());
                Assert.AreEqual(XmlNodeKind.Error, reader.Read());
                Assert.IsNotNull(reader.Error);
                Assert.AreEqual(XmlNodeKind.Error, reader.Read());
            }
        }

        [TestMethod]
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
                Assert.AreEqual(XmlNodeKind.Error, kind, "cut at " + cut.ToString());
            }
            var whole = new XmlPullReader(doc, 0, doc.Length);
            int last;
            do
            {
                last = whole.Read();
            }
            while (last != XmlNodeKind.Error && last != XmlNodeKind.EndOfDocument);
            Assert.AreEqual(XmlNodeKind.EndOfDocument, last);
        }
    }
}
