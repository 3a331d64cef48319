using System.Text;
using DeskPhone.Domain.Status;
using DeskPhone.Firmware.Tests.Phone;
using Xunit;

namespace DeskPhone.Firmware.Tests.Provisioning
{
    /// <summary>
    /// SIP NOTIFY <c>Event: check-sync</c> (docs/provisioning.md): the answer on the wire, who may send it, the run it
    /// starts against the scripted HTTP server and the reboot it asks for.
    /// </summary>
    public class CheckSyncTests
    {
        private const string Doc = "<settings><phone-settings><ring_volume>12</ring_volume></phone-settings></settings>";

        private readonly FakeHttpChannel _http = new FakeHttpChannel();
        private readonly SipPhone _p;

        public CheckSyncTests()
        {
            _p = new SipPhone(http: _http);
            _p.Run(10);
            // Set after the boot (which had no URL then), so only a check-sync starts a run.
            Assert.Null(_p.Settings.Set("setting_server", 0, "http://192.0.2.80/phone.xml"));
        }

        private string CheckSync(string evt, string host = "10.0.0.1", string uri = "sip:100@192.0.2.10:5060;line=dp1")
        {
            int before = _p.Channel.Sent.Count;
            _p.Channel.Arrive("NOTIFY " + uri + " SIP/2.0\r\nVia: SIP/2.0/UDP " + host + ":5060;branch=z9hG4bKcs1\r\nMax-Forwards: 70\r\n" +
                              "From: <sip:pbx@" + host + ">;tag=pbx1\r\nTo: <sip:100@192.0.2.10>\r\nCall-ID: cs-1\r\nCSeq: 7 NOTIFY\r\n" +
                              "Event: " + evt + "\r\nContent-Length: 0\r\n\r\n", host);
            _p.Run(10);
            for (int i = before; i < _p.Channel.Sent.Count; i++)
            {
                if (_p.Channel.Sent[i].StartsWith("SIP/2.0 "))
                {
                    return _p.Channel.Sent[i];
                }
            }
            return null;
        }

        private void RunHttp(int ms)
        {
            for (int i = 0; i < ms / 10; i++)
            {
                _http.Now = _p.Now;
                _p.Run(10);
            }
        }

        /// <summary>The answer as the phone must send it: only the To tag is the phone's own choice.</summary>
        private static string Expected(string answer, string status, string host = "10.0.0.1")
        {
            string to = SipChannel.Header(answer, "To");
            Assert.Matches("^<sip:100@192.0.2.10>;tag=[A-Za-z0-9]+$", to);
            return "SIP/2.0 " + status + "\r\nVia: SIP/2.0/UDP " + host + ":5060;branch=z9hG4bKcs1\r\nFrom: <sip:pbx@" + host + ">;tag=pbx1\r\n" +
                   "To: " + to + "\r\nCall-ID: cs-1\r\nCSeq: 7 NOTIFY\r\nUser-Agent: DeskPhone\r\nContent-Length: 0\r\n\r\n";
        }

        [Fact]
        public void FromTheRegistrarItIsAnswered200AndStartsARun()
        {
            _p.Register();
            RunHttp(100);
            Assert.Empty(_http.Requests);

            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml(Doc));
            string answer = CheckSync("check-sync");
            Assert.Equal(Expected(answer, "200 OK"), answer);
            RunHttp(200);

            Assert.Single(_http.Requests);
            Assert.StartsWith("GET /phone.xml HTTP/1.1\r\n", _http.Requests[0]);
            Assert.Equal(12, _p.Settings.GetInt("ring_volume"));
            Assert.Equal("check-sync", _p.App.Provisioning.Client.Trigger);
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.PhoneWantsReboot));
        }

        [Fact]
        public void RebootTrueAsksForTheRebootOnceTheRunHasEnded()
        {
            _p.Register();
            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml(Doc));
            string answer = CheckSync("check-sync;reboot=true");
            Assert.Equal(Expected(answer, "200 OK"), answer);
            Assert.NotEqual(0, _p.App.Provisioning.Client.State);
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.PhoneWantsReboot));

            RunHttp(200);
            Assert.Equal(12, _p.Settings.GetInt("ring_volume"));
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.PhoneWantsReboot));
            Assert.Contains("check-sync", _p.Phone.Statuses.Explain(StatusId.PhoneWantsReboot, _p.Now));
        }

        [Fact]
        public void AnotherHostGets403EvenWithFilterRegistrarOffAndNothingRuns()
        {
            Assert.Null(_p.Settings.Set("filter_registrar", 0, "off"));
            _p.Register();
            string answer = CheckSync("check-sync;reboot=true", "10.0.0.7");
            Assert.Equal(Expected(answer, "403 Forbidden", "10.0.0.7"), answer);
            RunHttp(100);

            Assert.Empty(_http.Requests);
            Assert.Equal(0, _p.App.Provisioning.Client.Runs);
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.PhoneWantsReboot));
        }

        [Fact]
        public void AnIdentityThatIsNotRegisteredGets403()
        {
            string answer = CheckSync("check-sync");
            Assert.Equal(Expected(answer, "403 Forbidden"), answer);
            RunHttp(100);
            Assert.Empty(_http.Requests);
        }

        [Fact]
        public void APhoneWithoutProvisioningDoesNotKnowTheEvent()
        {
            var p = new SipPhone();
            p.Run(10);
            p.Register();
            p.Channel.Arrive("NOTIFY sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKcs9\r\n" +
                             "Max-Forwards: 70\r\nFrom: <sip:pbx@10.0.0.1>;tag=pbx1\r\nTo: <sip:100@192.0.2.10>\r\nCall-ID: cs-9\r\n" +
                             "CSeq: 7 NOTIFY\r\nEvent: check-sync\r\nContent-Length: 0\r\n\r\n");
            p.Run(10);
            Assert.StartsWith("SIP/2.0 489 ", p.Channel.Sent.FindLast(m => m.Contains("z9hG4bKcs9")));
        }
    }
}
