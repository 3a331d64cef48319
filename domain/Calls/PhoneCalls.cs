using DeskPhone.Domain.Signals;
using DeskPhone.Drivers.Audio;
using DeskPhone.Domain.Messages;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Session;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// The phone's call logic over the SIP sessions: what an incoming call does (forward always, Do not disturb
    /// refuses with 486 or forwards to the busy target, a call while in a call goes to the busy target, anything else
    /// rings; under At the desk the ringer starts after presence_at_desk_delay), the ringer (the tones driver's ring; with RingerIsSilent active the call is there but silent; while
    /// another call is connected the waiting tone instead), answer, hang up, reject and dial, the media hand-over, the
    /// call lists, and the statuses the calls raise (PhoneHasMissedCalls with the count, CanceledCall). The lists, the
    /// missed count and whether a call is in progress (the own status's Busy) live in a <see cref="CallHistory"/> the
    /// owner keeps when it lets these calls go.
    /// </summary>
    public sealed partial class PhoneCalls : ISessionHandler, ICallMessageSink
    {
        // For the call LEDs (their line keys' settings) and the voice (firmware/Voice/CallVoice), which keep no reference
        // of their own (h-callstream, h-callrest2).
        public readonly SettingsStore Settings;
        // Public for the conference's keys (firmware/Voice/CallVoice.ConferenceKeys), which keep no reference of their own.
        public readonly StatusScheduler Statuses;
        private readonly ToneSequencer _tones;
        private readonly OwnPresence _presence;
        private readonly CallHistory _history;

        // The calls' due times, each a call id and what comes due (TimerKey): incoming calls that ring only from a given
        // time on (At the desk), intercom calls answered automatically (answer_after_policy), ringing calls forwarded when
        // unanswered (user_fwd_timeout). Made by the first Set (TimerSet): a plain call needs none of them, and the call
        // layer built for it held 108 B of empty ones (docs/benchmarks.md, h-callsig); one field for the three, not
        // three (24 B of every call, h-callrest2).
        private CallTimers _timers;
        private const int RingFrom = 1;
        private const int AnswerAt = 2;
        private const int ForwardAt = 3;

        private static int TimerKey(int callId, int kind) => callId << 2 | kind;

        private TonePattern _ringing;

        /// <summary>
        /// What the ringer plays, as the bench says it on an alerting call: "ring", "waiting" (the call waiting tone) or
        /// "silent" (RingerIsSilent, mute, At the desk's delay or an automatic answer keeps it quiet).
        /// </summary>
        public string RingerName => _ringing == null ? "silent" : _ringing == Tones.CallWaiting ? "waiting" : "ring";

        /// <summary>
        /// The calls over <paramref name="agent"/>; their <see cref="Sessions"/> are not put in the agent's chain: the
        /// owner offers them the requests (firmware/App/CallLayer, which keeps their place from boot on). The lists and
        /// counts go to <paramref name="history"/>, which outlives these calls.
        /// </summary>
        public PhoneCalls(SipUserAgent agent, SettingsStore settings, StatusScheduler statuses, ToneSequencer tones, OwnPresence presence,
                          CallHistory history)
        {
            _history = history;
            _presence = presence;
            Settings = settings;
            Statuses = statuses;
            _tones = tones;
            Sessions = new CallSessions(agent, this, false);
            Sessions.LastId = history.LastCallId;
            ApplyPorts();
        }

        /// <summary>
        /// The media port range of the settings, for the next call (a live call keeps its port): the owner calls it when
        /// rtp_port_start or rtp_port_end change (no handler of its own on the settings, so a call layer that is let go
        /// or could not be built leaves nothing behind on them).
        /// </summary>
        public void ApplyPorts()
        {
            Sessions.SetRtpPorts(Settings.GetInt(SettingNames.RtpPortStart), Settings.GetInt(SettingNames.RtpPortEnd));
        }

        public readonly CallSessions Sessions;

        /// <summary>One ring of the ringer (Tones.Ring's cadence, 3.5 s): user_fwd_timeout_rings counts these.</summary>
        public static int RingCycleMs
        {
            get
            {
                int[] steps = Tones.Ring.Steps;
                int ms = 0;
                for (int i = 1; i < steps.Length; i += 2)
                {
                    ms += steps[i];
                }
                return ms;
            }
        }

        /// <summary>Where connected calls' audio goes: firmware/Voice/CallVoice when the phone has media channels (docs/media.md).</summary>
        public ICallMedia Media = new NoCallMedia();


        public CallList Missed => _history.Missed;
        public CallList Received => _history.Received;
        public CallList Dialled => _history.Dialled;

        /// <summary>Missed calls since the user last looked (the PhoneHasMissedCalls parameter).</summary>
        public int MissedCount => _history.MissedCount;

        /// <summary>A call is being made, received or held (the own status shows Busy).</summary>
        public bool InCall => _history.InCall;

        /// <summary>Whether an incoming call rings (the USB headset's ring indicator follows it).</summary>
        public bool Alerting
        {
            get
            {
                for (int i = 0; i < CallSessions.MaxCalls; i++)
                {
                    SipCall c = Sessions.Slot(i);
                    if (c != null && c.State == SipCall.Alerting)
                    {
                        return true;
                    }
                }
                return false;
            }
        }

        /// <summary>
        /// Places a call (identity 1..12; a number goes to the identity's domain), anonymous when the identity's
        /// user_anonymous_call is on; null and a reason when it cannot (no RTP port to bind: the status line says so too).
        /// </summary>
        public SipCall Dial(int identity, string target, long nowMs, out string error)
        {
            // The last refused call's warning is over once the user calls again.
            Statuses.Clear(StatusId.SipWarningReceived, nowMs);
            SipCall call = Sessions.Dial(identity, target, identity >= 1 && Settings.GetBool(SettingNames.UserAnonymousCall, identity), nowMs, out error);
            if ((object)error != null && error == CallSessions.NoMediaPort)
            {
                // Not sent: no port of rtp_port_start..rtp_port_end can be bound, so the call would have no audio (a null
                // string is not compared: nanoCLR may strcmp it).
                RaiseAnew(StatusId.StatusLineSystemMessage, "Call failed: no RTP port", nowMs);
            }
            return call;
        }

        /// <summary>
        /// Answers the ringing call (the oldest one when <paramref name="id"/> is 0). Call waiting as on the phones: a
        /// call being talked in is put on hold first, so the caller answered is the only one heard.
        /// </summary>
        public bool Answer(int id, long nowMs)
        {
            SipCall call = Pick(id, true);
            if (call == null || call.State != SipCall.Alerting)
            {
                return false;
            }
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                SipCall other = Sessions.Slot(i);
                if (other != null && other != call && other.State == SipCall.Connected && !other.Held)
                {
                    Sessions.Hold(other, true, nowMs);
                }
            }
            return Sessions.Answer(call, nowMs);
        }

        /// <summary>Ends a call whatever its state (a ringing one is rejected with 486); 0: the newest call.</summary>
        public bool Hangup(int id, long nowMs) => Sessions.Hangup(Pick(id, false), 486, nowMs);

        /// <summary>
        /// A MESSAGE whose Call-ID is a live call's: its text is shown with that call (the newest one per call, an empty
        /// one takes it back; forgotten when the call ends).
        /// </summary>
        public bool TryShowCallMessage(string callId, string text)
        {
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                SipCall c = Sessions.Slot(i);
                if (c != null && c.CallId == callId)
                {
                    c.Note = text.Length == 0 ? null : text;
                    Changed(c);
                    return true;
                }
            }
            return false;
        }

        /// <summary>Puts a connected call on hold or takes it off (0: the newest call); false when that cannot be asked now.</summary>
        public bool Hold(int id, bool hold, long nowMs) => Sessions.Hold(Pick(id, false), hold, nowMs);

        /// <summary>The network is lost: every call ends at once (its other side sees the session time out).</summary>
        public void NetworkLost(long nowMs) => Sessions.DropAll("network lost", nowMs);

        /// <summary>
        /// An identity lost its registration: its calls end as their state needs (a ringing one is refused with 480, a
        /// dialled one cancelled, a connected one gets BYE), and the status line says why (StatusLineSystemMessage).
        /// </summary>
        public void RegistrationLost(int identity, long nowMs)
        {
            bool ended = false;
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                SipCall c = Sessions.Slot(i);
                if (c != null && c.Identity == identity)
                {
                    ended |= Sessions.Hangup(c, 480, nowMs);
                }
            }
            if (ended)
            {
                RaiseAnew(StatusId.StatusLineSystemMessage, "Call ended: registration lost", nowMs);
            }
        }

        /// <summary>
        /// A call the phone dialled that the other side or the network refused (a final answer of 400 or more, not the 487
        /// of its own CANCEL) is explained on the status line for its few seconds: "Busy", "Not found" and so on, else
        /// the status code. A Warning header's text in that answer raises SipWarningReceived until the next dial.
        /// </summary>
        private void ExplainFailure(SipCall call, long nowMs)
        {
            // A call the user gave up is not explained, whatever ended it (the 408 of an INVITE nothing answered).
            if (!call.Outgoing || call.EndStatus < 400 || call.EndStatus == 487 || call.CancelAsked)
            {
                return;
            }
            RaiseAnew(StatusId.StatusLineSystemMessage, FailureText(call.EndStatus), nowMs);
            if (call.Warning != null)
            {
                RaiseAnew(StatusId.SipWarningReceived, call.Warning, nowMs);
            }
        }

        /// <summary>
        /// Raises the call layer's status <paramref name="id"/> with <paramref name="text"/> afresh: cleared first, so a
        /// status line message shown again gets its seconds again (a failed call, a transfer, the keys' refusals).
        /// </summary>
        internal void RaiseAnew(int id, string text, long nowMs)
        {
            Statuses.Clear(id, nowMs);
            Statuses.Raise(id, text, "calls", nowMs);
        }

        /// <summary>What the status line says for a refused call's final status.</summary>
        public static string FailureText(int status)
        {
            switch (status)
            {
                case 486:
                case 600:
                    return "Busy";
                case 404:
                case 604:
                    return "Not found";
                case 480:
                    return "Not available";
                case 408:
                    return "No answer";
                case 603:
                    return "Declined";
                case 403:
                    return "Forbidden";
                case 484:
                    return "Incomplete number";
                default:
                    return "Call failed (" + status.ToString() + ")";
            }
        }

        /// <summary>The user saw the missed calls: the count, PhoneHasMissedCalls and CanceledCall are cleared.</summary>
        public void ClearMissed(long nowMs)
        {
            _history.ClearMissed();
            Statuses.Clear(StatusId.PhoneHasMissedCalls, nowMs);
            Statuses.Clear(StatusId.CanceledCall, nowMs);
        }

        /// <summary>Runs the sessions' timers and keeps the ringer in step with the calls and silent mode.</summary>
        public void Poll(long nowMs)
        {
            Sessions.Poll(nowMs);
            AutoAnswer(nowMs);
            ForwardUnanswered(nowMs);
            UpdateRinger(nowMs);
            // The lists a call's end, a missed or a dialled call changed in this turn, written here, three frames under
            // Main, not under the request's handling that ended the call (CallHistory.ListsChanged).
            _history.Save();
        }

        /// <summary>Answers the intercom calls whose delay is over.</summary>
        private void AutoAnswer(long nowMs)
        {
            if (_timers == null || _timers.Count == 0)
            {
                return;
            }
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                SipCall c = Sessions.Slot(i);
                if (c != null && c.State == SipCall.Alerting && _timers.Due(TimerKey(c.Id, AnswerAt), nowMs))
                {
                    _timers.Remove(TimerKey(c.Id, AnswerAt));
                    Sessions.Answer(c, nowMs);
                }
            }
        }

        /// <summary>
        /// answer_after_policy (Snom): off never; idle only without another call; not_busy unless another call is
        /// being talked in, dialled or rings (a held one does not count); always.
        /// </summary>
        private bool AutoAnswerAllowed()
        {
            string policy = Settings.Get(SettingNames.AnswerAfterPolicy);
            if (policy == "always")
            {
                return true;
            }
            if (policy != "idle" && policy != "not_busy")
            {
                return false;
            }
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                SipCall c = Sessions.Slot(i);
                if (c != null && (policy == "idle" || !(c.State == SipCall.Connected && c.Held)))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>A ringing call whose rings ran out goes to the identity's user_fwd_timeout target (302), a missed call.</summary>
        private void ForwardUnanswered(long nowMs)
        {
            if (_timers == null || _timers.Count == 0)
            {
                return;
            }
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                SipCall c = Sessions.Slot(i);
                if (c == null || c.State != SipCall.Alerting || !_timers.Due(TimerKey(c.Id, ForwardAt), nowMs))
                {
                    continue;
                }
                _timers.Remove(TimerKey(c.Id, ForwardAt));
                int index = c.Identity >= 1 ? c.Identity : 1;
                string target = Settings.Get(SettingNames.UserFwdTimeout, index);
                if (target == "")
                {
                    continue;
                }
                AddMissed(c, "forward", nowMs);
                Sessions.Redirect(c, "<" + ForwardUri(target, index, null) + ">", nowMs);
            }
        }

        public int OnIncoming(SipCall call, SipMessage invite, out string contact)
        {
            contact = null;
            int index = call.Identity >= 1 ? call.Identity : 1;
            // Read by position (GetAt), not through Get and GetBool: two frames fewer under the INVITE's settings reads, the
            // deepest point of a new call's turn on the 80,896-byte board (issue #18, h-callthrough).
            string always = Settings.GetAt(Settings.OrdinalOf(SettingNames.UserFwdAlways), index);
            string busy = Settings.GetAt(Settings.OrdinalOf(SettingNames.UserFwdBusy), index);
            // DND is the identity's own setting; for the current identity it is also the own status's DND
            // (PhoneCore.ChoosePresence and SettingsBinding keep the two one).
            bool dnd = Settings.GetAt(Settings.OrdinalOf(SettingNames.UserDnd), index) == "on";
            bool engaged = Sessions.Count > 0;
            string forward = always != "" ? always : (dnd || engaged) && busy != "" ? busy : null;
            if (dnd)
            {
                AddMissed(call, "dnd", call.StartedMs);
            }
            if (forward != null)
            {
                contact = "<" + ForwardUri(forward, index, invite) + ">";
                return 302;
            }
            if (dnd)
            {
                return 486;
            }
            int answerAfter = Intercom.AnswerAfter(invite);
            if (answerAfter >= 0 && AutoAnswerAllowed())
            {
                // An intercom call: no ring, answered (on the speaker) after the delay the caller asked for.
                _timers = TimerSet(_timers, TimerKey(call.Id, AnswerAt), call.StartedMs + answerAfter * 1000L);
                return 180;
            }
            if (Settings.GetAt(Settings.OrdinalOf(SettingNames.UserFwdTimeout), index) != "")
            {
                // Forward on no answer: after user_fwd_timeout_rings rings, counted from the 180.
                _timers = TimerSet(_timers, TimerKey(call.Id, ForwardAt), call.StartedMs + (long)Settings.GetInt(SettingNames.UserFwdTimeoutRings, index) * RingCycleMs);
            }
            if (_presence != null && _presence.IncomingCall(false) == IncomingCallAction.AlertDelayed)
            {
                // At the desk: the call is signalled at once (180) but the ringer waits (docs/presence.md).
                _timers = TimerSet(_timers, TimerKey(call.Id, RingFrom), call.StartedMs + _presence.AtTheDeskDelayMs);
            }
            return 180;
        }

        /// <summary>Sets a call's time in <paramref name="timers"/>, made now if it is null; without room for it, no time (as a full one).</summary>
        private static CallTimers TimerSet(CallTimers timers, int callId, long dueMs)
        {
            try
            {
                if (timers == null)
                {
                    timers = new CallTimers();
                }
                timers.Set(callId, dueMs);
            }
            catch (System.OutOfMemoryException)
            {
                // Not made: the call rings (and is not forwarded or answered by itself), as when CallTimers has no room.
            }
            return timers;
        }

        public void OnChanged(SipCall call, long nowMs)
        {
            if (call.State == SipCall.Connected && (call.Held || call.RemoteHeld))
            {
                Media.Stop(call.Id);
            }
            else if ((call.State == SipCall.Connected || call.State == SipCall.Ringing && call.EarlyMedia) && call.MediaAddress != null && call.Codec >= 0)
            {
                Media.Start(call.Id, call.MediaAddress, call.MediaPort, call.LocalMediaPort, call.Codec);
            }
            else if (call.State == SipCall.Ended)
            {
                if (_timers != null)
                {
                    _timers.Remove(TimerKey(call.Id, RingFrom));
                    _timers.Remove(TimerKey(call.Id, ForwardAt));
                    _timers.Remove(TimerKey(call.Id, AnswerAt));
                }
                ParkEnded(call, nowMs);
                Media.Stop(call.Id);
                Record(call, nowMs);
                ExplainFailure(call, nowMs);
            }
            else if (call.State == SipCall.Dialing && !call.CancelAsked)
            {
                // A dialled call is told once more when it is hung up before any provisional: listed once.
                Dialled.Add(new CallRecord(call.RemoteUri, null, call.Identity, nowMs, 0));
                _history.ListsChanged();
            }
            UpdateRinger(nowMs);
            AudioChanged(nowMs);
            bool inCall = Sessions.Count > 0;
            if (_history.SetInCall(inCall) && _presence != null)
            {
                // The own status shows Busy while a call is in progress: told here, where it changes, not through an event
                // of the history the core kept a delegate on (48 B at rest once a call was made, h-callobjs).
                _presence.SetInCall(inCall, nowMs);
            }
            Changed(call);
        }

        // The sessions' two questions to the media, through the handler they have (not delegates the media set: 72 B and
        // two fields of every call, h-callobjs).
        public bool PortBindable(int port) => Media.PortBindable(port);

        public void DtmfReceived(SipCall call, char key, long nowMs) => Media.InfoDigit(call, key, nowMs);

        // Every change of a call goes to the features' owner (the call layer: the voice, the bench event stream, the LEDs,
        // call completion), its one listener: an event's delegate and field were 48 B of every call (h-callrest2).
        private void Changed(SipCall call)
        {
            ICallFeatures features = Features;
            if (features != null)
            {
                features.CallChanged(call);
            }
        }

        /// <summary>An incoming call that ended: answered ones are received, the caller giving up is a missed (and cancelled) call.</summary>
        private void Record(SipCall call, long nowMs)
        {
            if (call.Outgoing)
            {
                return;
            }
            if (call.ConnectedMs != 0)
            {
                Received.Add(new CallRecord(call.RemoteUri, call.RemoteName, call.Identity, call.StartedMs, call.DurationSeconds(nowMs)));
                _history.ListsChanged();
                return;
            }
            // A call another device of the extension answered is no missed call (the user took it there).
            if (call.EndStatus == 487 && call.EndReason != SipCall.AnsweredElsewhere)
            {
                Statuses.Raise(StatusId.CanceledCall, CallNames.Remote(call), "calls", nowMs);
                AddMissed(call, "calls", nowMs);
            }
        }

        private void AddMissed(SipCall call, string source, long nowMs)
        {
            Missed.Add(new CallRecord(call.RemoteUri, call.RemoteName, call.Identity, call.StartedMs, 0));
            _history.ListsChanged();
            int missed = _history.AddMissed();
            Statuses.Raise(StatusId.PhoneHasMissedCalls, missed.ToString(), source, nowMs);
        }


        /// <summary>
        /// The ring while an incoming call alerts and neither silent mode nor mute is on: the ring tone, or the
        /// waiting tone while another call is connected; silence otherwise.
        /// </summary>
        private void UpdateRinger(long nowMs)
        {
            if (_tones == null)
            {
                return;
            }
            bool alerting = false;
            bool connected = false;
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                SipCall c = Sessions.Slot(i);
                alerting |= c != null && c.State == SipCall.Alerting && (_timers == null || !_timers.Contains(TimerKey(c.Id, AnswerAt))
                    && (!_timers.Contains(TimerKey(c.Id, RingFrom)) || _timers.Due(TimerKey(c.Id, RingFrom), nowMs)));
                connected |= c != null && c.State != SipCall.Alerting;
            }
            TonePattern wanted = !alerting || Statuses.IsActive(StatusId.RingerIsSilent) || Audio.Muted ? null : connected ? Tones.CallWaiting : Tones.Ring;
            if (wanted == _ringing)
            {
                return;
            }
            if (_ringing != null)
            {
                _tones.Stop(_ringing);
            }
            _ringing = wanted;
            if (wanted != null)
            {
                _tones.Play(wanted, nowMs);
            }
        }

        /// <summary>
        /// The call the screen and the keys are about: the oldest ringing one, else the newest; null without calls.
        /// <paramref name="live"/> counts the live calls.
        /// </summary>
        public SipCall Current(out int live)
        {
            SipCall shown = null;
            live = 0;
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                SipCall c = Sessions.Slot(i);
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

        /// <summary>The newest call that is not ringing here (the one the user talks in or dials); null when none.</summary>
        public SipCall Active()
        {
            SipCall best = null;
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                SipCall c = Sessions.Slot(i);
                if (c != null && c.State != SipCall.Alerting && (best == null || c.Id > best.Id))
                {
                    best = c;
                }
            }
            return best;
        }

        /// <summary>
        /// Keeps the audio route in step: a call being talked in or dialled (or the dialing screen) needs a device;
        /// without one the route goes back to the handset or nothing (<see cref="CallsChanged"/>).
        /// </summary>
        public void AudioChanged(long nowMs) => Audio.CallsChanged(Pad.Dialing || Active() != null, nowMs);

        /// <summary>The call an id names; 0 picks the oldest ringing call (answer) or the newest live call (hang up).</summary>
        private SipCall Pick(int id, bool ringing)
        {
            if (id != 0)
            {
                return Sessions.Find(id);
            }
            SipCall best = null;
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                SipCall c = Sessions.Slot(i);
                if (c == null || (ringing && c.State != SipCall.Alerting))
                {
                    continue;
                }
                if (best == null || (ringing ? c.Id < best.Id : c.Id > best.Id))
                {
                    best = c;
                }
            }
            return best;
        }

        /// <summary>A forward target as a URI: a number or user goes to the identity's registrar.</summary>
        private string ForwardUri(string target, int identity, SipMessage request)
        {
            if (target.StartsWith("sip:") || target.StartsWith("sips:") || target.StartsWith("tel:"))
            {
                return target;
            }
            if (target.IndexOf('@') > 0)
            {
                return "sip:" + target;
            }
            string host = SipIdentity.HostOf(Settings.Get(SettingNames.UserHost, identity));
            if (host == null || host.Length == 0)
            {
                host = request == null || request.RequestUri == null ? "localhost" : request.RequestUri.Host;
            }
            return "sip:" + target + "@" + host;
        }
    }
}
