using DeskPhone.Domain.Presence;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Registration;
using DeskPhone.Sip.Transaction;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;
using DeskPhone.Domain.Settings;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// Publishes the own status (RFC 3903, PIDF with RPID, docs/presence.md) for identity 1 at its registrar when
    /// presence_publish is on: on every change, and refreshed with SIP-If-Match before it expires. A server that
    /// refuses PUBLISH (403, 404, 405, 489, 501) leaves the status local until the next change of settings, so
    /// there is no error loop; other failures retry with back-off.
    /// </summary>
    public sealed class PresencePublisher
    {
        public const int ExpiresSeconds = 3600;
        public const long FirstRetryMs = 5000;
        public const long MaxRetryMs = 300000;

        private readonly PhoneCore _phone;
        private readonly SipUserAgent _agent;
        private string _etag;
        private long _dueMs = long.MaxValue;
        private long _retryMs = FirstRetryMs;
        private bool _busy;
        private bool _dirty;
        private int _cseq;
        private readonly string _callId;

        public PresencePublisher(PhoneCore phone, SipUserAgent agent, Registrations registrations)
        {
            _phone = phone;
            _agent = agent;
            _callId = agent.NewToken() + "@" + agent.LocalHost;
            _phone.Presence.Changed += (state, lost) => Schedule(_phone.Now);
            _phone.Settings.SettingChanged += (name, idx, reboot) =>
            {
                if (name == SettingNames.PresencePublish)
                {
                    StartOver();
                }
            };
            // The identity's address or account changed (not its DND or forwards, which only change the status).
            _phone.IdentityChanged += idx =>
            {
                if (idx == 1)
                {
                    StartOver();
                }
            };
            registrations.Changed += (identity, registered, status, reason) =>
            {
                if (identity == 1 && registered)
                {
                    Schedule(_phone.Now);
                }
            };
        }

        /// <summary>True once a server refused PUBLISH: the status stays local.</summary>
        public bool Refused { get; private set; }

        public int LastStatus { get; private set; }

        private void StartOver()
        {
            Refused = false;
            _etag = null;
            Schedule(_phone.Now);
        }

        public void Poll(long nowMs)
        {
            if (_busy || nowMs < _dueMs || Refused)
            {
                return;
            }
            SipIdentity identity = _agent.GetIdentity(1);
            Publish(identity, nowMs);
        }

        private void Schedule(long nowMs)
        {
            _dirty = true;
            _dueMs = nowMs;
        }

        private void Publish(SipIdentity identity, long nowMs)
        {
            if (!_phone.Settings.GetBool(SettingNames.PresencePublish) || identity == null || !identity.Active ||
                identity.Registrar == null || identity.Registrar.Length == 0 || !_phone.IsRegistered(1))
            {
                _dueMs = long.MaxValue;
                return;
            }
            string host;
            int port;
            string address = null;
            if (!HostResolver.Split(identity.Outbound != null && identity.Outbound.Length > 0 ? identity.Outbound : identity.Registrar, out host, out port) ||
                (address = HostResolver.Resolve(host)) == null)
            {
                Retry(nowMs);
                return;
            }
            string aor = "sip:" + identity.User + "@" + SipIdentity.HostOf(identity.Registrar);
            string etag = _etag;
            byte[] body = etag != null && !_dirty ? null : PidfWriter.Write(aor, _phone.Presence.State);
            string fromTag = _agent.NewToken();
            RequestBuilder build = (branch, authHeader, authValue) => SipWriter.Request("PUBLISH", aor)
                .Header(HeaderNames.Via, "SIP/2.0/UDP " + _agent.LocalHost + ":" + _agent.LocalPort.ToString() + ";branch=" + branch + ";rport")
                .Header(HeaderNames.MaxForwards, "70")
                .Header(HeaderNames.From, "<" + aor + ">;tag=" + fromTag)
                .Header(HeaderNames.To, "<" + aor + ">")
                .Header(HeaderNames.CallId, _callId)
                .Header(HeaderNames.CSeq, (++_cseq).ToString() + " PUBLISH")
                .Header(HeaderNames.Event, "presence")
                .Header(HeaderNames.Expires, ExpiresSeconds.ToString())
                .Header(HeaderNames.UserAgent, "DeskPhone")
                .Header("SIP-If-Match", etag)
                .Header(authHeader, authValue)
                .Body(PidfWriter.ContentType, body)
                .ToBytes();
            _dirty = false;
            _busy = true;
            if (!_agent.SendRequest(1, "PUBLISH", aor, address, port, build, OnResponse, nowMs))
            {
                _busy = false;
                Retry(nowMs);
            }
        }

        private void OnResponse(ClientTransaction t, SipMessage response, long nowMs)
        {
            _busy = false;
            int status = response == null ? 408 : response.StatusCode;
            LastStatus = status;
            if (status >= 200 && status < 300)
            {
                _etag = response.GetHeader("SIP-ETag");
                int granted = response.Expires > 0 ? response.Expires : ExpiresSeconds;
                _retryMs = FirstRetryMs;
                if (!_dirty)
                {
                    _dueMs = nowMs + (granted > 120 ? granted - 60 : granted / 2) * 1000L;
                }
                return;
            }
            if (status == 412)
            {
                // The server forgot our publication: publish the full state anew.
                _etag = null;
                Schedule(nowMs);
                return;
            }
            if (status == 403 || status == 404 || status == 405 || status == 489 || status == 501)
            {
                Refused = true;
                _dueMs = long.MaxValue;
                return;
            }
            _dirty = true;
            Retry(nowMs);
        }

        private void Retry(long nowMs)
        {
            _dueMs = nowMs + _retryMs;
            _retryMs = _retryMs * 2 > MaxRetryMs ? MaxRetryMs : _retryMs * 2;
        }
    }
}
