using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transaction;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Events
{
    /// <summary>
    /// One event publication (RFC 3903) of an identity at its registrar, over <see cref="ISipClientCore"/>: the full
    /// document on every <see cref="Changed"/>, refreshed with SIP-If-Match and no body before the granted time runs
    /// out, published anew after 412. A server that refuses PUBLISH (403, 404, 405, 489, 501) leaves it unpublished
    /// until <see cref="StartOver"/>, so there is no error loop; other failures retry with back-off. When to publish
    /// and what the document says is the owner's (<see cref="IPublicationSource"/>).
    /// </summary>
    public sealed class Publication
    {
        public const long FirstRetryMs = 5000;
        public const long MaxRetryMs = 300000;

        // Flags, not bools: each field of an object is a 12-byte block on the device.
        private const int Busy = 1;
        private const int Dirty = 2;
        private const int RefusedFlag = 4;
        private readonly IPublicationSource _source;
        // The number the Call-ID is made of (low 32 bits) and the status of the last answer (high 32 bits): one field,
        // where the Call-ID was a string of 36 B and a field (48 B at every profile, docs/benchmarks.md h-officerest4).
        private long _numberAndStatus;
        private string _etag;
        private long _dueMs = long.MaxValue;
        // The flags (low 3 bits), the back-off step (FirstRetryMs doubled that many times, up to MaxRetryMs) and the
        // CSeq (from bit 8: 16 million PUBLISHes) in one field, where a long and two ints took three (docs/benchmarks.md
        // h-office4).
        private int _flags;
        private const int StepShift = 3;
        private const int StepMask = 0x1F << StepShift;
        private const int CSeqShift = 8;

        /// <summary>A publication of what <paramref name="source"/> says (its package, documents and Expires) through <paramref name="core"/>.</summary>
        public Publication(ISipClientCore core, IPublicationSource source)
        {
            Core = core;
            _source = source;
            // A token drawn as when the Call-ID was one: the core's token sequence stays as it was.
            _numberAndStatus = (uint)core.NewToken().GetHashCode();
        }

        /// <summary>True once a server refused PUBLISH: nothing is published until <see cref="StartOver"/>.</summary>
        public bool Refused => (_flags & RefusedFlag) != 0;

        /// <summary>The core it sends through.</summary>
        public readonly ISipClientCore Core;
        /// <summary>True when a PUBLISH (or the decision not to publish) is due: the owner need look at nothing before.</summary>
        public bool IsDue(long nowMs) => (_flags & (Busy | RefusedFlag)) == 0 && nowMs >= _dueMs;

        /// <summary>The status of the last answer (408 when none came), 0 before the first.</summary>
        public int LastStatus => (int)(_numberAndStatus >> 32);

        /// <summary>The state changed: the full document goes out at the next <see cref="Poll"/>.</summary>
        public void Changed(long nowMs)
        {
            _flags |= Dirty;
            _dueMs = nowMs;
        }

        /// <summary>The identity or the owner's wish changed: a refusal is forgotten and the document published anew.</summary>
        public void StartOver(long nowMs)
        {
            _flags &= ~RefusedFlag;
            _etag = null;
            Changed(nowMs);
        }

        /// <summary>
        /// Sends a due PUBLISH for <paramref name="identity"/>; null (or one without a registrar) means the owner does
        /// not publish now, and nothing is due until the next <see cref="Changed"/>.
        /// </summary>
        public void Poll(SipIdentity identity, long nowMs)
        {
            if (!IsDue(nowMs))
            {
                return;
            }
            if (identity == null || !identity.Active || identity.Registrar == null || identity.Registrar.Length == 0)
            {
                _dueMs = long.MaxValue;
                return;
            }
            if (OneAtATime.Holds(Core, _dueMs, nowMs))
            {
                // Another request of the phone is in flight (at bring-up the SUBSCRIBE its REGISTER's answer released):
                // the PUBLISH stays due and goes out once that has its answer.
                return;
            }
            int port;
            string address = identity.NextHopAddress(null, out port);
            if (address == null)
            {
                Retry(nowMs);
                return;
            }
            string aor = "sip:" + identity.User + "@" + SipIdentity.HostOf(identity.Registrar);
            bool withBody = _etag == null || (_flags & Dirty) != 0;
            var request = new PublishRequest(this, aor, Core.NewToken(), _etag, withBody, Core.TransportOf(identity));
            _flags = (_flags & ~Dirty) | Busy;
            if (!Core.SendRequest(identity, "PUBLISH", aor, address, port, request.Build, OnResponse, nowMs))
            {
                _flags &= ~Busy;
                Retry(nowMs);
            }
        }

        private void OnResponse(ClientTransaction t, SipMessage response, long nowMs)
        {
            _flags &= ~Busy;
            int status = response == null ? 408 : response.StatusCode;
            _numberAndStatus = (uint)_numberAndStatus | (long)status << 32;
            if (status >= 200 && status < 300)
            {
                _etag = response.GetHeader(HeaderNames.SipETag);
                int granted = response.Expires > 0 ? response.Expires : _source.Expires;
                _flags &= ~StepMask;
                if ((_flags & Dirty) == 0)
                {
                    _dueMs = nowMs + (granted > 120 ? granted - 60 : granted / 2) * 1000L;
                }
                return;
            }
            if (status == 412)
            {
                // The server forgot our publication: publish the full state anew.
                _etag = null;
                Changed(nowMs);
                return;
            }
            if ((status >= 403 && status <= 405) || status == 489 || status == 501)
            {
                _flags |= RefusedFlag;
                _dueMs = long.MaxValue;
                return;
            }
            _flags |= Dirty;
            Retry(nowMs);
        }

        /// <summary>The next PUBLISH's CSeq (1, 2, ...), counted in the high bits of the flags.</summary>
        private int NextCSeq()
        {
            _flags += 1 << CSeqShift;
            return (int)((uint)_flags >> CSeqShift);
        }

        private void Retry(long nowMs)
        {
            int step = (_flags & StepMask) >> StepShift;
            long retryMs = FirstRetryMs << step;
            if (retryMs >= MaxRetryMs)
            {
                retryMs = MaxRetryMs;
            }
            else
            {
                _flags += 1 << StepShift;
            }
            _dueMs = nowMs + retryMs;
        }

        /// <summary>
        /// One PUBLISH going out: builds its bytes (again, with credentials, after a 401 or 407). The document is asked
        /// of the source each time it is built, not kept beside the request's bytes while the PUBLISH is in flight (a
        /// rebuild after a challenge carries the state as it is then).
        /// </summary>
        private sealed class PublishRequest
        {
            private readonly Publication _publication;
            private readonly string _aor;
            private readonly string _fromTag;
            private readonly string _etag;
            private readonly bool _withBody;
            // The identity's transport, named in the Via (the core sends it there).
            private readonly ISipTransport _transport;

            public PublishRequest(Publication publication, string aor, string fromTag, string etag, bool withBody, ISipTransport transport)
            {
                _transport = transport;
                _publication = publication;
                _aor = aor;
                _fromTag = fromTag;
                _etag = etag;
                _withBody = withBody;
            }

            public byte[] Build(string branch, string authHeader, string authValue)
            {
                Publication p = _publication;
                ISipClientCore core = p.Core;
                IPublicationSource source = p._source;
                return SipWriter.Request("PUBLISH", _aor, core.ViaOf(_transport, branch))
                    .Ids("<" + _aor + ">;tag=" + _fromTag, "<" + _aor + ">", ((uint)p._numberAndStatus).ToString("x8") + "-pub", p.NextCSeq(), "PUBLISH")
                    .Header(HeaderNames.Event, source.EventPackage)
                    .Header(HeaderNames.Expires, source.Expires.ToString())
                    .UserAgent()
                    .Header(HeaderNames.SipIfMatch, _etag)
                    .Header(authHeader, authValue)
                    .Body(source.ContentType, _withBody ? source.Document(_aor) : null)
                    .ToBytes();
            }
        }
    }
}
