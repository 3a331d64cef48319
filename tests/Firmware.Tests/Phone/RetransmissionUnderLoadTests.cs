using System.Text;
using DeskPhone.Firmware.Phone;

namespace DeskPhone.Firmware.Tests.Phone
{
    /// <summary>
    /// Duplicate detection for the whole of Timer J under load (issue 17, item 5): the phone's user agent remembers
    /// every answered request for 32 s, however many came in between (before: a ring of 16, so the retransmission
    /// below was shown a second time).
    /// </summary>
    public class RetransmissionUnderLoadTests
    {
        private static string Message(int n, string text) =>
            "MESSAGE sip:100@192.0.2.10;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKburst" + n +
            "\r\nMax-Forwards: 70\r\nFrom: <sip:pbx@10.0.0.1>;tag=b" + n + "\r\nTo: <sip:100@192.0.2.10>\r\nCall-ID: burst-" + n +
            "@10.0.0.1\r\nCSeq: 1 MESSAGE\r\nContent-Type: text/plain\r\nContent-Length: " + Encoding.UTF8.GetByteCount(text) + "\r\n\r\n" + text;

        private static string AnswerTo(SipPhone phone, int n, int from)
        {
            for (int i = phone.Channel.Sent.Count - 1; i >= from; i--)
            {
                string m = phone.Channel.Sent[i];
                if (m.StartsWith("SIP/2.0 ") && m.Contains("branch=z9hG4bKburst" + n + ";") || m.StartsWith("SIP/2.0 ") && m.Contains("branch=z9hG4bKburst" + n + "\r\n"))
                {
                    return m;
                }
            }
            return null;
        }

        [Fact]
        public void AMessageRetransmittedAfterAHundredNewerRequestsIsAnsweredTheSameAndShownOnce()
        {
            var phone = new SipPhone();
            phone.Run(10);
            phone.Register();
            int shown = 0;
            phone.Phone.Event += (kind, detail) => { if (kind == PhoneEventKind.Message) shown++; };

            phone.Channel.Arrive(Message(0, "first"));
            phone.Run(10);
            string first = AnswerTo(phone, 0, 0);
            Assert.StartsWith("SIP/2.0 200", first);
            for (int n = 1; n <= 100; n++)
            {
                phone.Channel.Arrive(Message(n, "newer " + n));
                phone.Run(10);
                Assert.StartsWith("SIP/2.0 200", AnswerTo(phone, n, 0));
            }
            Assert.Equal(101, shown);
            Assert.Equal("newer 100", phone.Phone.Desktop.Text);

            int before = phone.Channel.Sent.Count;
            phone.Channel.Arrive(Message(0, "first"));
            phone.Run(10);

            Assert.Equal(first, AnswerTo(phone, 0, before));
            Assert.Equal(101, shown);
            Assert.Equal("newer 100", phone.Phone.Desktop.Text);
        }
    }
}
