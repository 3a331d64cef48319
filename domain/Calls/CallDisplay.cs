using DeskPhone.Sip.Session;

namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// What the screen says about the calls, in the idle screen's message area while a call is live: a ringing call
    /// first (who calls: display name and number, and the identity called), else the newest call (calling / ringing at
    /// the other end / connected with its duration / on hold), then the call's message (a MESSAGE in its dialog), and
    /// one more line says how many other calls there are.
    /// </summary>
    public static class CallDisplay
    {
        /// <summary>The lines to show, or null when no call is live.</summary>
        public static string[] Lines(PhoneCalls calls, long nowMs)
        {
            int live;
            SipCall shown = Shown(calls, out live);
            return shown == null ? null : Text(shown, live, nowMs);
        }

        /// <summary>The call the screen is about: the oldest ringing one, else the newest; and how many are live.</summary>
        private static SipCall Shown(PhoneCalls calls, out int live)
        {
            SipCall shown = null;
            live = 0;
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                SipCall c = calls.Sessions.Slot(i);
                if (c == null)
                {
                    continue;
                }
                live++;
                bool ringing = c.State == SipCall.Alerting;
                bool shownRinging = shown != null && shown.State == SipCall.Alerting;
                if (shown == null || (ringing && !shownRinging) || (ringing == shownRinging && (ringing ? c.Id < shown.Id : c.Id > shown.Id)))
                {
                    shown = c;
                }
            }
            return shown;
        }

        /// <summary>The duration the screen shows (seconds), which changes its text; -1 while no connected call is shown.</summary>
        public static long Second(PhoneCalls calls, long nowMs)
        {
            int live;
            SipCall shown = Shown(calls, out live);
            return shown != null && shown.State == SipCall.Connected ? shown.DurationSeconds(nowMs) : -1;
        }

        private static string[] Text(SipCall shown, int live, long nowMs)
        {
            string more = live > 1 ? "+" + (live - 1).ToString() + (live == 2 ? " other call" : " other calls") : null;
            string number = shown.RemoteUser ?? shown.RemoteUri;
            string who = shown.RemoteName != null && shown.RemoteName.Length > 0 ? shown.RemoteName : number;
            string first;
            string second;
            if (shown.State == SipCall.Alerting)
            {
                first = "Call from " + who;
                second = (who != number ? number + " " : "") + "to identity " + shown.Identity.ToString();
            }
            else if (shown.State == SipCall.Connected)
            {
                first = (shown.Held ? "On hold: " : shown.RemoteHeld ? "Held by " : "Connected: ") + who;
                second = Duration(shown.DurationSeconds(nowMs));
            }
            else
            {
                first = (shown.Cancelling ? "Cancelling " : shown.State == SipCall.Ringing ? "Ringing: " : "Calling ") + who;
                second = who != number ? number : null;
            }
            string note = shown.Note;
            int n = 1 + (second == null ? 0 : 1) + (note == null ? 0 : 1) + (more == null ? 0 : 1);
            var lines = new string[n];
            lines[0] = first;
            n = 1;
            if (second != null)
            {
                lines[n++] = second;
            }
            if (note != null)
            {
                lines[n++] = note;
            }
            if (more != null)
            {
                lines[n] = more;
            }
            return lines;
        }

        /// <summary>m:ss, or h:mm:ss from an hour on.</summary>
        public static string Duration(int seconds)
        {
            int h = seconds / 3600;
            int m = seconds / 60 % 60;
            int s = seconds % 60;
            string mm = h > 0 && m < 10 ? "0" + m.ToString() : m.ToString();
            return (h > 0 ? h.ToString() + ":" : "") + mm + ":" + (s < 10 ? "0" : "") + s.ToString();
        }
    }
}
