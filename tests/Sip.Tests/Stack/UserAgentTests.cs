using System.Collections.Generic;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Registration;
using DeskPhone.Sip.Transaction;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Tests.Stack
{
    internal sealed class RecordingHandler : DeskPhone.Domain.Routing.ISipRequestHandler
    {
        public readonly List<string> Calls = new List<string>();
        public int MessageStatus = 200;

        public int OnMessage(int identity, SipMessage request)
        {
            Calls.Add("message " + identity + " " + System.Text.Encoding.UTF8.GetString(request.Buffer, request.BodyOffset, request.BodyLength));
            return MessageStatus;
        }

        public DeskPhone.Sip.Events.Subscriptions Events => null;

        public DeskPhone.Sip.UserAgent.IAfterPacket AfterNotify => null;

        public int OnNotify(int identity, SipMessage request, bool fromRegistrar)
        {
            Calls.Add("notify " + identity + " " + fromRegistrar);
            return 200;
        }
    }

    public class RoutingTests
    {
        private readonly SipInbox _inbox = new SipInbox(8, 4096);
        private readonly FakeChannel _channel;
        private readonly RecordingHandler _handler = new RecordingHandler();
        private readonly SipUserAgent _ua;

        public RoutingTests()
        {
            _channel = new FakeChannel(_inbox);
            _ua = new SipUserAgent(_inbox) { Udp = _channel }.Route(_handler);
            _ua.SetIdentity(new SipIdentity { Index = 1, Active = true, User = "486", Registrar = "10.0.0.1" });
            _ua.SetIdentity(new SipIdentity { Index = 2, Active = true, User = "487", Registrar = "10.0.0.1", UserNameAsLine = true });
        }

        private static string Message(string uri, string type = "text/plain", string body = "hi", string branch = "z9hG4bKa1") =>
            "MESSAGE " + uri + " SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=" + branch + "\nFrom: <sip:pbx@10.0.0.1>;tag=f\n" +
            "To: <" + uri + ">\nCall-ID: c1\nCSeq: 1 MESSAGE\nMax-Forwards: 70\nContent-Type: " + type + "\nContent-Length: " + body.Length + "\n\n" + body;

        private string Answer(string text, string host = "10.0.0.1")
        {
            _channel.Arrive(text, host);
            _ua.Poll(0);
            return _channel.Last.Substring(0, _channel.Last.IndexOf('\r'));
        }

        [Fact]
        public void LineTokenMatches()
        {
            Assert.Equal("SIP/2.0 200 OK", Answer(Message("sip:486@192.0.2.5;line=dp1")));
            Assert.Equal("message 1 hi", _handler.Calls[0]);
        }

        [Fact]
        public void AnIdentityTurnedInactiveIsNotKeptAndNoLongerAnswers()
        {
            Assert.NotNull(_ua.GetIdentity(1));
            _ua.SetIdentity(new SipIdentity { Index = 1, Active = false, User = "486", Registrar = "10.0.0.1" });

            Assert.Null(_ua.GetIdentity(1));
            Assert.Equal("SIP/2.0 404 Not Found", Answer(Message("sip:486@192.0.2.5;line=dp1")));
            Assert.Empty(_handler.Calls);
        }

        [Fact]
        public void AnIdentityTurnedOffLeavesItsLastActiveObjectForItsUnsubscribesUntilTurnedOnAgain()
        {
            SipIdentity active = _ua.GetIdentity(1);
            Assert.Null(_ua.RetiredIdentity(1));
            _ua.SetIdentity(new SipIdentity { Index = 1, Active = false, User = "486" });
            Assert.Same(active, _ua.RetiredIdentity(1));
            // Turned off again (a setting of the inactive identity changed): still the last active one.
            _ua.SetIdentity(new SipIdentity { Index = 1, Active = false, User = "486" });
            Assert.Same(active, _ua.RetiredIdentity(1));
            _ua.SetIdentity(new SipIdentity { Index = 1, Active = true, User = "486", Registrar = "10.0.0.1" });
            Assert.Null(_ua.RetiredIdentity(1));
            Assert.Null(_ua.RetiredIdentity(9));
        }

        [Fact]
        public void UserNameMatchesOnlyWithSipUsernameAsLine()
        {
            Assert.Equal("SIP/2.0 404 Not Found", Answer(Message("sip:486@192.0.2.5")));
            Assert.Equal("SIP/2.0 200 OK", Answer(Message("sip:487@192.0.2.5", branch: "z9hG4bKa2")));
            Assert.Equal("message 2 hi", Assert.Single(_handler.Calls));
        }

        [Fact]
        public void FilterRegistrarRefusesOtherHostsAndOffLetsThemIn()
        {
            Assert.StartsWith("SIP/2.0 403", Answer(Message("sip:487@x"), "10.9.9.9"));
            _ua.Routing().FilterRegistrar = false;
            Assert.Equal("SIP/2.0 200 OK", Answer(Message("sip:487@x", branch: "z9hG4bKa3"), "10.9.9.9"));
        }

        [Fact]
        public void OtherContentTypesAre415WithAccept()
        {
            Answer(Message("sip:487@x", "application/pidf+xml", "<presence/>"));
            Assert.StartsWith("SIP/2.0 415", _channel.Last);
            Assert.Equal("text/plain", FakeChannel.Header(_channel.Last, "Accept"));
            Assert.Empty(_handler.Calls);
        }

        [Fact]
        public void MultipartIsReadOnlyInANotify()
        {
            string body = "--b\r\n\r\n<x/>\r\n--b--";
            string notify = "NOTIFY sip:486@192.0.2.5;line=dp1 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKm1\nFrom: <sip:pbx@10.0.0.1>;tag=f\n" +
                            "To: <sip:486@192.0.2.5>;tag=t\nCall-ID: m1\nCSeq: 1 NOTIFY\nMax-Forwards: 70\nEvent: as-feature-event\nSubscription-State: active\n" +
                            "Content-Type: multipart/mixed;boundary=b\nContent-Length: " + body.Length + "\n\n" + body;
            Assert.Equal("SIP/2.0 200 OK", Answer(notify));
            Assert.Equal("notify 1 True", Assert.Single(_handler.Calls));

            Assert.StartsWith("SIP/2.0 415", Answer(Message("sip:486@192.0.2.5;line=dp1", "multipart/mixed;boundary=b", body, "z9hG4bKm2")));
            Assert.Single(_handler.Calls);
        }

        [Fact]
        public void TheHandlersStatusIsTheAnswer()
        {
            _handler.MessageStatus = 413;
            Assert.Equal("SIP/2.0 413 Request Entity Too Large", Answer(Message("sip:487@x")));
        }

        [Fact]
        public void RetransmissionIsAnsweredFromTheTransaction()
        {
            Answer(Message("sip:487@x"));
            Answer(Message("sip:487@x"));
            Assert.Single(_handler.Calls);
            Assert.Equal(2, _channel.Sent.Count);
            Assert.Equal(_channel.Sent[0].Text, _channel.Sent[1].Text);
        }

        [Fact]
        public void ARetransmissionGetsItsOwnAnswerAfterOtherRequestsWereAnswered()
        {
            _ua.Routing().FilterRegistrar = false;
            _handler.MessageStatus = 202;
            Answer(Message("sip:487@x"));
            _handler.MessageStatus = 486;
            Answer(Message("sip:487@x", body: "other", branch: "z9hG4bKb2"));
            Answer(Message("sip:487@x"));
            Assert.Equal(2, _handler.Calls.Count);
            Assert.Equal(_channel.Sent[0].Text, _channel.Sent[2].Text);
            Assert.StartsWith("SIP/2.0 202", _channel.Sent[2].Text);
        }

        [Fact]
        public void TheCacheAnswersOnlyTheSameBranchMethodSentByAndSource()
        {
            _ua.Routing().FilterRegistrar = false;
            string first = Message("sip:487@x");
            Answer(first);
            Answer(first.Replace("10.0.0.1:5060;", "10.0.0.1:5070;"));
            Answer(first.Replace("10.0.0.1:5060;", "10.0.0.2:5060;"));
            Answer(first, "10.0.0.9");
            Assert.Equal(4, _handler.Calls.Count);
            string options = "OPTIONS sip:487@x SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa1\nFrom: <sip:pbx@10.0.0.1>;tag=f\n" +
                             "To: <sip:487@x>\nCall-ID: c1\nCSeq: 2 OPTIONS\nContent-Length: 0\n\n";
            Answer(options);
            Assert.NotNull(FakeChannel.Header(_channel.Last, "Allow"));

            Answer(first);
            Answer(first, "10.0.0.9");
            Assert.Equal(4, _handler.Calls.Count);
            Assert.Equal(_channel.Sent[0].Text, _channel.Sent[5].Text);
            Assert.Equal(_channel.Sent[3].Text, _channel.Sent[6].Text);
        }

        [Fact]
        public void ABranchWithoutTheMagicCookieIsNeverAnsweredFromTheCache()
        {
            _ua.Routing().FilterRegistrar = false;
            Answer(Message("sip:487@x", branch: "old1"));
            Answer(Message("sip:487@x", branch: "old1"));
            Answer(Message("sip:487@x", branch: "z9hG4bK"));
            Answer(Message("sip:487@x", branch: "z9hG4bK"));
            Assert.Equal(4, _handler.Calls.Count);
        }

        [Fact]
        public void ABareRportAmongOtherParametersIsFilledIn()
        {
            _ua.Routing().FilterRegistrar = false;
            _channel.Arrive(Message("sip:487@x").Replace(";branch=z9hG4bKa1", ";rport;branch=z9hG4bKm;x=1"), "10.7.7.7", 41000);
            _ua.Poll(0);
            Assert.Equal("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKm;x=1;rport=41000;received=10.7.7.7", FakeChannel.Header(_channel.Last, "Via"));
        }

        [Fact]
        public void ViaParametersAreEditedWhateverTheirCase()
        {
            _ua.Routing().FilterRegistrar = false;
            _channel.Arrive(Message("sip:487@x").Replace(";branch=z9hG4bKa1", ";RPORT;branch=z9hG4bKc1;Received=192.0.2.9;rportx=1"), "10.7.7.7", 41000);
            _ua.Poll(0);
            Assert.Equal("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKc1;rportx=1;rport=41000;received=10.7.7.7", FakeChannel.Header(_channel.Last, "Via"));

            _channel.Arrive(Message("sip:487@x").Replace(";branch=z9hG4bKa1", ";Rport ;branch=z9hG4bKc2;x=\"a;rport\""), "10.7.7.7", 41001);
            _ua.Poll(0);
            Assert.Equal("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKc2;x=\"a;rport\";rport=41001;received=10.7.7.7", FakeChannel.Header(_channel.Last, "Via"));
        }

        [Fact]
        public void FilterRegistrarGivesAForeignHostTheSameAnswerForRealAndUnknownUsers()
        {
            string real = Answer(Message("sip:487@x", branch: "z9hG4bKe1"), "10.9.9.9");
            string unknown = Answer(Message("sip:999@x", branch: "z9hG4bKe2"), "10.9.9.9");
            string byLine = Answer(Message("sip:486@x;line=dp9", branch: "z9hG4bKe3"), "10.9.9.9");
            Assert.StartsWith("SIP/2.0 403", real);
            Assert.Equal(real, unknown);
            Assert.Equal(real, byLine);
            Assert.Empty(_handler.Calls);

            // The registrar knows the users anyway: it still learns that one does not exist.
            Assert.Equal("SIP/2.0 404 Not Found", Answer(Message("sip:999@x", branch: "z9hG4bKe4"), "10.0.0.1"));
            _ua.Routing().FilterRegistrar = false;
            Assert.Equal("SIP/2.0 404 Not Found", Answer(Message("sip:999@x", branch: "z9hG4bKe5"), "10.9.9.9"));
        }

        [Fact]
        public void AllViasAreEchoedAndOnlyTheTopOneIsEdited()
        {
            _ua.Routing().FilterRegistrar = false;
            _channel.Arrive(Message("sip:487@x").Replace("\nFrom:", "\nVia: SIP/2.0/UDP proxy.example.com;branch=z9hG4bKp1, SIP/2.0/UDP 10.1.1.1;branch=z9hG4bKq\nFrom:"), "10.7.7.7", 5060);
            _ua.Poll(0);
            string sent = _channel.Last;
            Assert.Contains("\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa1;received=10.7.7.7\r\n" +
                            "Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bKp1\r\nVia: SIP/2.0/UDP 10.1.1.1;branch=z9hG4bKq\r\nFrom: ", sent);
            Assert.Contains("\r\nTo: <sip:487@x>;tag=dp", sent);
        }

        [Fact]
        public void OptionsUnknownMethodsAndBadRequests()
        {
            string options = "OPTIONS sip:x@y SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKo\nFrom: <sip:a@b>;tag=1\nTo: <sip:x@y>\nCall-ID: o\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n";
            Assert.Equal("SIP/2.0 200 OK", Answer(options));
            Assert.Contains("MESSAGE", FakeChannel.Header(_channel.Last, "Allow"));
            Assert.Equal("SIP/2.0 501 Not Implemented", Answer(options.Replace("OPTIONS", "FOO").Replace("z9hG4bKo", "z9hG4bKp")));
            Assert.StartsWith("SIP/2.0 400", Answer(options.Replace("CSeq: 1 OPTIONS", "CSeq: x OPTIONS").Replace("z9hG4bKo", "z9hG4bKq")));
        }

        [Fact]
        public void ResponseCarriesReceivedAndRport()
        {
            _ua.Routing().FilterRegistrar = false;
            _channel.Arrive(Message("sip:487@x").Replace(";branch=z9hG4bKa1", ";branch=z9hG4bKr;rport"), "10.7.7.7", 41000);
            _ua.Poll(0);
            Assert.Contains("rport=41000;received=10.7.7.7", FakeChannel.Header(_channel.Last, "Via"));
            Assert.Equal(41000, _channel.Sent[_channel.Sent.Count - 1].Port);
        }
    }

    public class ClientTransactionTests
    {
        private readonly SipInbox _inbox = new SipInbox(4, 4096);

        [Fact]
        public void TimerEDoublesUpToT2AndTimerFGivesUp()
        {
            var channel = new FakeChannel(_inbox);
            SipMessage result = new SipMessage();
            bool timedOut = false;
            var t = new ClientTransaction("z9hG4bKt", "MESSAGE", new byte[] { 1 }, channel, "10.0.0.1", 5060,
                (tr, r, now) => { timedOut = r == null; });
            t.Start(0);
            var sendTimes = new List<long>();
            int sent = channel.Sent.Count;
            for (long now = 0; now <= 40000; now += 10)
            {
                t.Poll(now);
                if (channel.Sent.Count != sent)
                {
                    sendTimes.Add(now);
                    sent = channel.Sent.Count;
                }
            }
            Assert.Equal(new long[] { 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500 }, sendTimes.ToArray());
            Assert.True(timedOut);
            Assert.Equal(ClientTransaction.Terminated, t.State);
        }

        [Fact]
        public void ProvisionalMovesRetransmissionsToT2AndFinalStopsThemAndALateProvisionalIsIgnored()
        {
            var channel = new FakeChannel(_inbox);
            var parser = new SipParser();
            var provisional = new SipMessage();
            var final = new SipMessage();
            var r = new ParseResult();
            byte[] p100 = System.Text.Encoding.ASCII.GetBytes("SIP/2.0 100 Trying\r\nVia: SIP/2.0/UDP a;branch=z9hG4bKt\r\nCSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n");
            parser.Parse(p100, 0, p100.Length, false, provisional, r);
            byte[] p200 = System.Text.Encoding.ASCII.GetBytes("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP a;branch=z9hG4bKt\r\nCSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n");
            parser.Parse(p200, 0, p200.Length, false, final, r);
            int finals = 0;
            var t = new ClientTransaction("z9hG4bKt", "MESSAGE", new byte[] { 1 }, channel, "h", 1, (tr, m, now) => finals++);
            t.Start(0);
            t.OnResponse(provisional, 100);
            t.Poll(500);
            Assert.Equal(2, channel.Sent.Count);
            t.Poll(4000);
            Assert.Equal(2, channel.Sent.Count);
            t.Poll(4500);
            Assert.Equal(3, channel.Sent.Count);
            t.OnResponse(final, 5000);
            t.OnResponse(final, 5100);
            // What real servers do: a provisional after the final answer (a 180 behind the 200) changes nothing.
            t.OnResponse(provisional, 5200);
            t.Poll(8000);
            Assert.Equal(3, channel.Sent.Count);
            Assert.Equal(1, finals);
            Assert.Equal(ClientTransaction.Completed, t.State);
            t.Poll(10000);
            Assert.Equal(ClientTransaction.Terminated, t.State);
        }
    }

    public class RegistrationTests
    {
        private readonly SipInbox _inbox = new SipInbox(8, 4096);
        private readonly FakeChannel _channel;
        private readonly SipUserAgent _ua;
        private readonly Registrations _reg;
        private readonly List<string> _events = new List<string>();

        public RegistrationTests()
        {
            _channel = new FakeChannel(_inbox);
            _ua = new SipUserAgent(_inbox) { Udp = _channel, LocalHost = "192.0.2.10" }.Route(new RecordingHandler());
            _reg = new Registrations(_ua);
            _reg.Changed += (id, ok, status, reason) => _events.Add(id + (ok ? " up " : " down ") + status);
        }

        private void Register(string password = "secret", int expires = 3600)
        {
            var identity = new SipIdentity { Index = 3, Active = true, User = "486", Registrar = "10.0.0.1:5070", Password = password, Expires = expires };
            _ua.SetIdentity(identity);
            _reg.Update(identity, 0);
            Poll(0);
        }

        /// <summary>One loop turn: the core, then the registration layer over it (as PhoneApp.Poll).</summary>
        private void Poll(long now)
        {
            _ua.Poll(now);
            _reg.Poll(now);
        }

        private void Reply(int status, string reason, string extra, long now)
        {
            _channel.Arrive(_channel.Answer(status, reason, extra));
            Poll(now);
        }

        [Fact]
        public void RegisterCarriesTheLineTokenAndGoesToTheRegistrar()
        {
            Register();
            Assert.StartsWith("REGISTER sip:10.0.0.1:5070 SIP/2.0", _channel.Last);
            Assert.Equal("<sip:486@192.0.2.10:5060;line=dp3>", FakeChannel.Header(_channel.Last, "Contact"));
            Assert.Equal(("10.0.0.1", 5070), (_channel.Sent[0].Host, _channel.Sent[0].Port));
        }

        [Fact]
        public void TheChangeIsToldByTheRegistrationsPollNotInsideTheAnswersHandling()
        {
            Register();
            _channel.Arrive(_channel.Answer(200, "OK", "Contact: <sip:486@192.0.2.10:5060;line=dp3>;expires=120\n"));
            _ua.Poll(10);
            // Handled (registered) but not told yet: what the change sets off runs without the answer's frames under it.
            Assert.True(_reg.Get(3).Registered);
            Assert.Empty(_events);
            _reg.Poll(10);
            Assert.Equal(new[] { "3 up 200" }, _events);
            _reg.Poll(20);
            Assert.Single(_events);
            // Stopping is told at once (a stopped client is not polled again).
            _reg.Update(new SipIdentity { Index = 3, Active = false }, 30);
            Assert.Equal(new[] { "3 up 200", "3 down 200" }, _events);
        }

        [Fact]
        public void ChallengeIsAnsweredAndRegistrationRefreshedBeforeExpiry()
        {
            Register();
            Reply(401, "Unauthorized", "WWW-Authenticate: Digest realm=\"10.0.0.1\", nonce=\"n1\", qop=\"auth\"\n", 10);
            string auth = FakeChannel.Header(_channel.Last, "Authorization");
            Assert.Contains("username=\"486\"", auth);
            Assert.Contains("nc=00000001", auth);
            Reply(200, "OK", "Contact: <sip:486@192.0.2.10:5060;line=dp3>;expires=120\n", 20);
            Assert.Equal(new[] { "3 up 200" }, _events);
            Assert.Equal(120, _reg.Get(3).GrantedExpires);

            int before = _channel.Sent.Count;
            Poll(20 + 89_999);
            Assert.Equal(before, _channel.Sent.Count);
            Poll(20 + 90_000);
            Assert.Equal(before + 1, _channel.Sent.Count);
        }

        [Fact]
        public void RefreshKeepsTheCallIdAndCountsOnWithTheSameNonce()
        {
            Register();
            string callId = FakeChannel.Header(_channel.Last, "Call-ID");
            Reply(401, "Unauthorized", "WWW-Authenticate: Digest realm=\"10.0.0.1\", nonce=\"n1\", qop=\"auth\"\n", 10);
            Assert.Contains("nc=00000001", FakeChannel.Header(_channel.Last, "Authorization"));
            Reply(200, "OK", "Contact: <sip:486@192.0.2.10:5060;line=dp3>;expires=120\n", 20);
            Poll(20 + 90_000);
            Assert.Contains("nc=00000002", FakeChannel.Header(_channel.Last, "Authorization"));
            Assert.Equal(callId, FakeChannel.Header(_channel.Last, "Call-ID"));
            Assert.Contains("-reg3", callId);

            // A new nonce (stale) starts the count again.
            Reply(401, "Unauthorized", "WWW-Authenticate: Digest realm=\"10.0.0.1\", nonce=\"n2\", qop=\"auth\", stale=true\n", 90_030);
            string auth = FakeChannel.Header(_channel.Last, "Authorization");
            Assert.Contains("nonce=\"n2\"", auth);
            Assert.Contains("nc=00000001", auth);
            Assert.Equal(callId, FakeChannel.Header(_channel.Last, "Call-ID"));
        }

        [Fact]
        public void WrongPasswordIsNotRetriedForTheSameNonceAndTheBackOffsAttemptAnswersAChallengeAfresh()
        {
            // The back-off's REGISTER carries no credentials (the refused challenge is not kept), so its challenge is
            // answered, stale=true or not; a stale=true naming the nonce just answered is a refusal (CredentialsRefusedTests).
            Register();
            Reply(401, "Unauthorized", "WWW-Authenticate: Digest realm=\"r\", nonce=\"n1\"\n", 10);
            Reply(401, "Unauthorized", "WWW-Authenticate: Digest realm=\"r\", nonce=\"n1\"\n", 20);
            Assert.Equal(new[] { "3 down 401" }, _events);
            int sent = _channel.Sent.Count;
            Poll(20 + RegistrationClient.FirstRetryMs);
            Assert.Equal(sent + 1, _channel.Sent.Count);
            Reply(401, "Unauthorized", "WWW-Authenticate: Digest realm=\"r\", nonce=\"n1\", stale=true\n", 6000);
            Assert.Equal(sent + 2, _channel.Sent.Count);
            Assert.Null(FakeChannel.Header(_channel.Sent[sent].Text, "Authorization"));
            Assert.Contains("nonce=\"n1\"", FakeChannel.Header(_channel.Last, "Authorization"));
        }

        [Fact]
        public void IntervalTooBriefUsesMinExpires()
        {
            Register(expires: 60);
            Reply(423, "Interval Too Brief", "Min-Expires: 1800\n", 10);
            Assert.Equal("1800", FakeChannel.Header(_channel.Last, "Expires"));
        }

        [Fact]
        public void FailuresBackOffExponentiallyWithACap()
        {
            Register();
            long now = 0;
            var waits = new List<long>();
            for (int i = 0; i < 8; i++)
            {
                Reply(503, "Service Unavailable", "", now);
                long due = _reg.Get(3).DueMs;
                waits.Add(due - now);
                now = due;
                Poll(now);
            }
            Assert.Equal(new long[] { 5000, 10000, 20000, 40000, 80000, 160000, 300000, 300000 }, waits.ToArray());
        }

        [Fact]
        public void NetworkReturnRegistersAgainAtOnce()
        {
            Register();
            Reply(503, "Service Unavailable", "", 10);
            int sent = _channel.Sent.Count;
            _reg.NetworkRestored(100);
            Poll(100);
            Assert.Equal(sent + 1, _channel.Sent.Count);
        }

        [Fact]
        public void NetworkReportRightAfterTheRegistrationChangesNothingButLaterRegistersAgain()
        {
            Register();
            Reply(200, "OK", "Contact: <sip:486@192.0.2.10:5060;line=dp3>;expires=120\n", 1000);
            Assert.Equal("OK", _reg.Get(3).LastReason);
            int sent = _channel.Sent.Count;
            _reg.NetworkRestored(2999);
            Poll(2999);
            Assert.Equal(sent, _channel.Sent.Count);
            _reg.NetworkRestored(3000);
            Poll(3000);
            Assert.Equal(sent + 1, _channel.Sent.Count);
            Reply(200, "Fine", "Contact: <sip:486@192.0.2.10:5060;line=dp3>;expires=120\n", 3010);
            Assert.Equal("Fine", _reg.Get(3).LastReason);
            Assert.Equal(200, _reg.Get(3).LastStatus);
        }

        /// <summary>Identities of one registrar keep one copy of its reason (docs/benchmarks.md h-restfields).</summary>
        [Fact]
        public void IdentitiesKeepOneCopyOfTheRegistrarsReason()
        {
            Register();
            Reply(200, "Registered", "Contact: <sip:486@192.0.2.10:5060;line=dp3>;expires=120\n", 10);
            var other = new SipIdentity { Index = 4, Active = true, User = "487", Registrar = "10.0.0.1:5070", Password = "secret" };
            _ua.SetIdentity(other);
            _reg.Update(other, 20);
            Poll(20);
            Reply(200, "Registered", "Contact: <sip:487@192.0.2.10:5060;line=dp4>;expires=120\n", 30);
            Assert.True(_reg.Get(3).Registered);
            Assert.True(_reg.Get(4).Registered);
            Assert.Equal("Registered", _reg.Get(4).LastReason);
            Assert.Same(_reg.Get(3).LastReason, _reg.Get(4).LastReason);
        }

        [Fact]
        public void NoAnswerIsAFailure()
        {
            Register();
            for (long now = 0; now <= 33000; now += 100)
            {
                Poll(now);
            }
            Assert.Equal(new[] { "3 down 408" }, _events);
        }
    }
}

namespace DeskPhone.Sip.Tests.Stack
{
    public class AuthenticatedRequestTests
    {
        private readonly SipInbox _inbox = new SipInbox(8, 4096);

        [Fact]
        public void ChallengeIsAnsweredOnceThenTheFinalAnswerIsReported()
        {
            var channel = new FakeChannel(_inbox);
            var ua = new SipUserAgent(_inbox) { Udp = channel, LocalHost = "192.0.2.10" }.Route(new RecordingHandler());
            ua.SetIdentity(new SipIdentity { Index = 2, Active = true, User = "486", Password = "pw" });
            var answers = new List<int>();
            int cseq = 0;
            RequestBuilder build = (branch, header, value) => System.Text.Encoding.ASCII.GetBytes(
                "SUBSCRIBE sip:bob@pbx SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10;branch=" + branch + "\r\nFrom: <sip:486@pbx>;tag=t\r\n" +
                "To: <sip:bob@pbx>\r\nCall-ID: s1\r\nCSeq: " + (++cseq) + " SUBSCRIBE\r\n" + (header == null ? "" : header + ": " + value + "\r\n") +
                "Content-Length: 0\r\n\r\n");

            Assert.True(ua.SendRequest(ua.GetIdentity(2), "SUBSCRIBE", "sip:bob@pbx", "10.0.0.1", 5060, build, (t, r, now) => answers.Add(r == null ? 0 : r.StatusCode), 0));
            channel.Arrive(channel.Answer(407, "Proxy Authentication Required", "Proxy-Authenticate: Digest realm=\"pbx\", nonce=\"n\", qop=\"auth\"\n"));
            ua.Poll(10);

            string retry = channel.Last;
            Assert.Equal("2 SUBSCRIBE", FakeChannel.Header(retry, "CSeq"));
            Assert.StartsWith("Digest username=\"486\", realm=\"pbx\"", FakeChannel.Header(retry, "Proxy-Authorization"));
            Assert.Empty(answers);

            channel.Arrive(channel.Answer(407, "Proxy Authentication Required", "Proxy-Authenticate: Digest realm=\"pbx\", nonce=\"n2\"\n"));
            ua.Poll(20);
            Assert.Equal(new[] { 407 }, answers);
        }
    }
}

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>A handler that throws (issue 16, item 1): the slot comes back and the request gets 500.</summary>
    public class FaultingHandlerTests
    {
        private sealed class ThrowingHandler : DeskPhone.Domain.Routing.ISipRequestHandler
        {
            public int Calls;

            public int OnMessage(int identity, SipMessage request)
            {
                Calls++;
                string body = System.Text.Encoding.UTF8.GetString(request.Buffer, request.BodyOffset, request.BodyLength);
                if (body == "boom")
                {
                    throw new System.InvalidOperationException("handler fault");
                }
                return 200;
            }

            public DeskPhone.Sip.Events.Subscriptions Events => null;

            public DeskPhone.Sip.UserAgent.IAfterPacket AfterNotify => null;

            public int OnNotify(int identity, SipMessage request, bool fromRegistrar) => 200;
        }

        private static string Message(string body, string branch) =>
            "MESSAGE sip:486@192.0.2.5;line=dp1 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=" + branch + "\nFrom: <sip:pbx@10.0.0.1>;tag=f\n" +
            "To: <sip:486@192.0.2.5>\nCall-ID: " + branch + "\nCSeq: 1 MESSAGE\nMax-Forwards: 70\nContent-Type: text/plain\nContent-Length: " +
            body.Length + "\n\n" + body;

        [Fact]
        public void AThrowingHandlerNeitherLosesSlotsNorLeavesTheRequestUnanswered()
        {
            const int slots = 4;
            var inbox = new SipInbox(slots, 2048);
            var channel = new FakeChannel(inbox);
            var handler = new ThrowingHandler();
            var ua = new SipUserAgent(inbox) { Udp = channel }.Route(handler);
            ua.SetIdentity(new SipIdentity { Index = 1, Active = true, User = "486", Registrar = "10.0.0.1" });

            for (int i = 0; i < slots * 3; i++)
            {
                channel.Arrive(Message("boom", "z9hG4bKf" + i));
                // The fault still reaches the loop (which reports it), after the request was answered.
                Assert.Throws<System.InvalidOperationException>(() => ua.Poll(0));
                Assert.StartsWith("SIP/2.0 500 ", channel.Last);
                Assert.Equal("z9hG4bKf" + i, FakeChannel.Header(channel.Last, "Call-ID"));
            }

            // A retransmission of a faulting request is answered from the transaction, not handled again.
            int calls = handler.Calls;
            channel.Arrive(Message("boom", "z9hG4bKf0"));
            ua.Poll(0);
            Assert.StartsWith("SIP/2.0 500 ", channel.Last);
            Assert.Equal(calls, handler.Calls);

            channel.Arrive(Message("hello", "z9hG4bKok"));
            ua.Poll(0);
            Assert.StartsWith("SIP/2.0 200 OK", channel.Last);
        }

        [Fact]
        public void PacketsQueuedBehindAFaultAreHandledOnTheNextPoll()
        {
            var inbox = new SipInbox(4, 2048);
            var channel = new FakeChannel(inbox);
            var ua = new SipUserAgent(inbox) { Udp = channel }.Route(new ThrowingHandler());
            ua.SetIdentity(new SipIdentity { Index = 1, Active = true, User = "486", Registrar = "10.0.0.1" });

            channel.Arrive(Message("boom", "z9hG4bKq1"));
            channel.Arrive(Message("fine", "z9hG4bKq2"));
            Assert.Throws<System.InvalidOperationException>(() => ua.Poll(0));
            ua.Poll(0);

            Assert.Equal(2, channel.Sent.Count);
            Assert.StartsWith("SIP/2.0 500 ", channel.Sent[0].Text);
            Assert.StartsWith("SIP/2.0 200 OK", channel.Sent[1].Text);
        }
    }
}

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>An identity keeps its index and flags in one int and a bare registrar host as one string (docs/benchmarks.md).</summary>
    public class SipIdentityTests
    {
        [Fact]
        public void IndexActiveAndUserNameAsLineAreIndependent()
        {
            var id = new SipIdentity { Index = 12, Active = true, UserNameAsLine = true };
            Assert.Equal((12, true, true), (id.Index, id.Active, id.UserNameAsLine));
            id.Active = false;
            Assert.Equal((12, false, true), (id.Index, id.Active, id.UserNameAsLine));
            id.UserNameAsLine = false;
            id.Index = 3;
            Assert.Equal((3, false, false), (id.Index, id.Active, id.UserNameAsLine));
            id.Active = true;
            Assert.Equal((3, true, false), (id.Index, id.Active, id.UserNameAsLine));
            Assert.Equal(3600, id.Expires);
        }

        [Fact]
        public void ABareRegistrarIsItsOwnHostAndOtherFormsAreCut()
        {
            var id = new SipIdentity { Registrar = "10.0.0.1" };
            Assert.Same(id.Registrar, id.RegistrarHost);
            id.Registrar = "PBX.example:5070";
            Assert.Equal("pbx.example", id.RegistrarHost);
            id.Registrar = "[2001:DB8::1]:5070";
            Assert.Equal("2001:db8::1", id.RegistrarHost);
            id.Outbound = "";
            Assert.Null(id.OutboundHost);
            // Written as a source address when set (no port, no brackets, lower case).
            id.Outbound = "[2001:DB8::2]:5080";
            Assert.Equal("2001:db8::2", id.OutboundHost);
            id.Outbound = "Proxy.example:5070";
            Assert.Equal("proxy.example", id.OutboundHost);
            id.Outbound = null;
            Assert.Null(id.OutboundHost);
        }
    }
}
