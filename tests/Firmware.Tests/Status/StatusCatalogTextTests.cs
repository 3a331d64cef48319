using DeskPhone.Domain.Status;

namespace DeskPhone.Firmware.Tests.Status
{
    public class StatusCatalogTextTests
    {
        /// <summary>
        /// Names and descriptions are cut from one packed literal and the last few asked for are kept (nanoCLR's
        /// Substring converts the whole literal each call): asking in any order, again and again, gives the same texts.
        /// </summary>
        [Fact]
        public void KeptTextsAreTheTextsOfTheirIds()
        {
            var names = new string[StatusId.Count];
            var descriptions = new string[StatusId.Count];
            for (int id = 0; id < StatusId.Count; id++)
            {
                names[id] = StatusCatalog.Name(id);
                descriptions[id] = StatusCatalog.Description(id);
                Assert.False(string.IsNullOrEmpty(names[id]));
                Assert.False(string.IsNullOrEmpty(descriptions[id]));
            }
            for (int round = 0; round < 3; round++)
            {
                for (int step = 0; step < 4 * StatusId.Count; step++)
                {
                    int id = (step * 7 + round * 3) % StatusId.Count;
                    int other = (step / 3) % 5;
                    Assert.Equal(names[id], StatusCatalog.Name(id));
                    Assert.Equal(descriptions[other], StatusCatalog.Description(other));
                    Assert.Equal(descriptions[id], StatusCatalog.Description(id));
                    Assert.Equal(names[other], StatusCatalog.Name(other));
                }
            }
            Assert.Null(StatusCatalog.Name(StatusId.Count));
        }

        /// <summary>
        /// The bench's thread asks for names while the loop does: the kept entries (texts and numbers in two arrays) never
        /// give one id's text for another's.
        /// </summary>
        [Fact]
        public void TwoThreadsAskingAtOnceAlwaysGetTheTextOfTheirId()
        {
            var names = new string[StatusId.Count];
            for (int id = 0; id < StatusId.Count; id++)
            {
                names[id] = new string(StatusCatalog.Name(id).ToCharArray());
            }
            int wrong = 0;
            void Ask(int stride)
            {
                for (int step = 0; step < 20000; step++)
                {
                    int id = (step * stride) % 6;
                    if (StatusCatalog.Name(id) != names[id])
                    {
                        System.Threading.Interlocked.Increment(ref wrong);
                    }
                }
            }
            var other = new System.Threading.Thread(() => Ask(5));
            other.Start();
            Ask(1);
            other.Join();
            Assert.Equal(0, wrong);
        }

        /// <summary>
        /// Each packed column's lengths literal is its entries' lengths (PackedText.Lengths): a name or description
        /// added or changed without its length would be cut wrong. On failure the message is the literal to paste.
        /// </summary>
        [Theory]
        [InlineData("DeskPhone.Domain.Status.StatusCatalog", "NameList", "NameLengths")]
        [InlineData("DeskPhone.Domain.Status.StatusCatalog", "DescriptionList", "DescriptionLengths")]
        [InlineData("DeskPhone.Domain.Leds.KeyState", "NameList", "NameLengths")]
        public void EveryColumnsLengthsAreItsEntriesLengths(string type, string text, string lengths)
        {
            var column = typeof(StatusCatalog).Assembly.GetType(type, true);
            const System.Reflection.BindingFlags Any = System.Reflection.BindingFlags.Public |
                System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static;
            string entries = (string)column.GetField(text, Any).GetRawConstantValue();
            var expected = new System.Text.StringBuilder();
            var literal = new System.Text.StringBuilder();
            for (int at = 0; at < entries.Length; at = entries.IndexOf('\n', at) + 1)
            {
                int length = entries.IndexOf('\n', at) - at;
                expected.Append((char)(length + 32));
                literal.Append("\\u").Append((length + 32).ToString("X4"));
            }
            string actual = (string)column.GetField(lengths, Any).GetRawConstantValue();
            Assert.True(expected.ToString() == actual, type + "." + lengths + " should be \"" + literal + "\"");
        }

        /// <summary>Every name is found by its text and is one line (its start and the next one's are right).</summary>
        [Fact]
        public void EveryNameIsFoundByItsText()
        {
            for (int id = 0; id < StatusId.Count; id++)
            {
                string name = StatusCatalog.Name(id);
                Assert.DoesNotContain("\n", name);
                Assert.DoesNotContain("\n", StatusCatalog.Description(id));
                Assert.Equal(id, StatusCatalog.Find(name));
                Assert.Equal(id, StatusCatalog.Find("x" + name + "y", 1, name.Length));
            }
            Assert.Equal(-1, StatusCatalog.Find("WlanActiv"));
            Assert.Equal(-1, StatusCatalog.Find("WlanActive\n"));
        }

        /// <summary>The packed columns keep each entry's length in a byte.</summary>
        [Fact]
        public void EveryNameAndDescriptionIsUnder256Characters()
        {
            for (int id = 0; id < StatusId.Count; id++)
            {
                Assert.InRange(StatusCatalog.Name(id).Length, 1, 255);
                Assert.InRange(StatusCatalog.Description(id).Length, 1, 255);
            }
        }
    }
}
