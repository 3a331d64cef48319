using DeskPhone.Media.Dtmf;

namespace DeskPhone.Media.Tests.Dtmf
{
    /// <summary>The RFC 4733 payload, byte for byte (2.3: event, E|R|volume, duration in network order).</summary>
    public class TelephoneEventTests
    {
        [Theory]
        [InlineData(1, false, 10, 160, new byte[] { 0x01, 0x0A, 0x00, 0xA0 })] // a start: 20 ms so far, -10 dBm0
        [InlineData(11, false, 10, 800, new byte[] { 0x0B, 0x0A, 0x03, 0x20 })] // '#' after 100 ms
        [InlineData(5, true, 10, 1120, new byte[] { 0x05, 0x8A, 0x04, 0x60 })] // an end (E bit)
        [InlineData(15, true, 63, 0xFFFF, new byte[] { 0x0F, 0xBF, 0xFF, 0xFF })] // 'D', quietest, longest
        [InlineData(0, false, 0, 0, new byte[] { 0x00, 0x00, 0x00, 0x00 })]
        public void PayloadsAreWrittenAndReadByteForByte(int code, bool end, int volume, int duration, byte[] bytes)
        {
            var payload = new byte[6];
            TelephoneEvent.Write(payload, 2, code, end, volume, duration);
            Assert.Equal(bytes, payload[2..]);

            Assert.Equal(code, TelephoneEvent.EventCode(bytes, 0));
            Assert.Equal(end, TelephoneEvent.IsEnd(bytes, 0));
            Assert.Equal(volume, TelephoneEvent.Volume(bytes, 0));
            Assert.Equal(duration, TelephoneEvent.Duration(bytes, 0));
        }

        [Fact]
        public void TheReservedBitIsIgnoredOnReceipt()
        {
            var bytes = new byte[] { 0x03, 0x4A, 0x01, 0x40 }; // R set
            Assert.False(TelephoneEvent.IsEnd(bytes, 0));
            Assert.Equal(10, TelephoneEvent.Volume(bytes, 0));
        }

        [Theory]
        [InlineData('0', 0)]
        [InlineData('9', 9)]
        [InlineData('*', 10)]
        [InlineData('#', 11)]
        [InlineData('A', 12)]
        [InlineData('d', 15)]
        [InlineData('x', -1)]
        [InlineData('E', -1)]
        public void KeysMapToTheDtmfEventCodes(char key, int code)
        {
            Assert.Equal(code, TelephoneEvent.FromKey(key));
            if (code >= 0)
            {
                Assert.Equal(char.ToUpperInvariant(key), TelephoneEvent.ToKey(code));
            }
        }

        [Fact]
        public void OtherEventCodesHaveNoKey()
        {
            Assert.Equal('\0', TelephoneEvent.ToKey(16));
            Assert.Equal('\0', TelephoneEvent.ToKey(-1));
        }
    }
}
