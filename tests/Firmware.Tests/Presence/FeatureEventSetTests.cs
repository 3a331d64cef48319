using System.Text;
using DeskPhone.Domain.Presence;

namespace DeskPhone.Firmware.Tests.Presence
{
    public class FeatureEventSetTests
    {
        private const string Type = "application/x-as-feature-event+xml";
        private const string Dnd = "<DoNotDisturbEvent><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>";
        private const string Busy = "<ForwardingEvent><forwardingType>forwardBusy</forwardingType><forwardStatus>true</forwardStatus><forwardTo>300</forwardTo></ForwardingEvent>";

        private static bool Parse(FeatureEventSet set, string type, string boundary, string body)
        {
            byte[] b = Encoding.UTF8.GetBytes(body);
            return set.Parse(type, boundary, b, 0, b.Length);
        }

        [Fact]
        public void SingleDocument()
        {
            var set = new FeatureEventSet();
            Assert.True(Parse(set, Type, null, Dnd));
            Assert.Equal(1, set.Count);
            Assert.Equal(FeatureEvent.KindDoNotDisturb, set.Get(0).Kind);
        }

        [Fact]
        public void MultipartWithLfOnlyPreambleAndAForeignPart()
        {
            string body = "preamble\n--xyz\nContent-Type: " + Type + "\n\n" + Dnd + "\n--xyz\nContent-Type: text/plain\n\nhello\n--xyz\n" +
                          "content-type: " + Type + ";charset=UTF-8\n\n" + Busy + "\n--xyz--\nepilogue";
            var set = new FeatureEventSet();
            Assert.True(Parse(set, "multipart/mixed", "xyz", body), set.Error);
            Assert.Equal(2, set.Count);
            Assert.True(set.Get(0).DoNotDisturb);
            Assert.Equal(FeatureEvent.ForwardBusy, set.Get(1).ForwardType);
            Assert.Equal("300", set.Get(1).ForwardTo);
        }

        [Theory]
        [InlineData("text/plain", "b", "x")]
        [InlineData("multipart/mixed", "b", "no delimiter at all")]
        [InlineData("multipart/mixed", "b", "--b--\r\n")]
        [InlineData("multipart/mixed", "b", "--b\r\nContent-Type: application/x-as-feature-event+xml\r\n")]
        public void BadBodiesFailWithAReason(string type, string boundary, string body)
        {
            var set = new FeatureEventSet();
            Assert.False(Parse(set, type, boundary, body));
            Assert.NotNull(set.Error);
            Assert.Equal(0, set.Count);
        }

        [Fact]
        public void TooManyPartsAreRefused()
        {
            var body = new StringBuilder();
            for (int i = 0; i <= FeatureEventSet.MaxParts; i++)
            {
                body.Append("--b\r\n\r\n").Append(Dnd).Append("\r\n");
            }
            body.Append("--b--");
            var set = new FeatureEventSet();
            Assert.False(Parse(set, "multipart/mixed", "b", body.ToString()));
        }
    }
}
