using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Settings;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Session;

namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// Call pickup of a ringing monitored extension (a BLF key): with the dialog-info's Call-ID and tags, an INVITE to
    /// the caller with Replaces (RFC 3891 7.1: the caller's early dialog, early-only); without them the PBX's pickup
    /// code (pickup_code) followed by the extension's number; directed pickup of a typed extension with that code alone.
    /// </summary>
    public sealed partial class PhoneCalls
    {
        /// <summary>
        /// Picks up the call ringing at a monitored extension (<paramref name="extension"/>: the key's target URI);
        /// null and why when it cannot.
        /// </summary>
        public SipCall Pickup(int identity, DialogInfo ringing, string extension, long nowMs, out string error)
        {
            if (ringing == null || ringing.State != DialogInfo.Ringing)
            {
                error = "the extension does not ring";
                return null;
            }
            bool anonymous = identity >= 1 && _settings.GetBool(SettingNames.UserAnonymousCall, identity);
            DialogPickup p = ringing.Pickup;
            if (p != null && p.CallId != null && p.LocalTag != null && p.RemoteTag != null && p.Target != null)
            {
                // The caller sees its own tag (the extension's remote tag) as to-tag.
                string replaces = Replaces.Of(p.CallId, p.RemoteTag, p.LocalTag) + ";early-only";
                return Sessions.Dial(identity, p.Target, anonymous, replaces, nowMs, out error);
            }
            SipUri uri = extension == null ? null : SipUri.Parse(extension);
            if (PickupCode.Length == 0 || uri == null || uri.User == null)
            {
                error = "no dialog ids from the server and no pickup_code";
                return null;
            }
            return PickupNumber(identity, uri.User, nowMs, out error);
        }

        /// <summary>The PBX's pickup code (pickup_code, e.g. *8), "" when none is set.</summary>
        public string PickupCode => _settings.Get(SettingNames.PickupCode);

        /// <summary>
        /// Directed pickup of the call ringing at extension <paramref name="number"/>: the pickup code followed by the
        /// number (*8 + 200), no BLF key needed; null and why when no pickup_code is set.
        /// </summary>
        public SipCall PickupNumber(int identity, string number, long nowMs, out string error)
        {
            string code = PickupCode;
            if (code.Length == 0)
            {
                error = "no pickup_code";
                return null;
            }
            return Dial(identity, code + number, nowMs, out error);
        }
    }
}
