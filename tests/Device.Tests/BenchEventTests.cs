using DeskPhone.Firmware.Bench;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>
    /// The bench event stream's frames as nanoCLR makes them (docs/bench.md, GET /api/events): made from the posted kind
    /// and detail when the client's side takes the event, byte for byte what the host sends, non-ASCII text and line
    /// breaks in the detail included (the host's BenchEventQueueTests compare them with the text frame of before).
    /// </summary>
    [TestClass]
    public class BenchEventTests
    {
        private static void AssertBytes(byte[] expected, byte[] actual)
        {
            Assert.IsNotNull(actual, "no frame");
            Assert.AreEqual(expected.Length, actual.Length, "frame length");
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], actual[i], "frame byte " + i.ToString());
            }
        }

        /// <summary>ASCII text's bytes, then the given bytes.</summary>
        private static byte[] Bytes(string ascii, params byte[] more)
        {
            char[] chars = ascii.ToCharArray();
            var bytes = new byte[chars.Length + more.Length];
            for (int i = 0; i < chars.Length; i++)
            {
                bytes[i] = (byte)chars[i];
            }
            for (int i = 0; i < more.Length; i++)
            {
                bytes[chars.Length + i] = more[i];
            }
            return bytes;
        }

        [TestMethod]
        public void NonAsciiDetailAndItsLineBreaksAreSentAsUtf8OnOneLine()
        {
            var q = new BenchEventQueue(4, null);
            q.Post("message", "\u00fc\r\n\U0001F600\n");

            AssertBytes(Bytes("event: message\ndata: ", 0xC3, 0xBC, 0x20, 0x20, 0xF0, 0x9F, 0x98, 0x80, 0x20, 0x0A, 0x0A), q.Take());
            Assert.IsNull(q.Take());
        }

        [TestMethod]
        public void AFullQueueSendsTheNewestInOrderAndANullDetailIsEmpty()
        {
            var q = new BenchEventQueue(2, null);
            q.Post("key", "F1");
            q.Post("leds", "message red blink");
            q.Post("status", null);

            Assert.AreEqual(1, q.Dropped);
            AssertBytes(Bytes("event: leds\ndata: message red blink\n\n"), q.Take());
            AssertBytes(Bytes("event: status\ndata: \n\n"), q.Take());
            Assert.IsNull(q.Take());
        }
    }
}
