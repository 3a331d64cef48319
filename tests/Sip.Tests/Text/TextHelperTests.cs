using System.Text;
using DeskPhone.Sip.Text;

namespace DeskPhone.Sip.Tests.Text
{
    /// <summary>The shared number and UTF-8 helpers every parser of sip and firmware uses.</summary>
    public class TextHelperTests
    {
        [Theory]
        [InlineData("0", 5, 0L)]
        [InlineData("65535", 5, 65535L)]
        [InlineData("123456789012345678", 18, 123456789012345678L)]
        [InlineData("", 5, -1L)]
        [InlineData("123456", 5, -1L)]
        [InlineData("12a", 5, -1L)]
        [InlineData("-1", 5, -1L)]
        [InlineData("+1", 5, -1L)]
        [InlineData(" 1", 5, -1L)]
        [InlineData("1234567890123456789", 19, -1L)]
        [InlineData("1\u00e9", 5, -1L)]
        [InlineData("1\U0001F600", 5, -1L)]
        public void DecimalDigitsAreDigitsOnlyWithinTheirCount(string text, int maxDigits, long expected)
        {
            byte[] bytes = Encoding.UTF8.GetBytes("x" + text + "y");

            Assert.Equal(expected, DecimalDigits.Parse(text, maxDigits));
            Assert.Equal(expected, DecimalDigits.Parse("x" + text + "y", 1, 1 + text.Length, maxDigits));
            if (Encoding.UTF8.GetByteCount(text) == text.Length)
            {
                Assert.Equal(expected, DecimalDigits.Parse(bytes, 1, 1 + text.Length, maxDigits));
            }
        }

        [Theory]
        [InlineData("2/8", 1)]
        [InlineData("49170 RTP/AVP", 5)]
        [InlineData("x", 0)]
        [InlineData("", 0)]
        [InlineData("007", 3)]
        public void ADigitRunEndsAtTheFirstOtherByte(string text, int length)
        {
            byte[] bytes = Encoding.UTF8.GetBytes("x" + text);

            Assert.Equal(1 + length, DecimalDigits.RunEnd(bytes, 1, bytes.Length));
            Assert.Equal(1, DecimalDigits.RunEnd(bytes, 1, 1));
        }

        [Theory]
        [InlineData("m=audio 49170 RTP/AVP 0 8 101", 49170, "0 8 101")]
        [InlineData("m=audio 65536 RTP/AVP 0", 0, "0")]
        [InlineData("m=audio 123456 RTP/AVP 0", 0, "0")]
        [InlineData("m=audio 4000 RTP/AVP 8 12345 0", 4000, "8")]
        [InlineData("m=audio 4000 RTP/AVP 8 x 0", 4000, "8")]
        public void TheSdpReadsItsNumbersThroughTheOneHelper(string mLine, int port, string payloads)
        {
            byte[] sdp = Encoding.ASCII.GetBytes("v=0\r\nc=IN IP4 192.0.2.1\r\n" + mLine + "\r\na=rtpmap:101 telephone-event/8000\r\n");
            var media = new DeskPhone.Sip.Session.SdpMedia();

            Assert.True(media.Parse(sdp, 0, sdp.Length));
            Assert.Equal(port, media.Port);
            var read = new StringBuilder();
            for (int i = 0; i < media.PayloadCount; i++)
            {
                read.Append(i > 0 ? " " : "").Append(media.Payload(i));
            }
            Assert.Equal(payloads, read.ToString());
            Assert.Equal(101, media.TelephoneEvent);
        }

        [Fact]
        public void HexDigitsInBothCases()
        {
            Assert.Equal(0, HexDigit.Value('0'));
            Assert.Equal(9, HexDigit.Value((byte)'9'));
            Assert.Equal(10, HexDigit.Value('a'));
            Assert.Equal(15, HexDigit.Value('F'));
            Assert.Equal(-1, HexDigit.Value('g'));
            Assert.Equal(-1, HexDigit.Value('/'));
            Assert.Equal(-1, HexDigit.Value('\u0660'));
        }

        [Theory]
        [InlineData(new byte[] { 0xC3, 0xA9 }, 2, 0xE9, 0, false)]
        [InlineData(new byte[] { 0xE2, 0x82, 0xAC }, 3, 0x20AC, 0, false)]
        [InlineData(new byte[] { 0xF0, 0x9F, 0x98, 0x80 }, 4, 0x1F600, 0, false)]
        [InlineData(new byte[] { 0x80 }, 0, 0, 1, false)]
        [InlineData(new byte[] { 0xC0, 0xAF }, 0, 0, 2, false)]
        [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, 0, 0, 3, false)]
        [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, 0, 0, 4, false)]
        [InlineData(new byte[] { 0xE2, 0x41, 0x41 }, 0, 0, 1, false)]
        [InlineData(new byte[] { 0xE2, 0x82 }, 0, 0, 2, true)]
        public void Utf8SequencesDecodeOrSayHowManyBytesAreBroken(byte[] data, int length, int code, int broken, bool truncated)
        {
            int n = Utf8.Decode(data, 0, data.Length, out int decoded, out int brokenBytes, out bool cut);

            Assert.Equal(length, n);
            if (n > 0)
            {
                Assert.Equal(code, decoded);
            }
            Assert.Equal(broken, brokenBytes);
            Assert.Equal(truncated, cut);
        }
    }
}
