using System;

namespace DeskPhone.Hil.Tests
{
    public class InfoBoxScenarios : IClassFixture<PhoneUnderTest>
    {
        private const string Queue =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><InfoBoxQueue><InfoBox time=\"false\">" +
            "<Line pos=\"1\"><Text>Fire drill at 11:00</Text><Icon>warning</Icon></Line>" +
            "<Line pos=\"2\"><Text>Meet in the car park</Text><Icon>info</Icon></Line>" +
            "</InfoBox></InfoBoxQueue>";

        private readonly PhoneUnderTest _phone;

        public InfoBoxScenarios(PhoneUnderTest phone)
        {
            _phone = phone;
        }

        private static string Notify() =>
            "NOTIFY sip:486@127.0.0.1 SIP/2.0\n" +
            "Via: SIP/2.0/UDP LOCAL;branch=z9hG4bK" + Guid.NewGuid().ToString("N").Substring(0, 10) + ";rport\n" +
            "From: <sip:pbx@127.0.0.1>;tag=7\nTo: <sip:486@127.0.0.1>\nCall-ID: " + Guid.NewGuid().ToString("N") +
            "\nCSeq: 1 NOTIFY\nMax-Forwards: 70\nEvent: xml\nSubscription-State: active\nContent-Type: application/snomxml\n" +
            "Content-Length: " + System.Text.Encoding.UTF8.GetByteCount(Queue) + "\n\n" + Queue;

        [Fact]
        public void TrustedHostShowsTwoLinesWithIconsAndUntrustedGets403()
        {
            string old = _phone.Set("mb_trusted_hosts", "127.0.0.1");
            try
            {
                Assert.Equal("SIP/2.0 403 Forbidden", _phone.SendSip(Notify(), "127.0.0.3"));
                Assert.DoesNotContain("Fire drill", _phone.ScreenSettled());

                Assert.Equal("SIP/2.0 200 OK", _phone.SendSip(Notify(), "127.0.0.1"));
                string screen = _phone.WaitFor(_phone.Screen, s => s.Contains("Fire drill"));
                Assert.Contains("[infobox] <warning> Fire drill at 11:00", screen);
                Assert.Contains("[infobox] <info> Meet in the car park", screen);
            }
            finally
            {
                _phone.Set("mb_trusted_hosts", old);
            }
        }
    }
}
