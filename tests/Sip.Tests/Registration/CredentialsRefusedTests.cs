using System.Collections.Generic;
using DeskPhone.Sip.Registration;
using DeskPhone.Sip.Tests.Stack;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Tests.Registration
{
    /// <summary>
    /// A 401 to credentials just sent for a fresh nonce is a refusal, whatever nonce it carries (RFC 3261 22.2): the phone
    /// backs off instead of answering each new nonce at once (a registrar that draws one per challenge, as Asterisk does,
    /// got a REGISTER every round trip). A new nonce to a refresh, whose credentials reused an older nonce, is answered.
    /// </summary>
    public class CredentialsRefusedTests
    {
        private readonly FakeChannel _channel;
        private readonly SipUserAgent _ua;
        private readonly Registrations _reg;
        private readonly List<string> _events = new List<string>();

        public CredentialsRefusedTests()
        {
            var inbox = new SipInbox(8, 4096);
            _channel = new FakeChannel(inbox);
            _ua = new SipUserAgent(inbox) { Udp = _channel, LocalHost = "192.0.2.10" }.Route(new RecordingHandler());
            _reg = new Registrations(_ua);
            _reg.Changed += (id, ok, status, reason) => _events.Add(id + (ok ? " up " : " down ") + status + " " + reason);
            var identity = new SipIdentity { Index = 1, Active = true, User = "486", Registrar = "10.0.0.1", Password = "wrong", Expires = 3600 };
            _ua.SetIdentity(identity);
            _reg.Update(identity, 0);
            Poll(0);
        }

        private void Poll(long now)
        {
            _ua.Poll(now);
            _reg.Poll(now);
        }

        private void Reply(int status, string extra, long now)
        {
            _channel.Arrive(_channel.Answer(status, status == 200 ? "OK" : "Unauthorized", extra));
            Poll(now);
        }

        private static string Challenge(string nonce) => "WWW-Authenticate: Digest realm=\"r\", nonce=\"" + nonce + "\"\n";

        [Fact]
        public void AFreshNonceToCredentialsJustSentIsARefusalAndBacksOff()
        {
            Reply(401, Challenge("n1"), 10);
            Assert.Equal(2, _channel.Sent.Count);
            Reply(401, Challenge("n2"), 20);
            Assert.Equal(2, _channel.Sent.Count);
            Assert.Equal(new[] { "1 down 401 credentials refused" }, _events);
            Assert.Equal(20 + RegistrationClient.FirstRetryMs, _reg.Get(1).DueMs);

            // The back-off's attempt starts over (no credentials), and a second refusal doubles the wait.
            Poll(20 + RegistrationClient.FirstRetryMs);
            Assert.Null(FakeChannel.Header(_channel.Last, "Authorization"));
            Reply(401, Challenge("n3"), 5030);
            Reply(401, Challenge("n4"), 5040);
            Assert.Equal(4, _channel.Sent.Count);
            Assert.Equal(5040 + 2 * RegistrationClient.FirstRetryMs, _reg.Get(1).DueMs);
        }

        [Fact]
        public void StaleWithTheNonceJustAnsweredIsARefusalNotALoop()
        {
            Reply(401, Challenge("n1"), 10);
            // stale=true naming the nonce the credentials were just sent for: no new nonce to answer (was: sent again at
            // once, and again for each such answer, a REGISTER every round trip).
            Reply(401, "WWW-Authenticate: Digest realm=\"r\", nonce=\"n1\", stale=true\n", 20);
            Assert.Equal(2, _channel.Sent.Count);
            Assert.Equal(new[] { "1 down 401 credentials refused" }, _events);

            // stale=true with a new nonce is answered at once.
            Poll(20 + RegistrationClient.FirstRetryMs);
            Reply(401, Challenge("n2"), 5030);
            Reply(401, "WWW-Authenticate: Digest realm=\"r\", nonce=\"n3\", stale=true\n", 5040);
            Assert.Equal(5, _channel.Sent.Count);
            Assert.Contains("nonce=\"n3\"", FakeChannel.Header(_channel.Last, "Authorization"));
        }

        [Fact]
        public void ANewNonceToARefreshIsAnsweredAtOnce()
        {
            Reply(401, Challenge("n1"), 10);
            Reply(200, "Contact: <sip:486@192.0.2.10:5060;line=dp1>;expires=120\n", 20);
            Poll(20 + 90_000);
            Assert.Contains("nonce=\"n1\"", FakeChannel.Header(_channel.Last, "Authorization"));

            // The registrar's nonce ran out without stale=true: the same credentials, answered for the new nonce.
            int sent = _channel.Sent.Count;
            Reply(401, Challenge("n2"), 90_030);
            Assert.Equal(sent + 1, _channel.Sent.Count);
            Assert.Contains("nonce=\"n2\"", FakeChannel.Header(_channel.Last, "Authorization"));
            Reply(200, "Contact: <sip:486@192.0.2.10:5060;line=dp1>;expires=120\n", 90_040);
            Assert.True(_reg.Get(1).Registered);
        }
    }
}
