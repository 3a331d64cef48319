using DeskPhone.Domain.Presence;
using DeskPhone.Sip.Events;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Session;
using DeskPhone.Ui.Icons;

namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// What the call screen shows while a call is live or a number is being dialled (it takes the idle screen's body):
    /// a ringing call first (who calls: display name and number, and the identity called), else the newest call
    /// (calling / ringing at the other end / connected or on hold, with the number and the duration mm:ss, and the
    /// voice quality once packets arrive: loss, jitter, round trip), the audio
    /// device with the mute mark, the call's message (a MESSAGE in its dialog), how many other calls there are, and the
    /// four softkeys' labels. The dialing screen shows the number typed so far (and the warm line's countdown while
    /// nothing is typed), as does the transfer target entry
    /// (over the call, "Transfer Bob to"). A conference shows as one screen: "Conference" with its duration and both
    /// parties. With no call live it offers what can be done about calls elsewhere: a ringing monitored extension's
    /// call to pick up, a failed call to call back (or a callee now free). <see cref="CallKeys"/> acts on the same
    /// labels, so a softkey does what it says.
    /// </summary>
    public sealed class CallDisplay
    {
        public const string Answer = "Answer";
        public const string Reject = "Reject";
        public const string Hold = "Hold";
        public const string Resume = "Resume";
        public const string Mute = "Mute";
        public const string Unmute = "Unmute";
        public const string End = "End";
        public const string Dial = "Dial";
        public const string Delete = "Delete";
        public const string Cancel = "Cancel";
        public const string Transfer = "Transfer";
        public const string Park = "Park";
        public const string PickUp = "Pick up";
        public const string Conf = "Conf";
        public const string CallBack = "Call back";

        /// <summary>Softkeys under the call screen (Softkey1..4).</summary>
        public const int SoftkeyCount = 4;

        private CallDisplay(string[] lines, int[] icons, string[] softkeys)
        {
            Lines = lines;
            Icons = icons;
            Softkeys = softkeys;
        }

        /// <summary>The first <paramref name="n"/> rows of the arrays Of filled (cut here, not in Of's frame).</summary>
        private CallDisplay(string[] lines, int[] icons, int n, string[] softkeys)
        {
            Lines = new string[n];
            Icons = new int[n];
            for (int k = 0; k < n; k++)
            {
                Lines[k] = lines[k];
                Icons[k] = icons[k];
            }
            Softkeys = softkeys;
        }

        /// <summary>The rows' texts, the first with the call icon.</summary>
        public readonly string[] Lines;

        /// <summary>One icon per line (IconId; None for most).</summary>
        public readonly int[] Icons;

        /// <summary><see cref="SoftkeyCount"/> labels, null where a softkey does nothing.</summary>
        public readonly string[] Softkeys;

        /// <summary>
        /// The call screen, or null when no call is live and nothing is being dialled; <paramref name="rows"/>: the lines
        /// the screen has for it (the pickup list is cut to them).
        /// </summary>
        // Of's frame lies under the call's lines (CallLines and the URI parse under it, the deepest of the screen's
        // composition): the heading's branches (the dialing pad's, the conference's) and the rows below the call
        // (Below) are methods of their own, and the constructor cuts the arrays, so that their locals and concatenations
        // are no slots of this frame (it was 348 B, the largest of the screen's path, docs/benchmarks.md h-calllines).
        public static CallDisplay Of(PhoneCalls calls, long nowMs, int rows)
        {
            int live;
            SipCall shown = calls.Current(out live);
            if (shown == null && !calls.Pad.Dialing)
            {
                return Offer(calls, rows);
            }
            var lines = new string[7];
            int n;
            if (shown == null || calls.Pad.TransferOf != 0)
            {
                n = PadLines(calls, shown, nowMs, lines);
            }
            else if (InConference(calls, shown))
            {
                n = ConferenceLines(calls, nowMs, lines);
                live -= 1;
            }
            else
            {
                n = CallLines(shown, nowMs, lines, calls.Media as ICallQuality);
            }
            var icons = new int[7];
            n = Below(calls, shown, live, lines, icons, n);
            return new CallDisplay(lines, icons, n, SoftkeysOf(calls, shown));
        }

        /// <summary>The number being typed: the dialing screen's (with the warm line's countdown while nothing is typed)
        /// or the transfer target's over the call.</summary>
        private static int PadLines(PhoneCalls calls, SipCall shown, long nowMs, string[] lines)
        {
            if (shown != null)
            {
                lines[0] = "Transfer " + CallNames.Remote(shown) + " to";
                lines[1] = calls.Pad.Number + "_";
                return 2;
            }
            lines[0] = "Dial";
            lines[1] = calls.Pad.Number + "_";
            if (!calls.Pad.WarmLine)
            {
                return 2;
            }
            // What happens unless a digit is typed: the warm line's target, seconds left (Second redraws).
            int autoDial;
            lines[2] = "Warm line: " + calls.HotLineTarget(out autoDial) + " in " + WarmSeconds(calls.Pad, nowMs).ToString() + " s";
            return 3;
        }

        private static int ConferenceLines(PhoneCalls calls, long nowMs, string[] lines)
        {
            ICallFeatures f = calls.Features;
            lines[0] = "Conference " + Duration(f.ConferenceSeconds(nowMs));
            lines[1] = Party(calls.Sessions.Find(f.ConferenceFirst));
            lines[2] = Party(calls.Sessions.Find(f.ConferenceSecond));
            return 3;
        }

        /// <summary>The rows after the call's (from <paramref name="n"/> on): the audio device, the call's message, the
        /// digits received, the other calls; the row count.</summary>
        private static int Below(PhoneCalls calls, SipCall shown, int live, string[] lines, int[] icons, int n)
        {
            if (calls.Audio.Device != AudioDevice.None && (shown == null || shown.State != SipCall.Alerting))
            {
                icons[n] = calls.Audio.Muted ? IconId.Mute : IconId.AudioDevice;
                lines[n++] = DeviceWord(calls.Audio.Device) + (calls.Audio.Muted ? ", muted" : "");
            }
            if (shown != null && shown.Note != null)
            {
                lines[n++] = shown.Note;
            }
            if (shown != null && shown.ReceivedDigits != null)
            {
                // DTMF the other side sent (an IVR's or a door opener's answer, a second phone's keys).
                lines[n++] = "Digits: " + shown.ReceivedDigits;
            }
            if (live > 1)
            {
                lines[n++] = "+" + (live - 1).ToString() + (live == 2 ? " other call" : " other calls");
            }
            icons[0] = IconId.Call;
            return n;
        }

        /// <summary>Just the lines (the tests' and the bench's shorthand), or null.</summary>
        public static string[] LinesOf(PhoneCalls calls, long nowMs)
        {
            CallDisplay d = Of(calls, nowMs, 7);
            return d == null ? null : d.Lines;
        }

        /// <summary>The seconds the screen shows (a connected call's duration, the warm line's countdown), which change its text; -1 while none is shown.</summary>
        public static long Second(PhoneCalls calls, long nowMs)
        {
            int live;
            SipCall shown = calls.Current(out live);
            if (InConference(calls, shown))
            {
                return calls.Features.ConferenceSeconds(nowMs);
            }
            if (shown == null && calls.Pad.WarmLine)
            {
                return WarmSeconds(calls.Pad, nowMs);
            }
            return shown != null && shown.State == SipCall.Connected ? shown.DurationSeconds(nowMs) : -1;
        }

        /// <summary>Whole seconds until the warm line dials (rounded up: it dials as the count would reach 0).</summary>
        private static long WarmSeconds(PhoneCalls pad, long nowMs) => (pad.DialAt - nowMs + 999) / 1000;

        /// <summary>The softkeys for the call shown (null: the dialing screen).</summary>
        public static string[] SoftkeysOf(PhoneCalls calls, SipCall shown)
        {
            var keys = new string[SoftkeyCount];
            bool muted = calls.Audio.Muted;
            if (calls.Pad.TransferOf != 0 && shown != null)
            {
                keys[0] = Transfer;
                keys[1] = Delete;
                keys[2] = calls.ParkAvailable ? Park : null;
                keys[3] = Cancel;
            }
            else if (shown == null && !calls.Pad.Dialing)
            {
                ICallFeatures f = calls.Features;
                if (calls.RingingKey() >= 0)
                {
                    keys[0] = PickUp;
                }
                else if (f != null && f.CallBack != CallBackState.None)
                {
                    keys[0] = CallBack;
                    keys[3] = Cancel;
                }
            }
            else if (shown == null)
            {
                keys[0] = Dial;
                keys[1] = Delete;
                // Directed pickup of the typed extension: a ringing BLF key watching it (its INVITE with Replaces) or
                // the PBX's code (no BLF key needed); which of them is decided when it is pressed.
                keys[2] = calls.Pad.Number.Length > 0 && (calls.RingingCount > 0 || calls.PickupCode.Length > 0) ? PickUp : null;
                keys[3] = Cancel;
            }
            else if (shown.State == SipCall.Alerting)
            {
                keys[0] = Answer;
                keys[3] = Reject;
            }
            else if (InConference(calls, shown))
            {
                // Hold and transfer are each call's; the conference is muted or ended as one.
                keys[1] = muted ? Unmute : Mute;
                keys[3] = End;
            }
            else
            {
                keys[0] = shown.State != SipCall.Connected ? null : shown.Held ? Resume : Hold;
                // Two connected calls that can be joined: Conf where Mute was (the Mute key still mutes), as the Conference key.
                ICallFeatures f = calls.Features;
                keys[1] = f != null && f.CanConference ? Conf : muted ? Unmute : Mute;
                keys[2] = shown.State == SipCall.Connected ? Transfer : null;
                keys[3] = End;
            }
            return keys;
        }

        /// <summary>The call shown is a member of the local conference (not ringing): the conference screen.</summary>
        public static bool InConference(PhoneCalls calls, SipCall shown)
        {
            ICallFeatures f = calls.Features;
            return shown != null && f != null && f.ConferenceFirst != 0 && shown.State != SipCall.Alerting &&
                   (shown.Id == f.ConferenceFirst || shown.Id == f.ConferenceSecond);
        }

        /// <summary>
        /// The idle screen's offer, or null: a ringing monitored extension ("Ringing at bob", "Call from alice" when the
        /// dialog-info names the caller), several as a list (newest first, the selected one marked, cut to
        /// <paramref name="rows"/> with "+N more"), before a call back ("Call back Bob?", or "Bob is free now").
        /// </summary>
        private static CallDisplay Offer(PhoneCalls calls, int rows)
        {
            if (calls.RingingCount > 1)
            {
                return PickupList(calls, rows);
            }
            string first = null;
            string second = null;
            int key = calls.RingingKey();
            ICallFeatures f = calls.Features;
            if (key >= 0)
            {
                first = "Ringing at " + Extension(calls, key);
                second = Caller(calls, key);
                second = second == null ? null : "Call from " + second;
            }
            else if (f != null && f.CallBack == CallBackState.Offered)
            {
                first = "Call back " + f.CallBackWho + "?";
            }
            else if (f != null && f.CallBack == CallBackState.Ready)
            {
                first = f.CallBackWho + " is free now";
            }
            if (first == null)
            {
                return null;
            }
            string[] lines = second == null ? new[] { first } : new[] { first, second };
            var icons = new int[lines.Length];
            icons[0] = IconId.Call;
            return new CallDisplay(lines, icons, SoftkeysOf(calls, null));
        }

        /// <summary>
        /// "Pick up: 3 ringing" (where it leaves the list two rows), then one line per ringing extension and its caller
        /// ("> bob from 555", the selection marked), scrolled so the selection shows, "+N more" for those the rows cannot
        /// hold (" +N" after the one line of a screen that has a single row).
        /// </summary>
        private static CallDisplay PickupList(PhoneCalls calls, int rows)
        {
            int count = calls.RingingCount;
            int selected = calls.PickupIndex;
            int head = rows >= 3 ? 1 : 0;
            int room = rows - head > 1 ? rows - head : 1;
            int shown = count <= room ? count : room > 1 ? room - 1 : 1;
            int more = count - shown;
            int top = selected < shown ? 0 : selected - shown + 1;
            var lines = new string[head + shown + (more > 0 && room > 1 ? 1 : 0)];
            if (head > 0)
            {
                lines[0] = "Pick up: " + count.ToString() + " ringing";
            }
            for (int i = 0; i < shown; i++)
            {
                int key = calls.Monitored.RingingKeyAt(top + i);
                string caller = Caller(calls, key);
                lines[head + i] = (top + i == selected ? "> " : "  ") + Extension(calls, key) + (caller == null ? "" : " from " + caller);
            }
            if (more > 0)
            {
                string mark = "+" + more.ToString();
                if (room > 1)
                {
                    lines[lines.Length - 1] = mark + " more";
                }
                else
                {
                    lines[head] += " " + mark;
                }
            }
            var icons = new int[lines.Length];
            icons[0] = IconId.Call;
            return new CallDisplay(lines, icons, SoftkeysOf(calls, null));
        }

        /// <summary>The ringing extension of a BLF key as the screen names it (its target's user part).</summary>
        private static string Extension(PhoneCalls calls, int key)
        {
            Subscription s = calls.Monitored.SubscriptionOf(key);
            return UserOf(s == null ? null : s.Target);
        }

        /// <summary>Who calls the extension (the dialog-info's remote target or identity), or null when it names no one.</summary>
        private static string Caller(PhoneCalls calls, int key)
        {
            DialogInfo d = calls.Monitored.DialogOf(key);
            DialogPickup p = d == null ? null : d.Pickup;
            return p == null || p.Target == null ? null : UserOf(p.Target);
        }

        /// <summary>A URI's user part ("bob" of sip:bob@pbx), else the text as it is (a dialog-info identity).</summary>
        private static string UserOf(string uri)
        {
            SipUri u = uri == null ? null : SipUri.Parse(uri);
            return u != null && u.User != null ? u.User : uri ?? "?";
        }

        /// <summary>A conference member's row: name and number, marked while the user holds it.</summary>
        private static string Party(SipCall call)
        {
            if (call == null)
            {
                return "";
            }
            string number = CallNames.Number(call);
            string who = call.RemoteName ?? number;
            return who + (who != number ? "  " + number : "") + (call.Held ? " (held)" : "");
        }

        private static int CallLines(SipCall shown, long nowMs, string[] lines, ICallQuality quality)
        {
            // First, before the getters that make strings (their allocations can collect): nanoCLR runs an instance getter
            // inlined in its caller's frame and takes the slot above its 'this' for a value on its stack without writing
            // it; the collector marks whatever that slot held in the frame's recycled block, garbage of an earlier frame
            // (a 1,752 B byte[] under RemoteUser's parse at office's call screen, docs/benchmarks.md h-calllines). State's
            // inlined body writes those slots (with 'shown', live) and the comparison's bool stays below them.
            bool alerting = shown.State == SipCall.Alerting;
            // The name and the number read once, the URI parsed once, here (RemoteUser read the header's URI twice and
            // parsed it, CallNames.Remote all of it again: two parses a composition, under Of's frame, h-calllines).
            string who = shown.RemoteName;
            string number = shown.RemoteUri;
            number = CallNames.NumberOf(number == null ? null : SipUri.Parse(number), number);
            if (who == null)
            {
                who = number;
            }
            string other = who != number ? number : null;
            if (alerting)
            {
                lines[0] = "Call from " + who;
                lines[1] = (other != null ? other + " " : "") + "to identity " + shown.Identity.ToString();
                if (shown.ReferredBy == null)
                {
                    return 2;
                }
                lines[2] = "Transferred by " + shown.ReferredBy;
                return 3;
            }
            if (shown.State == SipCall.Connected)
            {
                lines[0] = (shown.Held ? "On hold: " : shown.RemoteHeld ? "Held by " : "Connected: ") + who;
                string duration = Duration(shown.DurationSeconds(nowMs));
                lines[1] = other != null ? other + "  " + duration : duration;
                string figures = quality == null ? null : quality.Figures(shown.Id);
                if (figures == null)
                {
                    return 2;
                }
                lines[2] = figures;
                return 3;
            }
            lines[0] = (shown.Cancelling ? "Cancelling " : shown.State == SipCall.Ringing ? "Ringing: " : "Calling ") + who;
            if (other == null)
            {
                return 1;
            }
            lines[1] = other;
            return 2;
        }

        private static string DeviceWord(int device) =>
            device == AudioDevice.Handset ? "Handset" : device == AudioDevice.Headset ? "Headset" : "Speaker";

        /// <summary>mm:ss, or h:mm:ss from an hour on: its characters written into one array, one string made (the call
        /// screen's second makes it every second; a chain of concatenations made five strings more, h-callsecond).</summary>
        public static string Duration(int seconds)
        {
            // Three locals, not nine: the string is made under this frame, the deepest of the call screen's second (288 B,
            // office's CallLines collections on the 80,896-byte board, docs/benchmarks.md screenmargin). at: the
            // length (5, or the hours' digits, a colon and 5), then the next character to write from the end.
            int at = 5;
            int h;
            for (h = seconds / 3600; h > 0; h /= 10)
            {
                at++;
            }
            var c = new char[at > 5 ? at + 1 : at];
            at = c.Length;
            c[--at] = (char)('0' + seconds % 10);
            c[--at] = (char)('0' + seconds % 60 / 10);
            c[--at] = ':';
            c[--at] = (char)('0' + seconds / 60 % 10);
            c[--at] = (char)('0' + seconds / 600 % 6);
            if (at > 0)
            {
                c[--at] = ':';
                for (h = seconds / 3600; at > 0; h /= 10)
                {
                    c[--at] = (char)('0' + h % 10);
                }
            }
            return new string(c);
        }
    }
}
