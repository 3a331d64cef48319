using DeskPhone.Sip.Session;
using Xunit;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>
    /// A Replaces value escaped as a Refer-To URI's header (Replaces.Escape, RFC 3261 19.1.1): every ASCII character other
    /// than alphanum and -_.!~*'()[]/:+$ becomes %XX. Escape tests the grammar's class table, not each character: this
    /// walks them all.
    /// </summary>
    public class ReplacesEscapeTests
    {
        [Fact]
        public void EveryAsciiCharacterIsKeptOrEscapedAsTheGrammarSays()
        {
            for (char c = (char)1; c < 128; c++)
            {
                bool kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.!~*'()[]/:+$".IndexOf(c) >= 0;
                string expected = kept ? c.ToString() : "%" + ((int)c).ToString("X2");
                Assert.Equal(expected, Replaces.Escape(c.ToString()));
            }
        }

        [Fact]
        public void AValueWithTagsAndAnAtSignIsEscaped()
        {
            Assert.Equal("a1%40pbx%3Bto-tag%3D7%3Bfrom-tag%3D9", Replaces.Escape("a1@pbx;to-tag=7;from-tag=9"));
        }
    }
}
