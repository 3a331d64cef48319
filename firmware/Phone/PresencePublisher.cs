using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Settings;
using DeskPhone.Sip.Events;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// Publishes the own status (PIDF with RPID, docs/presence.md) for identity 1 at its registrar while
    /// presence_publish is on and the identity is registered, through the events layer's <see cref="Publication"/>
    /// (RFC 3903: refreshes, SIP-If-Match, a refusing server, back-off): a new document on every change of the own
    /// presence and when the identity registers; a change of the setting or of the identity starts over.
    /// </summary>
    public sealed class PresencePublisher : IPublicationSource
    {
        public const int ExpiresSeconds = 3600;

        private readonly PhoneCore _phone;
        private readonly Publication _publication;

        // Told by the composition root (PhoneApp's IPhoneSignals) when the own presence changed and when identity 1
        // registered: no handler of its own in the presence's and the registrations' events (a delegate each, and each
        // event's list of two, 84 B at rest each, docs/benchmarks.md, h-firmrest).
        public PresencePublisher(PhoneCore phone, ISipClientCore core)
        {
            _phone = phone;
            _publication = new Publication(core, this);
        }

        /// <summary>The own presence changed, or identity 1 registered: published again.</summary>
        internal void PresenceChanged() => _publication.Changed(_phone.Now);

        /// <summary>An identity's address or account changed (not its DND or forwards, which only change the status; from PhoneApp).</summary>
        internal void IdentityChanged(int identity)
        {
            if (identity == 1)
            {
                _publication.StartOver(_phone.Now);
            }
        }

        /// <summary>A setting changed (from the composition root's one handler, PhoneApp.OnSettingChanged).</summary>
        internal void OnSettingChanged(string name)
        {
            if (name == SettingNames.PresencePublish)
            {
                _publication.StartOver(_phone.Now);
            }
        }

        /// <summary>True once a server refused PUBLISH: the status stays local.</summary>
        public bool Refused => _publication.Refused;

        public int LastStatus => _publication.LastStatus;

        /// <summary>A due PUBLISH of identity 1, while the setting is on and the identity registered.</summary>
        public void Poll(long nowMs)
        {
            if (!_publication.IsDue(nowMs))
            {
                return;
            }
            bool publish = _phone.Settings.GetBool(SettingNames.PresencePublish) && _phone.IsRegistered(1);
            _publication.Poll(publish ? _publication.Core.GetIdentity(1) : null, nowMs);
        }

        public byte[] Document(string entity) => PresenceDocument.Write(entity, _phone.Presence.State);

        public string EventPackage => "presence";

        public string ContentType => PresenceDocument.ContentType;

        public int Expires => ExpiresSeconds;
    }
}
