using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Sip.Session
{
    /// <summary>
    /// Session timers (RFC 4028). The phone says <c>Supported: timer</c> in its INVITEs; a 422 is answered by the INVITE
    /// again with <c>Session-Expires</c> and <c>Min-SE</c> at the 422's Min-SE. The 2xx of the dialog-making (or a
    /// refreshing) request fixes the interval and the refresher; the refresher refreshes at half the interval, with
    /// UPDATE when the peer allows it (no SDP to renegotiate), else with a re-INVITE of the unchanged session; the
    /// other side, hearing no refresh, sends BYE before the session expires (at the interval less the smaller of 32 s
    /// and a third of it, RFC 4028 10). An incoming INVITE below <see cref="MinSessionExpires"/> gets 422; one with
    /// <c>Session-Expires</c> is answered with the interval and its refresher (the caller's choice, else the caller
    /// when it supports timer, else the phone) and <c>Require: timer</c> when the caller supports timer.
    /// </summary>
    public sealed partial class CallSessions
    {
        /// <summary>The smallest session interval the phone takes, in seconds (Min-SE, RFC 4028 4: at least 90).</summary>
        public const int MinSessionExpires = 90;

        private const string SessionExpiresHeader = "Session-Expires";
        private const string MinSeHeader = "Min-SE";

        /// <summary>The <c>Session-Expires</c> value of a request the phone sends in the dialog, or null without a timer.</summary>
        private static string SessionExpiresValue(SipCall call, bool phoneRefreshes) =>
            call.SessionExpires > 0 ? call.SessionExpires.ToString() + (phoneRefreshes ? ";refresher=uac" : ";refresher=uas") : null;

        /// <summary>The timer headers of the phone's INVITE: Supported always, after a 422 its interval and Min-SE.</summary>
        private static void WriteTimerOffer(SipWriter w, SipCall call)
        {
            // 100rel here too: the INVITE's one Supported header (reliable provisionals, CallSessions.Prack.cs).
            w.Header(HeaderNames.Supported, "timer, 100rel");
            if (call.MinSe > 0)
            {
                w.Header(SessionExpiresHeader, call.MinSe.ToString()).Header(MinSeHeader, call.MinSe.ToString());
            }
        }

        /// <summary>
        /// A 422 to the phone's INVITE: again with the larger Min-SE it asks (RFC 4028 7.4, same Call-ID, new CSeq);
        /// false when it names none larger than the phone tried.
        /// </summary>
        private bool TooSmall(SipCall call, SipMessage r, long nowMs)
        {
            int min = Seconds(r.GetHeader(MinSeHeader));
            if (min <= call.MinSe || min <= 0)
            {
                return false;
            }
            call.MinSe = min < MinSessionExpires ? MinSessionExpires : min;
            call.SetFlag(SipCall.AuthenticatedBit, false);
            SendInvite(call, null, null, nowMs);
            return true;
        }

        /// <summary>
        /// Reads the session timer of a 2xx to a request the phone sent (its INVITE, re-INVITE or UPDATE) and arms it;
        /// without <c>Session-Expires</c> the session has no timer (RFC 4028 7.2).
        /// </summary>
        private void TimerAnswered(SipCall call, SipMessage r, long nowMs)
        {
            string value = r.GetHeader(SessionExpiresHeader);
            call.SessionExpires = Seconds(value);
            call.SetFlag(SipCall.RefresherBit, HeaderParams.Get(value, "refresher") != "uas");
            string allow = r.GetHeader(HeaderNames.Allow);
            if (allow != null)
            {
                call.SetFlag(SipCall.PeerUpdateBit, HasToken(r, HeaderNames.Allow, "update"));
            }
            ArmTimer(call, nowMs);
        }

        /// <summary>
        /// Reads the session timer an incoming INVITE or re-INVITE asks for (answered in the 200 by
        /// <see cref="WriteTimerAnswer"/>); false when its interval is below <see cref="MinSessionExpires"/> (422).
        /// </summary>
        private bool TimerRequested(SipCall call, SipMessage m)
        {
            string value = m.GetHeader(SessionExpiresHeader);
            call.SetFlag(SipCall.PeerTimerBit, HasToken(m, HeaderNames.Supported, "timer") || HasToken(m, HeaderNames.Require, "timer"));
            int seconds = Seconds(value);
            if (value != null && seconds < MinSessionExpires)
            {
                return false;
            }
            call.SessionExpires = seconds;
            string refresher = HeaderParams.Get(value, "refresher");
            // The phone is the request's UAS: it refreshes when asked to ("uas"), or when the caller cannot (RFC 4028 9).
            call.SetFlag(SipCall.RefresherBit, refresher == "uas" || (refresher == null && !call.Flag(SipCall.PeerTimerBit)));
            call.SetFlag(SipCall.PeerUpdateBit, HasToken(m, HeaderNames.Allow, "update"));
            return true;
        }

        /// <summary>422 with the phone's Min-SE for an INVITE whose interval is too small (RFC 4028 8.1).</summary>
        private void RefuseInterval(SipPacket packet, SipMessage m, long nowMs) =>
            _agent.Reply(packet, m, 422, MinSeHeader, MinSessionExpires.ToString(), nowMs);

        /// <summary>The timer headers of the phone's 200 to an INVITE or re-INVITE that asked for one.</summary>
        private static void WriteTimerAnswer(SipWriter w, SipCall call)
        {
            if (call.SessionExpires <= 0)
            {
                return;
            }
            if (call.Flag(SipCall.PeerTimerBit))
            {
                w.Header(HeaderNames.Require, "timer");
            }
            w.Header(SessionExpiresHeader, SessionExpiresValue(call, !call.Flag(SipCall.RefresherBit)));
        }

        /// <summary>
        /// From now: the refresher refreshes at half the interval; both give up at the interval less the smaller of 32 s
        /// and a third of it (RFC 4028 10) when no refresh came or succeeded by then.
        /// </summary>
        private static void ArmTimer(SipCall call, long nowMs)
        {
            if (call.SessionExpires <= 0)
            {
                call.RefreshAt = 0;
                call.ExpireAt = 0;
                return;
            }
            long interval = call.SessionExpires * 1000L;
            long margin = call.SessionExpires / 3 < 32 ? interval / 3 : 32000;
            call.RefreshAt = call.Flag(SipCall.RefresherBit) ? nowMs + interval / 2 : 0;
            call.ExpireAt = nowMs + interval - margin;
        }

        /// <summary>One loop turn of a connected call's session timer: refresh when due, BYE when the session expired.</summary>
        private void PollTimer(SipCall call, long nowMs)
        {
            if (call.SessionExpires <= 0 || call.State != SipCall.Connected)
            {
                return;
            }
            if (call.ExpireAt != 0 && nowMs >= call.ExpireAt)
            {
                SendBye(call, nowMs);
                End(call, 408, "session expired", nowMs);
                return;
            }
            if (call.RefreshAt != 0 && nowMs >= call.RefreshAt && !call.Flag(SipCall.ReinvitingBit) && !call.Flag(SipCall.AwaitingAckBit))
            {
                // A refresh that cannot start now (an offer pending) is tried again on the next turn.
                if (call.Flag(SipCall.PeerUpdateBit) ? SendUpdate(call, nowMs) : Hold(call, call.Held, nowMs))
                {
                    call.RefreshAt = 0;
                }
            }
        }

        /// <summary>UPDATE without a body in the dialog (RFC 3311), a session refresh; its 2xx re-arms the timer, 408/481 end the call.</summary>
        private bool SendUpdate(SipCall call, long nowMs) =>
            SendInDialog(call, "UPDATE", true, true, HeaderNames.Supported, "timer", SessionExpiresHeader, SessionExpiresValue(call, true), null, null, null, nowMs);

        private void UpdateAnswered(SipCall call, SipMessage r, long nowMs)
        {
            if (Slot(call) < 0)
            {
                return;
            }
            int status = r == null ? 408 : r.StatusCode;
            if (status < 300)
            {
                TimerAnswered(call, r, nowMs);
            }
            else if (status == 408 || status == 481)
            {
                // The dialog is gone (RFC 4028 10, RFC 3261 12.2.1.2).
                SendBye(call, nowMs);
                End(call, status, "lost during session refresh", nowMs);
            }
            // Otherwise the session runs to its expiry, where the BYE goes.
        }

        /// <summary>A header's whole seconds (the part before any parameter), or 0.</summary>
        private static int Seconds(string value)
        {
            string number = HeaderParams.Value(value);
            if (number == null || number.Length == 0 || number.Length > 9)
            {
                return 0;
            }
            int n = 0;
            char[] c = number.ToCharArray();
            for (int i = 0; i < c.Length; i++)
            {
                if (c[i] < '0' || c[i] > '9')
                {
                    return 0;
                }
                n = n * 10 + (c[i] - '0');
            }
            return n;
        }

        /// <summary>Whether a list header (Supported, Require, Allow) names a token (given in lower case), any case.</summary>
        private static bool HasToken(SipMessage m, string header, string token)
        {
            int n = m.CountHeaderValues(header);
            for (int i = 0; i < n; i++)
            {
                string v = m.GetHeaderValue(header, i);
                if (v != null && v.Trim().ToLower() == token)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
