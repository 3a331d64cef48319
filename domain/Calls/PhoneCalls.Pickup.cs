using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Settings;
using DeskPhone.Sip.Events;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Session;

namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// Call pickup of a ringing monitored extension (a BLF key): with the dialog-info's Call-ID and tags, an INVITE to
    /// the caller with Replaces (RFC 3891 7.1: the caller's early dialog, early-only); without them the PBX's pickup
    /// code (pickup_code) followed by the extension's number. Directed pickup of a typed extension is the pickup of the
    /// BLF key that watches it while it rings, else that code and the number.
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
            bool anonymous = identity >= 1 && Settings.GetBool(SettingNames.UserAnonymousCall, identity);
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
            return DialPickupCode(identity, uri.User, nowMs, out error);
        }

        /// <summary>The PBX's pickup code (pickup_code, e.g. *8), "" when none is set.</summary>
        public string PickupCode => Settings.Get(SettingNames.PickupCode);

        /// <summary>
        /// Directed pickup of the call ringing at the typed extension <paramref name="number"/> ("200", or a URI such as
        /// "sip:200@pbx"): while a BLF key watching it (the same user part; the same host too for a URI) rings, that
        /// key's pickup (<see cref="Pickup"/>: Replaces from its dialog-info); else the pickup code followed by the
        /// number (*8 + 200). Null and why when neither can be sent.
        /// </summary>
        public SipCall PickupNumber(int identity, string number, long nowMs, out string error)
        {
            SipUri typed = SipUri.Parse(number);
            string user = typed != null && typed.User != null ? typed.User : number;
            // Only the ringing keys are looked at (the pickup list, none while nothing rings): a key's target is parsed
            // here, on the user's Pick up, not kept.
            for (int i = 0; i < RingingCount; i++)
            {
                int key = Monitored.RingingKeyAt(i);
                Subscription s = Monitored.SubscriptionOf(key);
                SipUri target = s == null ? null : SipUri.Parse(s.Target);
                if (target != null && target.User != null && target.User == user && (typed == null || SipUri.SameHost(typed.Host, target.Host)))
                {
                    return Pickup(identity, Monitored.DialogOf(key), s.Target, nowMs, out error);
                }
            }
            return DialPickupCode(identity, user, nowMs, out error);
        }

        /// <summary>The pickup code followed by the extension's user part; null and why when no pickup_code is set.</summary>
        private SipCall DialPickupCode(int identity, string user, long nowMs, out string error)
        {
            string code = PickupCode;
            if (code.Length == 0)
            {
                error = "no pickup_code";
                return null;
            }
            return Dial(identity, code + user, nowMs, out error);
        }
    }
}
