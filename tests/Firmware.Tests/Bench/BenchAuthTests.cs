using System;
using System.Collections.Generic;
using System.Text;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Sip.Auth;
using DeskPhone.Sip.Events;

namespace DeskPhone.Firmware.Tests.Bench
{
    /// <summary>The HTTP interface's protection as the portable router decides it (docs/security.md), in virtual time.</summary>
    public class BenchAuthTests
    {
        private sealed class Screen : IScreenSource
        {
            public string GetScreenText() => "status: clock";
            public byte[] GetScreenPng() => null;
        }

        private sealed class NoSubscriptions : ISubscribeSender
        {
            public void SendSubscribe(Subscription s, bool newDialog, int expires) { }
        }

        private readonly SettingsStore _settings = new SettingsStore();
        private readonly PhoneCore _phone;
        private readonly BenchRouter _router;
        private readonly List<string> _log = new List<string>();
        private long _now = 1000;

        public BenchAuthTests()
        {
            _phone = new PhoneCore(_settings, null, new NoSubscriptions(), _now);
            _router = new BenchRouter(_phone, new Screen(), (code, action) => { }, null, null) { Page = Encoding.UTF8.GetBytes("<html>") };
            _router.Auth.Log = _log.Add;
        }

        private void Advance(long ms)
        {
            _now += ms;
            _phone.Poll(_now);
        }

        private BenchResponse Send(string method, string target, string authorization, string client = "10.0.0.9", string body = null, string admin = null)
        {
            byte[] bytes = body == null ? null : Encoding.UTF8.GetBytes(body);
            var request = new BenchRequest(method, target, authorization, client, bytes == null ? 0 : bytes.Length) { AdminPassword = admin };
            BenchResponse refusal = _router.Admit(request);
            if (refusal != null)
            {
                return refusal;
            }
            request.Body = bytes;
            return _router.Handle(request);
        }

        /// <summary>A Digest answer to the challenge in <paramref name="denied"/> as a browser computes it (qop=auth).</summary>
        private static string Digest(BenchResponse denied, string user, string password, string method, string uri, int nc = 1)
        {
            DigestChallenge c = DigestChallenge.Parse(denied.ExtraHeaderValue);
            Assert.NotNull(c);
            return DigestResponse.Header(user, password, method, uri, c, nc, "0a4f113b");
        }

        private static string Basic(string user, string password) =>
            "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));

        private static string Error(BenchResponse r)
        {
            Assert.Equal("application/json", r.ContentType);
            return System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("error").GetString();
        }

        [Fact]
        public void WithoutHttpPassTheInterfaceIsOpenAndTheWarningSaysSo()
        {
            Assert.Equal(200, Send("GET", "/api/status", null).Status);
            Assert.Equal(200, Send("GET", "/", null).Status);
            Assert.True(_phone.Statuses.IsActive(StatusId.PhoneHasNoHttpPassword));

            // The administrator password alone does not close the interface: the warning stays, the page stays open.
            _settings.Set("admin_mode_password", 0, "admin-pw");
            Assert.Equal(200, Send("GET", "/api/status", null).Status);
            Assert.True(_phone.Statuses.IsActive(StatusId.PhoneHasNoHttpPassword));

            _settings.Set("http_pass", 0, "pw");
            Assert.False(_phone.Statuses.IsActive(StatusId.PhoneHasNoHttpPassword));
            Assert.Equal(401, Send("GET", "/api/status", null).Status);
        }

        [Fact]
        public void HttpPassAsksForDigestOnEveryPathAndTheRightAnswerGetsIn()
        {
            _settings.Set("http_pass", 0, "s3cret");
            foreach (string target in new[] { "/", "/api/status", "/api/events", "/api/nothing" })
            {
                BenchResponse denied = Send("GET", target, null);
                Assert.Equal(401, denied.Status);
                Assert.Equal("WWW-Authenticate", denied.ExtraHeaderName);
                Assert.StartsWith("Digest realm=\"DeskPhone\"", denied.ExtraHeaderValue);
                Assert.Contains("qop=\"auth\"", denied.ExtraHeaderValue);
                Assert.DoesNotContain("Basic", denied.ExtraHeaderValue);
                Assert.Contains("http_pass", Error(denied));
            }
            BenchResponse challenge = Send("GET", "/api/status?x=1", null);
            Assert.Equal(200, Send("GET", "/api/status?x=1", Digest(challenge, "admin", "s3cret", "GET", "/api/status?x=1")).Status);
            // The same nonce serves further requests (with a higher nc), as browsers do.
            Assert.Equal(200, Send("GET", "/", Digest(challenge, "admin", "s3cret", "GET", "/", 2)).Status);
            // Without qop (RFC 2069 style) too.
            DigestChallenge c = DigestChallenge.Parse(challenge.ExtraHeaderValue);
            string ha1 = Md5.Hex("admin:DeskPhone:s3cret");
            string old = "Digest username=\"admin\", realm=\"DeskPhone\", nonce=\"" + c.Nonce + "\", uri=\"/api/leds\", response=\"" +
                         Md5.Hex(ha1 + ":" + c.Nonce + ":" + Md5.Hex("GET:/api/leds")) + "\"";
            Assert.Equal(200, Send("GET", "/api/leds", old).Status);
        }

        [Fact]
        public void DigestIsBoundToMethodUriUserAndOurNonces()
        {
            _settings.Set("http_pass", 0, "s3cret");
            BenchResponse challenge = Send("GET", "/api/status", null);
            // An answer computed for another request does not open this one.
            Assert.Equal(401, Send("POST", "/api/keys/OK/press", Digest(challenge, "admin", "s3cret", "GET", "/api/keys/OK/press")).Status);
            Assert.Equal(401, Send("GET", "/api/leds", Digest(challenge, "admin", "s3cret", "GET", "/api/status"), client: "10.0.0.2").Status);
            // A nonce this phone did not make.
            string forged = challenge.ExtraHeaderValue.Replace("nonce=\"", "nonce=\"f");
            forged = forged.Substring(0, forged.IndexOf("nonce=\"") + 7) + new string('0', 48) + "\"";
            Assert.Equal(401, Send("GET", "/api/status", Digest(new BenchResponse(401, "", new byte[0]) { ExtraHeaderValue = forged }, "admin", "s3cret", "GET", "/api/status"), client: "10.0.0.3").Status);
            // Another user name.
            Assert.Equal(401, Send("GET", "/api/status", Digest(challenge, "root", "s3cret", "GET", "/api/status"), client: "10.0.0.4").Status);
            // The method and the user name are part of the answer: those were wrong passwords; a wrong uri or nonce was not.
            Assert.Equal(2, _log.Count);
        }

        [Fact]
        public void AnExpiredNonceWithTheRightPasswordIsStale()
        {
            _settings.Set("http_pass", 0, "s3cret");
            BenchResponse challenge = Send("GET", "/api/status", null);
            Advance(BenchAuth.NonceLifetimeMs + 1000);
            BenchResponse stale = Send("GET", "/api/status", Digest(challenge, "admin", "s3cret", "GET", "/api/status"));
            Assert.Equal(401, stale.Status);
            Assert.Contains("stale=true", stale.ExtraHeaderValue);
            Assert.Equal(200, Send("GET", "/api/status", Digest(stale, "admin", "s3cret", "GET", "/api/status")).Status);
            Assert.Empty(_log);
        }

        [Fact]
        public void BasicIsRefusedUnlessHttpBasicAuthAllowsIt()
        {
            _settings.Set("http_pass", 0, "s3cret");
            BenchResponse refused = Send("GET", "/api/status", Basic("admin", "s3cret"));
            Assert.Equal(401, refused.Status);
            Assert.Contains("http_basic_auth", Error(refused));
            Assert.DoesNotContain("Basic", refused.ExtraHeaderValue);

            _settings.Set("http_basic_auth", 0, "on");
            BenchResponse offered = Send("GET", "/api/status", null);
            Assert.Contains("Basic realm=\"DeskPhone\"", offered.ExtraHeaderValue);
            Assert.Equal(200, Send("GET", "/api/status", Basic("admin", "s3cret")).Status);
            Assert.Equal(401, Send("GET", "/api/status", Basic("admin", "wrong"), client: "10.0.0.7").Status);
            Assert.Equal(401, Send("GET", "/api/status", "Basic %%%", client: "10.0.0.8").Status);
        }

        [Fact]
        public void WrongPasswordsBackOffExponentiallyPerClientAndAreLogged()
        {
            _settings.Set("http_pass", 0, "s3cret");
            BenchResponse challenge = Send("GET", "/api/status", null);
            Assert.Equal(401, Send("GET", "/api/status", Digest(challenge, "admin", "guess1", "GET", "/api/status")).Status);
            // Refused for 1 s, even with the right password; another client is not affected.
            BenchResponse wait = Send("GET", "/api/status", Digest(challenge, "admin", "s3cret", "GET", "/api/status"));
            Assert.Equal(429, wait.Status);
            Assert.Equal("Retry-After", wait.ExtraHeaderName);
            Assert.Equal("1", wait.ExtraHeaderValue);
            Assert.Contains("too many wrong passwords", Error(wait));
            Assert.Equal(200, Send("GET", "/api/status", Digest(challenge, "admin", "s3cret", "GET", "/api/status"), client: "10.0.0.10").Status);

            long[] expected = { 2, 4, 8, 16, 32, 64, 64, 64 };
            foreach (long seconds in expected)
            {
                Advance(70000);
                challenge = Send("GET", "/api/status", null);
                Assert.Equal(401, Send("GET", "/api/status", Digest(challenge, "admin", "guess", "GET", "/api/status")).Status);
                Assert.Equal(seconds.ToString(), Send("GET", "/api/status", null).ExtraHeaderValue);
            }
            Assert.Equal(9, _log.Count);
            Assert.Equal("bench: wrong password from 10.0.0.9 (9 in a row); refusing it for 64 s", _log[8]);

            // Success forgets the client.
            Advance(70000);
            challenge = Send("GET", "/api/status", null);
            Assert.Equal(200, Send("GET", "/api/status", Digest(challenge, "admin", "s3cret", "GET", "/api/status")).Status);
            Assert.Equal(401, Send("GET", "/api/status", Digest(challenge, "admin", "guess", "GET", "/api/status", 3)).Status);
            Assert.EndsWith("(1 in a row); refusing it for 1 s", _log[9]);
        }

        [Fact]
        public void TheBackOffTableIsBounded()
        {
            _settings.Set("http_pass", 0, "s3cret");
            BenchResponse challenge = Send("GET", "/api/status", null, client: "10.1.0.0");
            for (int i = 0; i < 1000; i++)
            {
                Advance(1);
                Send("GET", "/api/status", Digest(challenge, "admin", "x", "GET", "/api/status"), client: "10.1." + (i / 256) + "." + (i % 256));
            }
            // The newest sixteen are remembered; the oldest were pushed out.
            Assert.Equal(429, Send("GET", "/api/status", null, client: "10.1.3.231").Status);
            Assert.Equal(401, Send("GET", "/api/status", null, client: "10.1.0.0").Status);
        }

        [Fact]
        public void ACredentialsChangeEndsEveryNonce()
        {
            _settings.Set("http_pass", 0, "s3cret");
            BenchResponse challenge = Send("GET", "/api/status", null);
            string auth = Digest(challenge, "admin", "s3cret", "GET", "/api/status");
            var admitted = new BenchRequest("GET", "/api/status", auth, "10.0.0.9", 0);
            Assert.Null(_router.Admit(admitted));
            int epoch = _router.Auth.Epoch;

            _settings.Set("http_pass", 0, "n3w");
            Assert.NotEqual(epoch, _router.Auth.Epoch);
            // The request admitted before the change, and the old nonce with the (old) right password, are over.
            Assert.Equal(401, _router.Handle(admitted).Status);
            Assert.Equal(401, Send("GET", "/api/status", auth).Status);
            BenchResponse fresh = Send("GET", "/api/status", null);
            Assert.Equal(200, Send("GET", "/api/status", Digest(fresh, "admin", "n3w", "GET", "/api/status")).Status);
            Assert.Empty(_log);
        }

        [Fact]
        public void BodiesAreDecidedOnBeforeTheyAreRead()
        {
            // Protected: the headers alone get 401, whatever the announced length.
            _settings.Set("http_pass", 0, "s3cret");
            var huge = new BenchRequest("POST", "/api/settings/user_realname?idx=1", null, "10.0.0.9", 512L * 1024 * 1024);
            BenchResponse denied = _router.Admit(huge);
            Assert.Equal(401, denied.Status);

            BenchResponse challenge = Send("GET", "/api/status", null);
            var big = new BenchRequest("POST", "/api/settings/user_realname?idx=1", Digest(challenge, "admin", "s3cret", "POST", "/api/settings/user_realname?idx=1"), "10.0.0.9", BenchRouter.MaxBodyBytes + 1);
            BenchResponse tooLarge = _router.Admit(big);
            Assert.Equal(413, tooLarge.Status);
            Assert.Contains(BenchRouter.MaxBodyBytes.ToString(), Error(tooLarge));
            // A body that turned out larger than announced (chunked) is refused too.
            var chunked = new BenchRequest("POST", "/api/settings/user_realname?idx=1", Digest(challenge, "admin", "s3cret", "POST", "/api/settings/user_realname?idx=1", 2), "10.0.0.9", -1);
            Assert.Null(_router.Admit(chunked));
            chunked.Body = new byte[BenchRouter.MaxBodyBytes + 1];
            Assert.Equal(413, _router.Handle(chunked).Status);
        }

        [Fact]
        public void AdminPasswordGuardsPasswordsSecretsAndFactoryReset()
        {
            _settings.Set("admin_mode_password", 0, "adm");
            foreach (string name in new[] { "http_pass", "admin_mode_password", "user_pass?idx=1", "http_user", "http_basic_auth" })
            {
                BenchResponse refused = Send("POST", "/api/settings/" + name, null, body: "x");
                Assert.Equal(403, refused.Status);
                Assert.Contains("X-Admin-Password", Error(refused));
            }
            Assert.Equal(403, Send("POST", "/api/factory-reset", null).Status);
            // Ordinary settings need no administrator.
            Assert.Equal(200, Send("POST", "/api/settings/user_realname?idx=1", null, body: "Desk").Status);

            Assert.Equal(403, Send("POST", "/api/settings/http_pass", null, body: "pw", admin: "wrong").Status);
            Assert.Single(_log);
            Assert.Contains("wrong administrator password", _log[0]);
            Advance(2000);
            Assert.Equal(200, Send("POST", "/api/settings/http_pass", null, body: "pw", admin: "adm").Status);
            Assert.True(_settings.IsPasswordSet("http_pass"));
        }

        [Fact]
        public void FactoryResetWithTheAdminPasswordOpensTheInterfaceAgain()
        {
            _settings.Set("admin_mode_password", 0, "adm");
            _settings.Set("http_pass", 0, "pw");
            BenchResponse challenge = Send("POST", "/api/factory-reset", null);
            BenchResponse reset = Send("POST", "/api/factory-reset", Digest(challenge, "admin", "pw", "POST", "/api/factory-reset"), admin: "adm");
            Assert.Equal(200, reset.Status);
            Assert.False(_settings.IsPasswordSet("http_pass"));
            Assert.Equal(200, Send("GET", "/api/status", null).Status);
        }

        [Fact]
        public void HttpPassIsStoredAsHa1ForHttpUserNeverInClear()
        {
            _settings.Set("http_user", 0, "bench");
            _settings.Set("http_pass", 0, "s3cret");
            string stored = _settings.Get("http_pass");
            Assert.Equal("$md5-ha1$" + Md5.Hex("bench:DeskPhone:s3cret") + "$bench", stored);
            Assert.True(_settings.CheckPassword("http_pass", "s3cret"));
            Assert.False(_settings.CheckPassword("http_pass", "s3cre"));

            // The HA1 belongs to the user it was made for until http_pass is set again.
            _settings.Set("http_user", 0, "other");
            BenchResponse challenge = Send("GET", "/api/status", null);
            Assert.Equal(200, Send("GET", "/api/status", Digest(challenge, "bench", "s3cret", "GET", "/api/status")).Status);
            _settings.Set("http_pass", 0, "s3cret");
            Assert.EndsWith("$other", _settings.Get("http_pass"));
            challenge = Send("GET", "/api/status", null);
            Assert.Equal(200, Send("GET", "/api/status", Digest(challenge, "other", "s3cret", "GET", "/api/status")).Status);

            // Export and import keep the form.
            var copy = new SettingsStore();
            byte[] xml = _settings.ExportXml(false);
            copy.ImportXml(xml, 0, xml.Length);
            Assert.Equal(_settings.Get("http_pass"), copy.Get("http_pass"));
        }

        [Fact]
        public void DigestParametersKeepTheFirstOfANameQuotedCommasAndABoundedCount()
        {
            string[] p = BenchAuth.Params("Username=\"a,b\", realm=DeskPhone, username=\"x\", nonce=\"n\\\"1\", junk");
            Assert.Equal("a,b", BenchAuth.Param(p, "username"));
            Assert.Equal("DeskPhone", BenchAuth.Param(p, "realm"));
            Assert.Equal("n\"1", BenchAuth.Param(p, "nonce"));
            Assert.Null(BenchAuth.Param(p, "uri"));

            // A header of junk pairs keeps the first MaxParams and ignores the rest.
            var junk = new System.Text.StringBuilder();
            for (int i = 0; i < 100; i++)
            {
                junk.Append("p" + i + "=v" + i + ", ");
            }
            string[] many = BenchAuth.Params(junk.ToString());
            Assert.Equal(BenchAuth.MaxParams * 2, many.Length);
            Assert.Equal("v" + (BenchAuth.MaxParams - 1), BenchAuth.Param(many, "p" + (BenchAuth.MaxParams - 1)));
            Assert.Null(BenchAuth.Param(many, "p" + BenchAuth.MaxParams));
        }
}
}
