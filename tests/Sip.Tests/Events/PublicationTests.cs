using System.Text;
using DeskPhone.Sip.Events;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Tests.Events
{
    /// <summary>
    /// The events layer's PUBLISH (RFC 3903) at its boundary: the bytes it gives the core for the initial publication
    /// and its refresh (SIP-If-Match, no body), a changed state, a forgotten entity tag (412), a refusing server, and
    /// the back-off.
    /// </summary>
    public class PublicationTests : IPublicationSource
    {
        private readonly FakeClientCore _core = new FakeClientCore();
        private readonly Publication _publication;
        private readonly SipIdentity _identity;
        private int _version;

        public PublicationTests()
        {
            _identity = _core.SetIdentity(1, "100", "10.0.0.1");
            _publication = new Publication(_core, this);
        }

        public string EventPackage => "presence";

        public string ContentType => "application/pidf+xml";

        public int Expires => 3600;

        public byte[] Document(string entity) => Encoding.UTF8.GetBytes("<" + entity + " v" + (++_version) + "/>");

        // The Call-ID is made of the hash of the core's first token ("t1"), in 8 hex digits, and "-pub": the same for
        // every PUBLISH of the publication.
        private static readonly string CallId = ((uint)"t1".GetHashCode()).ToString("x8") + "-pub";

        private static string Publish(int cseq, string ifMatch, string body) =>
            "PUBLISH sip:100@10.0.0.1 SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKb;rport\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:100@10.0.0.1>;tag=t" + (cseq + 1) + "\r\n" +
            "To: <sip:100@10.0.0.1>\r\n" +
            "Call-ID: " + CallId + "\r\n" +
            "CSeq: " + cseq + " PUBLISH\r\n" +
            "Event: presence\r\n" +
            "Expires: 3600\r\n" +
            "User-Agent: DeskPhone\r\n" +
            (ifMatch != null ? "SIP-If-Match: " + ifMatch + "\r\n" : "") +
            (body != null ? "Content-Type: application/pidf+xml\r\nContent-Length: " + body.Length + "\r\n\r\n" + body : "Content-Length: 0\r\n\r\n");

        [Fact]
        public void PublishesTheDocumentThenRefreshesWithItsEntityTagAndNoBody()
        {
            _publication.Poll(_identity, 0);
            Assert.Empty(_core.Sent);

            _publication.Changed(10);
            _publication.Poll(_identity, 10);

            FakeClientCore.Request r = Assert.Single(_core.Sent);
            Assert.Equal(("PUBLISH", "sip:100@10.0.0.1", "10.0.0.1", 5060), (r.Method, r.Uri, r.Address, r.Port));
            Assert.Equal(Publish(1, null, "<sip:100@10.0.0.1 v1/>"), r.Text);

            _core.Answer(r, 200, "SIP-ETag: e1\r\nExpires: 1800\r\n", 20);
            _publication.Poll(_identity, 20 + 1_739_999);
            Assert.Single(_core.Sent);
            _publication.Poll(_identity, 20 + 1_740_000);

            Assert.Equal(2, _core.Sent.Count);
            Assert.Equal(Publish(2, "e1", null), _core.Last.Text);
            Assert.Equal(200, _publication.LastStatus);
        }

        [Fact]
        public void ARebuildWithCredentialsAsksTheSourceForTheDocumentAgainAndARefreshStaysWithoutBody()
        {
            // The document is not kept beside the request's bytes while the PUBLISH is in flight (docs/sip-stack.md).
            _publication.Changed(0);
            _publication.Poll(_identity, 0);
            FakeClientCore.Request r = _core.Last;
            Assert.Equal(Publish(1, null, "<sip:100@10.0.0.1 v1/>"), r.Text);
            string again = Encoding.UTF8.GetString(r.Build("z9hG4bKb", "Authorization", "Digest username=\"100\""));
            Assert.Equal(Publish(2, null, "<sip:100@10.0.0.1 v2/>").Replace("tag=t3", "tag=t2").Replace("Content-Type:", "Authorization: Digest username=\"100\"\r\nContent-Type:"), again);

            _core.Answer(r, 200, "SIP-ETag: e1\r\nExpires: 1800\r\n", 10);
            _publication.Poll(_identity, 10 + 1_740_000);
            string refresh = Encoding.UTF8.GetString(_core.Last.Build("z9hG4bKb", "Authorization", "Digest username=\"100\""));
            Assert.EndsWith("SIP-If-Match: e1\r\nAuthorization: Digest username=\"100\"\r\nContent-Length: 0\r\n\r\n", refresh);
            Assert.Equal(2, _version);
        }

        [Fact]
        public void AChangeSendsTheWholeDocumentInThePublication()
        {
            _publication.Changed(0);
            _publication.Poll(_identity, 0);
            _core.Answer(_core.Last, 200, "SIP-ETag: e1\r\n", 10);

            _publication.Changed(20);
            _publication.Poll(_identity, 20);

            Assert.Equal(Publish(2, "e1", "<sip:100@10.0.0.1 v2/>"), _core.Last.Text);
        }

        [Fact]
        public void AForgottenEntityTagPublishesAnew()
        {
            _publication.Changed(0);
            _publication.Poll(_identity, 0);
            _core.Answer(_core.Last, 200, "SIP-ETag: e1\r\n", 10);
            _publication.Poll(_identity, 3_540_010);
            _core.Answer(_core.Last, 412, "", 3_540_020);

            _publication.Poll(_identity, 3_540_020);

            Assert.Equal(3, _core.Sent.Count);
            Assert.Equal(Publish(3, null, "<sip:100@10.0.0.1 v2/>"), _core.Last.Text);
        }

        [Fact]
        public void ARefusingServerIsNotAskedAgainUntilStartOver()
        {
            _publication.Changed(0);
            _publication.Poll(_identity, 0);
            _core.Answer(_core.Last, 405, "", 10);

            _publication.Changed(20);
            _publication.Poll(_identity, 1_000_000);
            Assert.True(_publication.Refused);
            Assert.Single(_core.Sent);

            _publication.StartOver(2_000_000);
            _publication.Poll(_identity, 2_000_000);

            Assert.False(_publication.Refused);
            Assert.Equal(2, _core.Sent.Count);
        }

        [Fact]
        public void OtherFailuresRetryWithBackOffAndTheWholeDocument()
        {
            _publication.Changed(0);
            _publication.Poll(_identity, 0);
            _core.Answer(_core.Last, 500, "", 10);

            _publication.Poll(_identity, 10 + Publication.FirstRetryMs - 1);
            Assert.Single(_core.Sent);
            _publication.Poll(_identity, 10 + Publication.FirstRetryMs);
            Assert.Equal(Publish(2, null, "<sip:100@10.0.0.1 v2/>"), _core.Last.Text);
            _core.Answer(_core.Last, 500, "", 5_020);

            _publication.Poll(_identity, 5_020 + 2 * Publication.FirstRetryMs - 1);
            Assert.Equal(2, _core.Sent.Count);
            _publication.Poll(_identity, 5_020 + 2 * Publication.FirstRetryMs);
            Assert.Equal(3, _core.Sent.Count);
        }

        [Fact]
        public void TheBackOffDoublesUpToFiveMinutesAndStartsAgainAfterASuccessWithTheCSeqCountingOn()
        {
            // The back-off step and the CSeq are kept in the flags' field (docs/benchmarks.md, h-office4).
            _publication.Changed(0);
            _publication.Poll(_identity, 0);
            long now = 10;
            _core.Answer(_core.Last, 500, "", now);
            foreach (long wait in new long[] { 5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000 })
            {
                int sent = _core.Sent.Count;
                _publication.Poll(_identity, now + wait - 1);
                Assert.Equal(sent, _core.Sent.Count);
                _publication.Poll(_identity, now + wait);
                Assert.Equal(sent + 1, _core.Sent.Count);
                now += wait + 10;
                _core.Answer(_core.Last, 500, "", now);
            }
            Assert.Contains("CSeq: 10 PUBLISH\r\n", _core.Last.Text);
            _publication.Poll(_identity, now + 300_000);
            _core.Answer(_core.Last, 200, "SIP-ETag: e1\r\nExpires: 1800\r\n", now + 300_010);
            Assert.Contains("CSeq: 11 PUBLISH\r\n", _core.Last.Text);
            _publication.Changed(now + 400_000);
            _publication.Poll(_identity, now + 400_000);
            Assert.Contains("CSeq: 12 PUBLISH\r\n", _core.Last.Text);
            _core.Answer(_core.Last, 500, "", now + 400_010);
            int before = _core.Sent.Count;
            _publication.Poll(_identity, now + 400_010 + 4_999);
            Assert.Equal(before, _core.Sent.Count);
            _publication.Poll(_identity, now + 400_010 + 5_000);
            Assert.Equal(before + 1, _core.Sent.Count);
        }

        [Fact]
        public void NoIdentityMeansNothingIsPublishedUntilTheNextChange()
        {
            _publication.Changed(0);
            _publication.Poll(null, 0);
            _publication.Poll(_identity, 10);

            Assert.Empty(_core.Sent);
            Assert.False(_publication.IsDue(10));
        }
    }
}
