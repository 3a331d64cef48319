using System.Text;
using DeskPhone.Domain.Presence;

namespace DeskPhone.Firmware.Tests.Presence
{
    public class RegInfoTests
    {
        private static bool Apply(RegInfo r, string body)
        {
            byte[] b = Encoding.UTF8.GetBytes(body);
            return r.Apply(b, 0, b.Length);
        }

        private const string Two =
            "<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"0\" state=\"full\">" +
            "<registration aor=\"sip:100@pbx\" id=\"a\" state=\"active\">" +
            "<contact id=\"1\" state=\"active\" event=\"registered\" expires=\"3600\"><uri>sip:100@192.0.2.10;line=dp1</uri><display-name>x</display-name></contact>" +
            "<contact id=\"2\" state=\"active\" event=\"created\"><uri>sip:100@[2001:db8::1]:5070</uri></contact>" +
            "</registration></reginfo>";

        [Fact]
        public void OwnContactIsTheSameHostAndPort()
        {
            var r = new RegInfo();
            Assert.True(Apply(r, Two));
            Assert.Equal(0, r.Version);
            Assert.Equal(2, r.Count);
            Assert.True(r.HasOtherThan("192.0.2.10", 5060));
            Assert.True(r.HasOtherThan("192.0.2.10", 5080));

            Assert.True(Apply(r, "<reginfo version=\"1\" state=\"partial\"><registration aor=\"sip:100@pbx\" id=\"a\" state=\"active\">" +
                                 "<contact id=\"2\" state=\"terminated\" event=\"expired\"><uri>sip:100@[2001:db8::1]:5070</uri></contact></registration></reginfo>"));
            Assert.Equal(1, r.Count);
            Assert.False(r.HasOtherThan("192.0.2.10", 5060));
            Assert.True(r.HasOtherThan("192.0.2.11", 5060));
        }

        [Fact]
        public void PartialBeforeAnyFullAsksForARefresh()
        {
            var r = new RegInfo();
            Assert.True(Apply(r, "<reginfo version=\"3\" state=\"partial\"/>"));
            Assert.True(r.NeedsRefresh);
            Assert.Equal(-1, r.Version);
        }

        [Fact]
        public void ContactTableIsBounded()
        {
            var body = new StringBuilder("<reginfo version=\"0\" state=\"full\"><registration id=\"a\" state=\"active\">");
            for (int i = 0; i < RegInfo.MaxContacts + 5; i++)
            {
                body.Append("<contact id=\"").Append(i).Append("\" state=\"active\"><uri>sip:u@10.0.0.").Append(i).Append("</uri></contact>");
            }
            body.Append("</registration></reginfo>");
            var r = new RegInfo();
            Assert.True(Apply(r, body.ToString()));
            Assert.Equal(RegInfo.MaxContacts, r.Count);
        }

        [Fact]
        public void ResetForgetsEverything()
        {
            var r = new RegInfo();
            Apply(r, Two);
            r.Reset();
            Assert.Equal(0, r.Count);
            Assert.Equal(-1, r.Version);
            Assert.False(r.HasOtherThan("192.0.2.11", 5060));

            // After a reset (its table let go) the next full document is read as the first was.
            Assert.True(Apply(r, Two));
            Assert.Equal(2, r.Count);
            Assert.True(r.HasOtherThan("192.0.2.10", 5060));
        }
    }
}
