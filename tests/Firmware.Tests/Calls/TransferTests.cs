using DeskPhone.Domain.Status;
using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Host.Simulated;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// Transfer and park as the user does them on the phone built by PhoneApp: the Transfer key and softkey, the
    /// transfer target entry, the Park softkey; what goes on the wire, the screen text and the statuses.
    /// </summary>
    public class TransferTests
    {
        private readonly SimulatedPhoneHardware _hw = new SimulatedPhoneHardware();
        private readonly SipPhone _p;
        private int _notifies;

        public TransferTests()
        {
            _p = new SipPhone(s =>
            {
                s.Set("admin_mode_password", 0, "x");
                s.Set("http_pass", 0, "y");
                s.Set("park_orbit", 0, "700");
            }, null, _hw.Drivers);
            _p.Run(100);
            _p.Register();
        }

        private string Screen => _p.App.Text.GetScreenText();

        private string LastSent => _p.Channel.Sent[^1];

        // The answer in the ACK to the phone's offer (the INVITE had none), and the consulted party's in its 200.
        private const string Sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.8\r\ns=-\r\nc=IN IP4 10.0.0.8\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";

        /// <summary>Bob (555) calls on Call-ID c1 and the handset answers; the phone's tag.</summary>
        private string Connected()
        {
            _p.Invite("z9hG4bKc1", "c1", "\"Bob\" <sip:555@10.0.0.1>");
            _p.Key(KeyCode.Hook);
            string ok = _p.Channel.Sent.FindLast(m => m.StartsWith("SIP/2.0 200 OK\r\n"));
            string to = SipChannel.Header(ok, "To");
            string tag = to.Substring(to.IndexOf(";tag=") + 5);
            _p.Channel.Arrive("ACK sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKack\r\n" +
                              "From: \"Bob\" <sip:555@10.0.0.1>;tag=a\r\nTo: " + to + "\r\nCall-ID: c1\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\n" +
                              "Content-Type: application/sdp\r\nContent-Length: " + Sdp.Length + "\r\n\r\n" + Sdp);
            _p.Run(10);
            return tag;
        }

        /// <summary>Bob's NOTIFY of the REFER subscription; the status the phone answered.</summary>
        private string Notify(string tag, string sipfrag, string state)
        {
            _notifies++;
            _p.Channel.Arrive("NOTIFY sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKn" + _notifies + "\r\n" +
                              "From: \"Bob\" <sip:555@10.0.0.1>;tag=a\r\nTo: <sip:100@10.0.0.1>;tag=" + tag + "\r\nCall-ID: c1\r\nCSeq: " + (10 + _notifies) +
                              " NOTIFY\r\nContact: <sip:555@10.0.0.1>\r\nEvent: refer\r\nSubscription-State: " + state + "\r\nMax-Forwards: 70\r\n" +
                              "Content-Type: message/sipfrag\r\nContent-Length: " + sipfrag.Length + "\r\n\r\n" + sipfrag);
            // Two turns: the screen is drawn at the turn after a request's (PhoneApp.Poll).
            _p.Run(20);
            return _p.Channel.Sent.FindLast(m => m.StartsWith("SIP/2.0 ") && m.Contains("z9hG4bKn" + _notifies));
        }

        [Fact]
        public void TheTransferKeyOpensTheTargetEntryAndOkSendsTheReferAFailureKeepsTheCall()
        {
            string tag = Connected();
            _p.Key(KeyCode.Transfer);
            Assert.Contains("\n[call] <call> Transfer Bob to\n[call] _\n[call] <audio> Handset\n" +
                            "[softkey 1] Transfer\n[softkey 2] Delete\n[softkey 3] Park\n[softkey 4] Cancel", Screen);
            _p.Key(KeyCode.Digit3);
            _p.Key(KeyCode.Digit0);
            _p.Key(KeyCode.Digit0);
            Assert.Contains("\n[call] 300_\n", Screen);
            // The digits went to the entry, not to Bob as DTMF or a new call.
            Assert.DoesNotContain(_p.Channel.Sent, m => m.StartsWith("INVITE sip:300"));

            _p.Key(KeyCode.Ok);
            string refer = LastSent;
            Assert.StartsWith("REFER sip:555@10.0.0.1 SIP/2.0\r\n", refer);
            Assert.Equal("<sip:300@10.0.0.1>", SipChannel.Header(refer, "Refer-To"));
            Assert.Equal("<sip:100@10.0.0.1>", SipChannel.Header(refer, "Referred-By"));
            Assert.Equal("c1", SipChannel.Header(refer, "Call-ID"));
            Assert.Contains("\n[call] <call> Connected: Bob\n", Screen);

            _p.Answer(refer, 202);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", Notify(tag, "SIP/2.0 100 Trying\r\n", "active;expires=60"));
            Assert.StartsWith("SIP/2.0 200 OK\r\n", Notify(tag, "SIP/2.0 486 Busy Here\r\n", "terminated;reason=noresource"));
            Assert.Equal("Transfer failed: Busy", _p.Phone.Statuses.ParamOf(StatusId.StatusLineSystemMessage));
            Assert.Contains("\n[call] <call> Connected: Bob\n", Screen);
            Assert.DoesNotContain(_p.Channel.Sent, m => m.StartsWith("BYE "));
        }

        [Fact]
        public void TheTransferSoftkeyAndTheTargetsAnswerEndTheCall()
        {
            string tag = Connected();
            _p.Key(KeyCode.Softkey3);
            Assert.Contains("\n[call] <call> Transfer Bob to\n", Screen);
            _p.Key(KeyCode.Digit3);
            _p.Key(KeyCode.Hash);
            string refer = LastSent;
            Assert.Equal("<sip:3@10.0.0.1>", SipChannel.Header(refer, "Refer-To"));
            _p.Answer(refer, 202);
            Notify(tag, "SIP/2.0 200 OK\r\n", "terminated;reason=noresource");

            Assert.StartsWith("BYE sip:555@10.0.0.1 SIP/2.0\r\n", LastSent);
            Assert.DoesNotContain("[call]", Screen);
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.StatusLineSystemMessage));
            Assert.Equal(1, _p.App.Calls.Received.Count);
        }

        [Fact]
        public void CancelLeavesTheEntryAndTheCallAsItWas()
        {
            Connected();
            _p.Key(KeyCode.Transfer);
            _p.Key(KeyCode.Digit3);
            _p.Key(KeyCode.Softkey4);
            Assert.Contains("\n[call] <call> Connected: Bob\n", Screen);
            Assert.DoesNotContain(_p.Channel.Sent, m => m.StartsWith("REFER "));
        }

        [Fact]
        public void ParkRefersTheCallToTheOrbitWithTryParkingUntilTheOutcome()
        {
            string tag = Connected();
            _p.Key(KeyCode.Transfer);
            _p.Key(KeyCode.Softkey3);
            string refer = LastSent;
            Assert.StartsWith("REFER sip:555@10.0.0.1 SIP/2.0\r\n", refer);
            Assert.Equal("<sip:700@10.0.0.1>", SipChannel.Header(refer, "Refer-To"));
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.TryParking));
            Assert.Equal("700", _p.Phone.Statuses.ParamOf(StatusId.TryParking));

            _p.Answer(refer, 202);
            Notify(tag, "SIP/2.0 100 Trying\r\n", "active;expires=60");
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.TryParking));
            Notify(tag, "SIP/2.0 200 OK\r\n", "terminated;reason=noresource");
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.TryParking));
            Assert.StartsWith("BYE ", LastSent);
        }

        [Fact]
        public void ARefusedParkClearsTryParkingAndSaysWhy()
        {
            Connected();
            Assert.True(_p.App.Calls.Park(0, _p.Now, out string error), error);
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.TryParking));
            _p.Answer(LastSent, 403);
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.TryParking));
            Assert.Equal("Park failed: Forbidden", _p.Phone.Statuses.ParamOf(StatusId.StatusLineSystemMessage));
            Assert.Contains("\n[call] <call> Connected: Bob\n", Screen);
        }

        [Fact]
        public void WithACallHeldAndAnotherConnectedTheTransferKeyJoinsThemWithReplaces()
        {
            Connected();
            _p.Key(KeyCode.Hold);
            string reinvite = LastSent;
            Assert.Contains("a=sendonly", reinvite);
            _p.Answer(reinvite, 200, "Contact: <sip:555@10.0.0.1>\r\n");
            Assert.True(_p.App.Calls.Sessions.Find(1).Held);

            Assert.NotNull(_p.App.Calls.Dial(1, "300", _p.Now, out _));
            string invite = LastSent;
            _p.Channel.Arrive("SIP/2.0 200 OK\r\nVia: " + SipChannel.Header(invite, "Via") + "\r\nFrom: " + SipChannel.Header(invite, "From") +
                              "\r\nTo: " + SipChannel.Header(invite, "To") + ";tag=srv\r\nCall-ID: " + SipChannel.Header(invite, "Call-ID") +
                              "\r\nCSeq: " + SipChannel.Header(invite, "CSeq") + "\r\nContact: <sip:300@10.0.0.8>\r\nContent-Type: application/sdp\r\n" +
                              "Content-Length: " + Sdp.Length + "\r\n\r\n" + Sdp);
            _p.Run(10);
            Assert.True(_p.App.Calls.CanTransferAttended);

            _p.Key(KeyCode.Transfer);
            string refer = LastSent;
            Assert.StartsWith("REFER sip:555@10.0.0.1 SIP/2.0\r\n", refer);
            string from = SipChannel.Header(invite, "From");
            string localTag = from.Substring(from.IndexOf(";tag=") + 5);
            Assert.Equal("<sip:300@10.0.0.8?Replaces=" + SipChannel.Header(invite, "Call-ID").Replace("@", "%40") + "%3Bto-tag%3Dsrv%3Bfrom-tag%3D" +
                         localTag + ">", SipChannel.Header(refer, "Refer-To"));
        }
    }
}
