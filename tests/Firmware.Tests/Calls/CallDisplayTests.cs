using DeskPhone.Domain.Calls;
using DeskPhone.Firmware.Tests.Phone;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>What the screen says about the calls of the phone built by PhoneApp.</summary>
    public class CallDisplayTests
    {
        private readonly SipPhone _p = new SipPhone();
        private int _n;

        public CallDisplayTests()
        {
            _p.Run(100);
            _p.Register();
        }

        private void Ring(string from, string extra = "")
        {
            _n++;
            _p.Channel.Arrive("INVITE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKd" + _n + "\r\n" +
                              "From: " + from + ";tag=a\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: d" + _n + "\r\nCSeq: 1 INVITE\r\n" +
                              "Contact: <sip:555@10.0.0.1>\r\n" + extra + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            // Two turns: the screen shows the ringing call from the turn after the INVITE's (PhoneApp.Poll).
            _p.Run(20);
        }

        private string[] Lines() => CallDisplay.LinesOf(_p.App.Calls, _p.Now);

        [Fact]
        public void NoCallNoLines()
        {
            Assert.Null(Lines());
        }

        [Fact]
        public void ARingingCallShowsTheCallerAndTheIdentityThenTheDurationOnceAnswered()
        {
            Ring("\"Bob\" <sip:555@10.0.0.1>");
            Assert.Equal(new[] { "Call from Bob", "555 to identity 1" }, Lines());
            _p.App.Calls.Answer(0, _p.Now);
            // (No ACK comes in this test, so the call would end after 32 s: read it before.)
            _p.Run(21_000);
            Assert.Equal(new[] { "Connected: Bob", "555  00:21", "Speaker" }, Lines());
        }

        [Theory]
        [InlineData("Referred-By: \"Alice\" <sip:200@10.0.0.1>\r\n", "Transferred by Alice")]
        [InlineData("Referred-By: <sip:200@10.0.0.1>\r\n", "Transferred by 200")]
        public void ACallTransferredHereSaysWhoTransferredIt(string referredBy, string line)
        {
            Ring("\"Bob\" <sip:555@10.0.0.1>", referredBy);
            Assert.Equal(new[] { "Call from Bob", "555 to identity 1", line }, Lines());
            Assert.Contains("\n[call] 555 to identity 1\n[call] " + line + "\n", _p.App.Text.GetScreenText());
        }

        [Fact]
        public void AMessageInTheCallsDialogIsShownWithTheCallNotOnTheIdleScreen()
        {
            Ring("\"Bob\" <sip:555@10.0.0.1>");
            _p.Channel.Arrive("MESSAGE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKm1\r\n" +
                              "From: <sip:pbx@10.0.0.1>;tag=p\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: d1\r\nCSeq: 2 MESSAGE\r\n" +
                              "Max-Forwards: 70\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nQueue: sales!");
            _p.Run(10);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", _p.Channel.Sent[^1]);
            Assert.Equal(new[] { "Call from Bob", "555 to identity 1", "Queue: sales!" }, Lines());
            Assert.Null(_p.Phone.Desktop.Text);
        }

        [Fact]
        public void TheScreenShowsTheCallInsteadOfTheMessageUntilItEnds()
        {
            _p.Phone.OnMessage(1, System.Text.Encoding.UTF8.GetBytes("Lunch"), 0, 5, null, _p.Now);
            Ring("\"Bob\" <sip:555@10.0.0.1>");
            string screen = _p.App.Text.GetScreenText();
            Assert.Contains("\n[call] <call> Call from Bob\n[call] 555 to identity 1", screen);
            Assert.DoesNotContain("Lunch", screen);

            _p.App.Calls.Answer(0, _p.Now);
            _p.Run(1000);
            Assert.Contains("\n[call] 555  00:01\n[call] <audio> Speaker\n", _p.App.Text.GetScreenText());
            _p.Run(1000);
            Assert.Contains("\n[call] 555  00:02\n", _p.App.Text.GetScreenText());

            _p.App.Calls.Hangup(0, _p.Now);
            _p.Run(10);
            screen = _p.App.Text.GetScreenText();
            Assert.DoesNotContain("[call]", screen);
            Assert.Contains("[message] Lunch", screen);
        }

        [Fact]
        public void ARingingCallComesFirstAndTheOthersAreCounted()
        {
            Ring("<sip:555@10.0.0.1>");
            _p.App.Calls.Answer(0, _p.Now);
            Ring("<sip:777@10.0.0.1>");
            Assert.Equal(new[] { "Call from 777", "to identity 1", "+1 other call" }, Lines());
        }

        [Fact]
        public void AnOutgoingCallSaysItIsCalling()
        {
            _p.App.Calls.Dial(1, "200", _p.Now, out _);
            Assert.Equal(new[] { "Calling 200", "Speaker" }, Lines());
        }

        [Theory]
        [InlineData(486, "Busy")]
        [InlineData(404, "Not found")]
        [InlineData(503, "Call failed (503)")]
        public void ARefusedCallIsExplainedOnTheStatusLineForThreeSeconds(int status, string text)
        {
            _p.App.Calls.Dial(1, "200", _p.Now, out _);
            _p.Answer(_p.Last("INVITE"), status);
            Assert.Null(Lines());
            Assert.Matches(@"\n?\[(status|notice)\] " + System.Text.RegularExpressions.Regex.Escape(text) + "\n", _p.App.Text.GetScreenText());
            _p.Run(3500);
            Assert.DoesNotContain(text, _p.App.Text.GetScreenText());
        }

        [Fact]
        public void AWarningInTheRefusalIsRaisedUntilTheNextDial()
        {
            _p.App.Calls.Dial(1, "200", _p.Now, out _);
            _p.Answer(_p.Last("INVITE"), 480, "Warning: 399 pbx.example.com \"Number \\\"200\\\" not in service\"\r\n");
            Assert.Equal("Number \"200\" not in service", _p.Phone.Statuses.ParamOf(DeskPhone.Domain.Status.StatusId.SipWarningReceived));
            Assert.True(_p.Phone.Statuses.IsActive(DeskPhone.Domain.Status.StatusId.SipWarningReceived));
            _p.App.Calls.Dial(1, "201", _p.Now, out _);
            Assert.False(_p.Phone.Statuses.IsActive(DeskPhone.Domain.Status.StatusId.SipWarningReceived));
            _p.Answer(_p.Last("INVITE"), 486);
            Assert.False(_p.Phone.Statuses.IsActive(DeskPhone.Domain.Status.StatusId.SipWarningReceived));
        }

        [Fact]
        public void ACallTheUserCancelsIsNotExplained()
        {
            _p.App.Calls.Dial(1, "200", _p.Now, out _);
            string invite = _p.Last("INVITE");
            _p.Answer(invite, 180);
            _p.App.Calls.Hangup(0, _p.Now);
            _p.Answer(invite, 487);
            Assert.Null(_p.Phone.Statuses.ParamOf(DeskPhone.Domain.Status.StatusId.StatusLineSystemMessage));
        }

        [Theory]
        [InlineData(0, "00:00")]
        [InlineData(59, "00:59")]
        [InlineData(3599, "59:59")]
        [InlineData(3661, "1:01:01")]
        [InlineData(36000, "10:00:00")]
        [InlineData(362439, "100:40:39")]
        public void DurationsReadAsOnAClock(int seconds, string text)
        {
            Assert.Equal(text, CallDisplay.Duration(seconds));
        }
    }
}
