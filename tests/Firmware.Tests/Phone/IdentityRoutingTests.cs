using System.Text;
using DeskPhone.Domain.Status;

namespace DeskPhone.Firmware.Tests.Phone
{
    /// <summary>
    /// The phone's identity routing (domain/Routing), as the composition root puts it into the user agent's chain:
    /// what a request for an identity, for none, or from a host that is not the registrar gets on the wire.
    /// </summary>
    public class IdentityRoutingTests
    {
        private const string Foreign = "192.0.2.99";
        private readonly SipPhone _p;
        private int _branch;

        public IdentityRoutingTests() : this(new SipPhone())
        {
        }

        private IdentityRoutingTests(SipPhone phone) => _p = phone;

        private string Request(string method, string uri, string host, string contentType, string body, string extra = "")
        {
            string branch = "z9hG4bKroute" + (++_branch);
            int before = _p.Channel.Sent.Count;
            _p.Channel.Arrive(method + " " + uri + " SIP/2.0\r\nVia: SIP/2.0/UDP " + host + ":5060;branch=" + branch + "\r\nMax-Forwards: 70\r\n" +
                              "From: <sip:pbx@" + host + ">;tag=s" + _branch + "\r\nTo: <sip:100@192.0.2.10>\r\nCall-ID: route-" + _branch +
                              "\r\nCSeq: 1 " + method + "\r\n" + extra + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") +
                              "Content-Length: " + Encoding.UTF8.GetByteCount(body) + "\r\n\r\n" + body, host);
            _p.Run(10);
            for (int i = before; i < _p.Channel.Sent.Count; i++)
            {
                if (_p.Channel.Sent[i].StartsWith("SIP/2.0 ") && _p.Channel.Sent[i].Contains(branch))
                {
                    return _p.Channel.Sent[i];
                }
            }
            return null;
        }

        private static string StatusLine(string response) => response.Substring(0, response.IndexOf("\r\n"));

        [Theory]
        [InlineData("dp1", true)]
        [InlineData("dp01", false)]
        [InlineData("DP1", false)]
        [InlineData("dp1x", false)]
        [InlineData("dp", false)]
        [InlineData("dp2", false)]
        [InlineData("dp100", false)]
        public void TheLineParameterNamesAnIdentityOnlyAsItsLineTokenIsWritten(string line, bool routed)
        {
            // The user part names no identity, so only the line parameter can route it (read as a number, not compared
            // with a token made per identity).
            string answer = StatusLine(Request("MESSAGE", "sip:999@192.0.2.10;line=" + line, "10.0.0.1", "text/plain", "hi"));
            Assert.Equal(routed, answer == "SIP/2.0 200 OK");
        }

        [Fact]
        public void AMessageOfAnotherTypeIs415WithAcceptAndIsNotShown()
        {
            // A type the agent reads elsewhere (SDP), so the core's checks let it through to the phone's policy.
            string answer = Request("MESSAGE", "sip:100@192.0.2.10;line=dp1", "10.0.0.1", "application/sdp", "v=0\r\n");

            Assert.Equal("SIP/2.0 415 Unsupported Media Type", StatusLine(answer));
            Assert.Equal("text/plain", SipChannel.Header(answer, "Accept"));
            Assert.Null(_p.Phone.Desktop.Text);
        }

        [Fact]
        public void WithFilterRegistrarAForeignHostCannotTellRealUsersFromUnknownOnes()
        {
            const string Refused = "SIP/2.0 403 Forbidden (filter_registrar: not from the registrar)";

            Assert.Equal(Refused, StatusLine(Request("MESSAGE", "sip:100@192.0.2.10;line=dp1", Foreign, "text/plain", "hi")));
            Assert.Equal(Refused, StatusLine(Request("MESSAGE", "sip:nobody@192.0.2.10", Foreign, "text/plain", "hi")));
            Assert.Equal(Refused, StatusLine(Request("MESSAGE", "sip:100@192.0.2.10;line=dp7", Foreign, "text/plain", "hi")));
            Assert.Equal(Refused, StatusLine(Request("INVITE", "sip:100@192.0.2.10;line=dp1", Foreign, null, "", "Contact: <sip:x@" + Foreign + ">\r\n")));
            Assert.Equal(Refused, StatusLine(Request("INVITE", "sip:nobody@192.0.2.10", Foreign, null, "", "Contact: <sip:x@" + Foreign + ">\r\n")));
            Assert.Equal(Refused, StatusLine(Request("NOTIFY", "sip:100@192.0.2.10;line=dp1", Foreign, "application/simple-message-summary",
                "Messages-Waiting: yes\r\nVoice-Message: 2/0\r\n", "Event: message-summary\r\nSubscription-State: active\r\n")));
            Assert.Null(_p.Phone.Desktop.Text);
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.CurrentIdentityHasVoiceMessages));
            // The registrar itself is let in, and learns which users exist.
            Assert.Equal("SIP/2.0 200 OK", StatusLine(Request("MESSAGE", "sip:100@192.0.2.10;line=dp1", "10.0.0.1", "text/plain", "hi")));
            Assert.Equal("SIP/2.0 404 Not Found", StatusLine(Request("MESSAGE", "sip:nobody@192.0.2.10", "10.0.0.1", "text/plain", "hi")));
        }

        [Fact]
        public void FilterRegistrarKnowsTheOutboundProxyInAnyCaseAndNoOtherHost()
        {
            // The source is compared with the identity's hosts (kept lower case) in place, in any ASCII case.
            var p = new SipPhone(s => s.Set("user_outbound", 1, "sip:Proxy.Example.com;lr"));
            var routed = new IdentityRoutingTests(p);

            Assert.Equal("SIP/2.0 200 OK", StatusLine(routed.Request("MESSAGE", "sip:100@192.0.2.10;line=dp1", "PROXY.example.COM", "text/plain", "hi")));
            Assert.Equal("SIP/2.0 200 OK", StatusLine(routed.Request("MESSAGE", "sip:100@192.0.2.10;line=dp1", "proxy.example.com", "text/plain", "hi")));
            Assert.Equal("SIP/2.0 404 Not Found", StatusLine(routed.Request("MESSAGE", "sip:nobody@192.0.2.10", "Proxy.Example.Com", "text/plain", "hi")));
            const string Refused = "SIP/2.0 403 Forbidden (filter_registrar: not from the registrar)";
            Assert.Equal(Refused, StatusLine(routed.Request("MESSAGE", "sip:100@192.0.2.10;line=dp1", "proxy.example.co", "text/plain", "hi")));
            Assert.Equal(Refused, StatusLine(routed.Request("MESSAGE", "sip:100@192.0.2.10;line=dp1", "proxy.example.con", "text/plain", "hi")));
            Assert.Equal(Refused, StatusLine(routed.Request("MESSAGE", "sip:nobody@192.0.2.10", "proxy-example.com", "text/plain", "hi")));
        }

        [Fact]
        public void FilterRegistrarKnowsTheAddressANamedRegistrarsRegisterWentTo()
        {
            // A registrar given by name sends from its address: the one the REGISTER went to ("localhost" resolved) is let in.
            var p = new SipPhone(s => s.Set("user_host", 1, "localhost:5070"));
            var routed = new IdentityRoutingTests(p);
            const string Refused = "SIP/2.0 403 Forbidden (filter_registrar: not from the registrar)";
            Assert.Equal(Refused, StatusLine(routed.Request("MESSAGE", "sip:100@192.0.2.10;line=dp1", "127.0.0.1", "text/plain", "early")));

            p.Run(100);
            int register = p.Channel.Sent.FindLastIndex(m => m.StartsWith("REGISTER "));
            Assert.Equal("127.0.0.1:5070", p.Channel.SentTo[register]);

            Assert.Equal("SIP/2.0 200 OK", StatusLine(routed.Request("MESSAGE", "sip:100@192.0.2.10;line=dp1", "127.0.0.1", "text/plain", "hi")));
            Assert.Equal("SIP/2.0 404 Not Found", StatusLine(routed.Request("MESSAGE", "sip:nobody@192.0.2.10", "127.0.0.1", "text/plain", "hi")));
            Assert.Equal(Refused, StatusLine(routed.Request("MESSAGE", "sip:100@192.0.2.10;line=dp1", Foreign, "text/plain", "hi")));
            Assert.Equal(Refused, StatusLine(routed.Request("MESSAGE", "sip:100@192.0.2.10;line=dp1", "127.0.0.10", "text/plain", "hi")));
        }

        [Fact]
        public void ASubscriptionsNotifyIsForItsIdentityWhateverItsRequestUri()
        {
            // Matched by its dialog (the Call-ID), as RFC 6665 matches a NOTIFY, not by the Request-URI's line parameter,
            // which is not read for it (the office stream's lowest routing point on the 80,896-byte board, srv): a
            // Request-URI that names no identity was 404.
            SipPhone p = SipPhone.WithBlfKey200(out string subscribe);
            string elsewhere = subscribe.Replace(SipChannel.Header(subscribe, "Contact"), "<sip:999@192.0.2.10:5060>");

            Assert.Equal(200, p.Notify(elsewhere, "active;expires=3600", "application/dialog-info+xml", SipPhone.DialogInfo200(1, "")));
        }

        [Fact]
        public void TurningFilterRegistrarOffLetsOtherHostsIn()
        {
            Assert.Null(_p.Settings.Set("filter_registrar", 0, "off"));

            Assert.Equal("SIP/2.0 200 OK", StatusLine(Request("MESSAGE", "sip:100@192.0.2.10;line=dp1", Foreign, "text/plain", "hi")));
            Assert.Equal("hi", _p.Phone.Desktop.Text);
            Assert.Equal("SIP/2.0 404 Not Found", StatusLine(Request("MESSAGE", "sip:nobody@192.0.2.10", Foreign, "text/plain", "hi")));
            Assert.Equal("SIP/2.0 200 OK", StatusLine(Request("NOTIFY", "sip:100@192.0.2.10;line=dp1", Foreign, "application/simple-message-summary",
                "Messages-Waiting: yes\r\nVoice-Message: 2/0\r\n", "Event: message-summary\r\nSubscription-State: active\r\n")));
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.CurrentIdentityHasVoiceMessages));
        }

        [Fact]
        public void OptionsByeAndCancelGetTheCoresAnswersWhateverTheFilter()
        {
            Assert.StartsWith("SIP/2.0 200 OK", Request("OPTIONS", "sip:nobody@192.0.2.10", Foreign, null, ""));
            Assert.Equal("SIP/2.0 481 Call/Transaction Does Not Exist", StatusLine(Request("BYE", "sip:100@192.0.2.10;line=dp1", Foreign, null, "")));
            Assert.Equal("SIP/2.0 481 Call/Transaction Does Not Exist", StatusLine(Request("CANCEL", "sip:100@192.0.2.10;line=dp1", Foreign, null, "")));
        }

        [Fact]
        public void UpdateAndPrackOfNoDialogGet481WhileNoCallLayerIsBuilt()
        {
            // Both exist only in a call's dialog: the identity routing leaves them to the core (RFC 3311 5.2, RFC 3262 3).
            Assert.Equal("SIP/2.0 481 Call/Transaction Does Not Exist", StatusLine(Request("UPDATE", "sip:100@192.0.2.10;line=dp1", "10.0.0.1", null, "")));
            Assert.Equal("SIP/2.0 481 Call/Transaction Does Not Exist",
                StatusLine(Request("PRACK", "sip:100@192.0.2.10;line=dp1", "10.0.0.1", null, "", "RAck: 1 1 INVITE\r\n")));
            Assert.Equal("SIP/2.0 400 missing or malformed RAck header", StatusLine(Request("PRACK", "sip:100@192.0.2.10;line=dp1", "10.0.0.1", null, "")));
            Assert.False(_p.App.HasCalls);
        }
    }
}
