using System;
using System.Collections.Generic;
using System.Text;
using DeskPhone.Domain.Provisioning;
using DeskPhone.Domain.Settings;
using Xunit;

namespace DeskPhone.Firmware.Tests.Provisioning
{
    /// <summary>The provisioning client over a scripted server, in virtual time.</summary>
    public class ProvisioningClientTests
    {
        private const string Url = "http://prov.example:8080/cfg/{mac}.xml?model=m5";

        private readonly FakeHttpChannel _http = new FakeHttpChannel();
        private readonly SettingsStore _settings = new SettingsStore();
        private readonly ProvisioningClient _client;
        private readonly List<int> _states = new List<int>();
        private long _now;

        public ProvisioningClientTests()
        {
            _client = new ProvisioningClient(_http, _settings) { Mac = "00:08:DC:1F:2E:3D" };
            _client.StateChanged += s => _states.Add(s);
            _client.Configure(Url, false, 86400, 0);
        }

        private void Run(long ms)
        {
            for (long end = _now + ms; _now < end; _now += 10)
            {
                _http.Now = _now;
                _client.Poll(_now);
            }
        }

        private void RunUntilIdle(long maxMs = 200000)
        {
            long end = _now + maxMs;
            do
            {
                Run(10);
            }
            while (_client.State != ProvisioningClient.Idle && _now < end);
            Assert.Equal(ProvisioningClient.Idle, _client.State);
        }

        private static string Doc(string body) => "<settings><phone-settings>" + body + "</phone-settings></settings>";

        [Fact]
        public void TheRequestIsAPlainHttp11GetWithTheMacFilledIn()
        {
            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml(Doc("")));

            Assert.Null(_client.Run("bench", _now));
            RunUntilIdle();

            Assert.Equal(("prov.example", 8080), (_http.Opens[0].Host, _http.Opens[0].Port));
            Assert.Equal(
                "GET /cfg/0008dc1f2e3d.xml?model=m5 HTTP/1.1\r\nHost: prov.example:8080\r\nUser-Agent: DeskPhone\r\n" +
                "Accept: application/xml, text/xml, */*\r\nConnection: close\r\n\r\n",
                Assert.Single(_http.Requests));
            Assert.Equal("prov.example:8080/cfg/0008dc1f2e3d.xml?model=m5", _client.LastTarget);
        }

        [Fact]
        public void ADocumentIsAppliedLiveWithUnknownSettingsKeptAndBadValuesNamed()
        {
            var changed = new List<string>();
            _settings.SettingChanged += (name, idx, reboot) => changed.Add(name + "[" + idx + "]");
            // The answer arrives in small pieces, with the head split in the middle of a line.
            string xml = Doc("<user_host idx=\"1\" perm=\"\">pbx.example</user_host><ring_volume>12</ring_volume>" +
                             "<user_expiry idx=\"1\">5</user_expiry><vendor_gadget>on</vendor_gadget>");
            string all = "HTTP/1.1 200 OK\r\nContent-Length: " + Encoding.UTF8.GetByteCount(xml) + "\r\n\r\n" + xml;
            var answer = new FakeHttpChannel.Answer();
            for (int i = 0; i < all.Length; i += 7)
            {
                answer.Pieces.Enqueue(Encoding.UTF8.GetBytes(all.Substring(i, Math.Min(7, all.Length - i))));
            }
            _http.Script.Enqueue(answer);

            _client.Run("bench", _now);
            RunUntilIdle();

            Assert.True(_client.LastOk, _client.LastResult);
            Assert.Equal("2 applied, 1 unknown kept, 1 refused", _client.LastResult);
            Assert.Equal("pbx.example", _settings.Get("user_host", 1));
            Assert.Equal(12, _settings.GetInt("ring_volume"));
            Assert.Equal(new[] { "user_host[1]", "ring_volume[0]" }, changed);
            Assert.Equal(new[] { "vendor_gadget" }, _client.LastUnknown);
            Assert.StartsWith("user_expiry[1]: 5 is out of range", Assert.Single(_client.LastErrors));
            Assert.Equal(1, _settings.UnknownCount);
            Assert.Equal(new[] { ProvisioningClient.Starting, ProvisioningClient.Fetching, ProvisioningClient.Idle }, _states);
        }

        /// <summary>
        /// The result counts every refused value, not the report's list, which stops at 32 and a line for the rest:
        /// 40 refused read "33 refused".
        /// </summary>
        [Fact]
        public void TheResultCountsEveryRefusedValueBeyondTheListedOnes()
        {
            var sb = new StringBuilder();
            for (int i = 1; i <= 40; i++)
            {
                sb.Append("<ring_volume>").Append(100 + i).Append("</ring_volume>");
            }
            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml(Doc(sb.ToString())));

            _client.Run("bench", _now);
            RunUntilIdle();

            Assert.Equal("0 applied, 0 unknown kept, 40 refused", _client.LastResult);
        }

        /// <summary>
        /// A UTF-8 byte order mark before the XML (what .NET's Encoding.UTF8 and many editors write; XML 1.0 4.3.3 allows
        /// it) is read past, in a container and in the settings document it lists: both failed with "bad XML, nothing
        /// applied: malformed XML: text outside the root element at byte 0".
        /// </summary>
        [Fact]
        public void AByteOrderMarkBeforeTheXmlIsReadPast()
        {
            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml("\uFEFF<setting-files><file url=\"/general.xml\"/></setting-files>"));
            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml("\uFEFF" + Doc("<ring_volume>4</ring_volume>")));

            _client.Run("bench", _now);
            RunUntilIdle();

            Assert.Equal("1 files: 1 applied, 0 unknown kept, 0 refused", _client.LastResult);
            Assert.Equal(4, _settings.GetInt("ring_volume"));
        }

        [Fact]
        public void ASettingFilesContainerFetchesEachListedFileInOrderAndAppliesThemAll()
        {
            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<setting-files>\n" +
                "  <file url=\"http://10.0.0.9/general.xml\"/>\n  <gui-languages url=\"http://10.0.0.9/lang.xml\"/>\n" +
                "  <file url=\"/cfg/{mac}-keys.xml\"></file>\n</setting-files>\n"));
            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml(Doc("<ring_volume>4</ring_volume><vendor_gadget>on</vendor_gadget>")));
            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml(Doc("<ring_volume>6</ring_volume><user_host idx=\"1\">pbx.example</user_host>")));

            _client.Run("bench", _now);
            RunUntilIdle();

            Assert.True(_client.LastOk, _client.LastResult);
            Assert.Equal("2 files: 3 applied, 1 unknown kept, 0 refused", _client.LastResult);
            Assert.Equal(3, _http.Requests.Count);
            Assert.StartsWith("GET /general.xml HTTP/1.1\r\nHost: 10.0.0.9\r\n", _http.Requests[1]);
            // A path is on the container's server, {mac} filled in.
            Assert.StartsWith("GET /cfg/0008dc1f2e3d-keys.xml HTTP/1.1\r\nHost: prov.example:8080\r\n", _http.Requests[2]);
            // Applied in the order listed: the later file's value stands.
            Assert.Equal(6, _settings.GetInt("ring_volume"));
            Assert.Equal("pbx.example", _settings.Get("user_host", 1));
            Assert.Equal(new[] { "vendor_gadget" }, _client.LastUnknown);
            Assert.Empty(_client.LastErrors);
        }

        [Fact]
        public void AListedFileThatFailsIsNamedAndTheOthersAreStillApplied()
        {
            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml(
                "<setting-files><file url=\"http://10.0.0.9/a.xml\"/><file url=\"ftp://10.0.0.9/b.xml\"/>" +
                "<file url=\"http://10.0.0.9/c.xml\"/><file url=\"http://10.0.0.9/d.xml\"/></setting-files>"));
            _http.Script.Enqueue(FakeHttpChannel.Answer.Of("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"));
            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml("<settings><phone-settings><ring_volume>"));
            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml(Doc("<ring_volume>9</ring_volume><user_expiry idx=\"1\">5</user_expiry>")));

            _client.Run("bench", _now);
            RunUntilIdle(5000);

            Assert.False(_client.LastOk);
            Assert.Equal("4 files, 3 failed: 1 applied, 0 unknown kept, 1 refused", _client.LastResult);
            // One request per file that had a usable URL, none retried: the 503 does not hold the run up.
            Assert.Equal(4, _http.Requests.Count);
            Assert.Equal(9, _settings.GetInt("ring_volume"));
            Assert.Equal(4, _client.LastErrors.Length);
            Assert.Equal("file 1: HTTP 503", _client.LastErrors[0]);
            Assert.StartsWith("file 2: only http:// and https://", _client.LastErrors[1]);
            Assert.StartsWith("file 3: bad XML, nothing applied:", _client.LastErrors[2]);
            Assert.StartsWith("user_expiry[1]: 5 is out of range", _client.LastErrors[3]);
        }

        [Theory]
        [InlineData("<setting-files></setting-files>", "<setting-files> lists no file, nothing applied")]
        [InlineData("<setting-files><file/></setting-files>", "<setting-files>: a <file> without url, nothing applied")]
        [InlineData("<setting-files><file url=\"http://a/1\"/><file url=\"http://a/2\"/><file url=\"http://a/3\"/><file url=\"http://a/4\"/>" +
                    "<file url=\"http://a/5\"/><file url=\"http://a/6\"/><file url=\"http://a/7\"/><file url=\"http://a/8\"/><file url=\"http://a/9\"/></setting-files>",
                    "<setting-files> lists more than 8 files, nothing applied")]
        [InlineData("<setting-files><file url=\"http://a/1\"/>", "<setting-files>: malformed XML:")]
        public void ABadContainerIsRefusedWholeAndNothingIsFetched(string container, string reason)
        {
            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml(container));

            _client.Run("bench", _now);
            RunUntilIdle();

            Assert.False(_client.LastOk);
            Assert.StartsWith(reason, _client.LastResult);
            Assert.Single(_http.Requests);
            Assert.Equal(0, _settings.UnknownCount);
        }

        [Fact]
        public void AContainerListedInAContainerIsNotFollowed()
        {
            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml("<setting-files><file url=\"/inner.xml\"/></setting-files>"));
            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml("<setting-files><file url=\"/deeper.xml\"/></setting-files>"));

            _client.Run("bench", _now);
            RunUntilIdle();

            Assert.False(_client.LastOk);
            Assert.Equal(2, _http.Requests.Count);
            Assert.Equal("file 1: bad XML, nothing applied: root element is <setting-files>, expected <settings>", Assert.Single(_client.LastErrors));
        }

        [Theory]
        [InlineData("http://[::1:8499/cfg.xml")]
        [InlineData("http://::1]:8499/cfg.xml")]
        [InlineData("http://[prov.example]/cfg.xml")]
        public void AnIPv6AddressOutOfItsBracketsIsRefusedAtOnceAndNothingIsFetched(string url)
        {
            _client.Configure(url, false, 86400, 0);

            Assert.Null(_client.Run("bench", _now));
            RunUntilIdle(1000);

            Assert.Empty(_http.Opens);
            Assert.False(_client.LastOk);
            Assert.StartsWith("a bad IPv6 address in " + url, _client.LastResult);
        }

        [Fact]
        public void ABracketedIPv6AddressWithItsPortIsRequested()
        {
            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml(Doc("")));
            _client.Configure("http://[2001:db8::1]:8499/cfg.xml", false, 86400, 0);

            Assert.Null(_client.Run("bench", _now));
            RunUntilIdle();

            Assert.Equal(("[2001:db8::1]", 8499), (_http.Opens[0].Host, _http.Opens[0].Port));
        }

        [Fact]
        public void A404EndsTheRunAtOnceWithTheStatus()
        {
            _http.Script.Enqueue(FakeHttpChannel.Answer.Of("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found"));

            _client.Run("bench", _now);
            RunUntilIdle();

            Assert.False(_client.LastOk);
            Assert.Equal("HTTP 404", _client.LastResult);
            Assert.Single(_http.Opens);
        }

        [Fact]
        public void OneRedirectIsFollowedToAnotherServerOrPath()
        {
            _http.Script.Enqueue(FakeHttpChannel.Answer.Of("HTTP/1.1 302 Found\r\nLocation: http://10.0.0.9/moved/phone.xml\r\nContent-Length: 0\r\n\r\n"));
            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml(Doc("<ring_volume>3</ring_volume>")));

            _client.Run("bench", _now);
            RunUntilIdle();

            Assert.True(_client.LastOk, _client.LastResult);
            Assert.Equal(3, _settings.GetInt("ring_volume"));
            Assert.Equal(("10.0.0.9", 80), (_http.Opens[1].Host, _http.Opens[1].Port));
            Assert.StartsWith("GET /moved/phone.xml HTTP/1.1\r\nHost: 10.0.0.9\r\n", _http.Requests[1]);
        }

        [Fact]
        public void ARelativeRedirectStaysOnTheServerAndASecondOneIsRefused()
        {
            _http.Script.Enqueue(FakeHttpChannel.Answer.Of("HTTP/1.1 301 Moved Permanently\r\nLocation: /a.xml\r\n\r\n"));
            _http.Script.Enqueue(FakeHttpChannel.Answer.Of("HTTP/1.1 307 Temporary Redirect\r\nLocation: /b.xml\r\n\r\n"));

            _client.Run("bench", _now);
            RunUntilIdle();

            Assert.StartsWith("GET /a.xml HTTP/1.1\r\nHost: prov.example:8080\r\n", _http.Requests[1]);
            Assert.Equal(2, _http.Opens.Count);
            Assert.False(_client.LastOk);
            Assert.Equal("HTTP 307, redirect not followed: more than 1 redirect", _client.LastResult);
        }

        [Fact]
        public void HttpsOpensTlsOnPort443WithTheHostAlone()
        {
            _client.Configure("https://prov.example/{mac}.xml", false, 86400, _now);
            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml(Doc("<ring_volume perm=\"\">9</ring_volume>")));

            _client.Run("bench", _now);
            RunUntilIdle();

            Assert.Equal(("prov.example", 443), (_http.Opens[0].Host, _http.Opens[0].Port));
            Assert.True(_http.Tls);
            Assert.StartsWith("GET /0008dc1f2e3d.xml HTTP/1.1\r\nHost: prov.example\r\n", _http.Requests[0]);
            Assert.True(_client.LastOk, _client.LastResult);
        }

        [Fact]
        public void AChannelWithoutTlsRefusesHttpsWithTheReasonAndNoRetry()
        {
            var client = new ProvisioningClient(new TcpHttpChannel(), _settings) { Mac = "00:08:DC:1F:2E:3D" };
            client.Configure("https://127.0.0.1:1/a.xml", false, 86400, _now);
            client.Run("bench", _now);
            for (int i = 0; i < 1000 && client.State != ProvisioningClient.Idle; i++)
            {
                _now += 10;
                client.Poll(_now);
            }
            Assert.False(client.LastOk);
            Assert.Equal("https is not available on this phone (no TLS channel): use http://", client.LastResult);
        }

        [Fact]
        public void AnUnknownMacIsAReasonNotARequest()
        {
            _client.Mac = null;

            _client.Run("bench", _now);
            RunUntilIdle();

            Assert.Empty(_http.Opens);
            Assert.Equal("the URL names {mac} but the phone's MAC address is not known", _client.LastResult);
        }

        [Fact]
        public void ABodyAboveTheLimitIsRefusedByItsLengthOrWhileRead()
        {
            _http.Script.Enqueue(FakeHttpChannel.Answer.Of("HTTP/1.1 200 OK\r\nContent-Length: 16385\r\n\r\n<settings>"));
            _client.Run("bench", _now);
            RunUntilIdle();
            Assert.Equal("too large: the document is over 16384 bytes", _client.LastResult);

            // No length: read until the server closes, refused once past the limit.
            var endless = FakeHttpChannel.Answer.Of("HTTP/1.1 200 OK\r\n\r\n", close: false);
            for (int i = 0; i < 40; i++)
            {
                endless.Pieces.Enqueue(new byte[1000]);
            }
            _http.Script.Enqueue(endless);
            _client.Run("bench", _now);
            RunUntilIdle();
            Assert.Equal("too large: the document is over 16384 bytes", _client.LastResult);
            Assert.Equal(2, _http.Opens.Count);
        }

        [Fact]
        public void AnHttp10AnswerWithBareLineFeedsIsReadUntilTheServerCloses()
        {
            _http.Script.Enqueue(FakeHttpChannel.Answer.Of("HTTP/1.0 200 OK\nContent-Type: text/xml\n\n" + Doc("<ring_volume>6</ring_volume>")));

            _client.Run("bench", _now);
            RunUntilIdle();

            Assert.True(_client.LastOk, _client.LastResult);
            Assert.Equal(6, _settings.GetInt("ring_volume"));
        }

        [Fact]
        public void AnAnswerThatIsNotHttpIsRefusedAtOnce()
        {
            _http.Script.Enqueue(FakeHttpChannel.Answer.Of("SSH-2.0-OpenSSH_9.2\r\n\r\n"));

            _client.Run("bench", _now);
            RunUntilIdle();

            Assert.Equal("not an HTTP/1.x answer", _client.LastResult);
            Assert.Single(_http.Opens);
        }

        [Fact]
        public void AChunkedBodyIsDecoded()
        {
            string xml = Doc("<ring_volume>5</ring_volume>");
            string chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" +
                             "a;ext=1\r\n" + xml.Substring(0, 10) + "\r\n" + (xml.Length - 10).ToString("x") + "\r\n" + xml.Substring(10) + "\r\n0\r\n\r\n";
            _http.Script.Enqueue(FakeHttpChannel.Answer.Of(chunked));

            _client.Run("bench", _now);
            RunUntilIdle();

            Assert.True(_client.LastOk, _client.LastResult);
            Assert.Equal(5, _settings.GetInt("ring_volume"));
        }

        /// <summary>
        /// Two different Content-Lengths leave the body's end unknown (RFC 9112 6.3: unrecoverable): refused, nothing
        /// applied; the last one was taken and the document applied. The same length twice is one length.
        /// </summary>
        [Fact]
        public void TwoDifferentContentLengthsAreRefused()
        {
            string xml = Doc("<ring_volume>2</ring_volume>");
            _http.Script.Enqueue(FakeHttpChannel.Answer.Of("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: " + xml.Length + "\r\n\r\n" + xml));

            _client.Run("bench", _now);
            RunUntilIdle();

            Assert.False(_client.LastOk);
            Assert.Equal("bad Content-Length", _client.LastResult);
            Assert.Equal(8, _settings.GetInt("ring_volume"));

            _http.Script.Enqueue(FakeHttpChannel.Answer.Of("HTTP/1.1 200 OK\r\nContent-Length: " + xml.Length + "\r\nContent-Length: " + xml.Length + "\r\n\r\n" + xml));
            _client.Run("bench", _now);
            RunUntilIdle();
            Assert.True(_client.LastOk, _client.LastResult);
            Assert.Equal(2, _settings.GetInt("ring_volume"));
        }

        [Fact]
        public void ATruncatedDocumentIsRetriedAndNothingIsApplied()
        {
            string xml = Doc("<ring_volume>2</ring_volume>");
            for (int i = 0; i < 4; i++)
            {
                // Content-Length promises the whole document; the server closes halfway.
                _http.Script.Enqueue(FakeHttpChannel.Answer.Of("HTTP/1.1 200 OK\r\nContent-Length: " + xml.Length + "\r\n\r\n" + xml.Substring(0, 20)));
            }

            _client.Run("bench", _now);
            RunUntilIdle();

            Assert.Equal(4, _http.Opens.Count);
            Assert.Equal("truncated: the server closed after 20 of " + xml.Length + " bytes", _client.LastResult);
            Assert.Equal(8, _settings.GetInt("ring_volume"));
        }

        [Fact]
        public void ADocumentCutShortInsideItsXmlIsRefusedWhole()
        {
            Assert.Null(_settings.Set("ring_volume", 0, "4"));
            // The length matches what was sent: only the XML reader can tell the document is cut.
            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml("<settings><phone-settings><ring_volume>9</ring_volume><user_host idx=\"1\">x"));

            _client.Run("bench", _now);
            RunUntilIdle();

            Assert.False(_client.LastOk);
            Assert.StartsWith("bad XML, nothing applied: ", _client.LastResult);
            Assert.Equal(4, _settings.GetInt("ring_volume"));
            Assert.Single(_http.Opens);
        }

        [Fact]
        public void AnEntityBombIsRefusedWithoutExpanding()
        {
            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml(
                "<?xml version=\"1.0\"?><!DOCTYPE settings [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>" +
                "<settings><phone-settings><user_realname idx=\"1\">&b;&b;&b;</user_realname></phone-settings></settings>"));

            _client.Run("bench", _now);
            RunUntilIdle();

            Assert.StartsWith("bad XML, nothing applied: ", _client.LastResult);
            Assert.Equal("", _settings.Get("user_realname", 1));
        }

        [Fact]
        public void TransientFailuresBackOff10_20_40SecondsThenTheRunFails()
        {
            for (int i = 0; i < 4; i++)
            {
                _http.Script.Enqueue(new FakeHttpChannel.Answer { NeverConnects = true });
            }
            var retries = new List<int>();
            _client.StateChanged += s => retries.Add(_client.Retry);

            _client.Run("bench", _now);
            RunUntilIdle();

            // Each attempt waits 5 s for its connection, then 10, 20, 40 s until the next.
            Assert.Equal(new long[] { 0, 15000, 40000, 85000 }, _http.Opens.ConvertAll(o => o.At).ToArray());
            Assert.Equal("timeout: no connection within 5 s", _client.LastResult);
            Assert.False(_client.LastOk);
            Assert.Equal(90000, _client.LastEndMs);
            Assert.Equal(new[] { 0, 0, 1, 1, 2, 2, 3, 3 }, retries.GetRange(0, 8));
        }

        [Fact]
        public void AServerErrorIsRetriedAndASuccessEndsTheRun()
        {
            _http.Script.Enqueue(FakeHttpChannel.Answer.Of("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"));
            _http.Script.Enqueue(FakeHttpChannel.Answer.Xml(Doc("<ring_volume>1</ring_volume>")));

            _client.Run("bench", _now);
            Run(100);
            Assert.Equal(ProvisioningClient.Waiting, _client.State);
            Assert.Equal("HTTP 503", _client.RetryReason);
            RunUntilIdle();

            Assert.True(_client.LastOk);
            Assert.Equal(1, _settings.GetInt("ring_volume"));
            Assert.Equal(10010, _http.Opens[1].At);
        }

        [Fact]
        public void ASlowServerTimesOutAfterFifteenSeconds()
        {
            _http.Script.Enqueue(FakeHttpChannel.Answer.Of("HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n<settings>", close: false));

            _client.Run("bench", _now);
            Run(15100);

            Assert.Equal(ProvisioningClient.Waiting, _client.State);
            Assert.Equal("timeout: no complete answer within 15 s", _client.RetryReason);
        }

        [Fact]
        public void TheScheduleRunsEveryPeriodOnlyWhenEnabled()
        {
            for (int i = 0; i < 3; i++)
            {
                _http.Script.Enqueue(FakeHttpChannel.Answer.Xml(Doc("")));
            }
            Run(120000);
            Assert.Empty(_http.Opens);

            _client.Configure(Url, true, 60, _now);
            Run(60000);
            Assert.Empty(_http.Opens);
            Run(100);
            Assert.Single(_http.Opens);
            Assert.Equal("schedule", _client.Trigger);
            Run(60000);
            Assert.Equal(2, _http.Opens.Count);

            _client.Configure(Url, false, 60, _now);
            Run(200000);
            Assert.Equal(2, _http.Opens.Count);
        }

        [Fact]
        public void ARunWhileOneRunsIsRefused()
        {
            _http.Script.Enqueue(new FakeHttpChannel.Answer { NeverConnects = true });
            Assert.Null(_client.Run("bench", _now));
            Assert.Equal("a provisioning run is already in progress", _client.Run("bench", _now));
            _client.Configure("", false, 60, _now);
        }

        [Fact]
        public void NothingIsAllocatedWhileIdle()
        {
            _client.Configure(Url, true, 3600, _now);
            _client.Poll(10);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (long t = 20; t < 100000; t += 10)
            {
                _client.Poll(t);
            }
            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
            Assert.Empty(_http.Opens);
        }
    }
}
