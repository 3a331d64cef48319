using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Session
{
    public sealed partial class CallSessions
    {
        /// <summary>
        /// Who an incoming INVITE says transferred the call (Referred-By, RFC 3892, as a transferor's REFER asks the
        /// target's INVITE to carry it): the display name, else the URI's user, else the URI; null without the header.
        /// </summary>
        private static string TransferredBy(SipMessage invite)
        {
            NameAddr by = NameAddr.Parse(invite.GetHeader(ReferredBy));
            if (by == null || by.Uri == null)
            {
                return null;
            }
            return by.DisplayName != null && by.DisplayName.Length > 0 ? by.DisplayName : by.Uri.User ?? by.Uri.ToString();
        }
    }
}
