using DeskPhone.Domain.Calls;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Drivers;
using DeskPhone.Firmware.Completion;
using DeskPhone.Firmware.Phone;
using DeskPhone.Firmware.Voice;
using DeskPhone.Media.Audio;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Session;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Firmware.App
{
    /// <summary>
    /// The call layer (the calls' logic and sessions, their voice, call completion, the call keys and LEDs), built on its
    /// first use instead of at boot, which the board's heap cannot hold beside the rest of the phone (about 2.8 KB;
    /// docs/benchmarks.md, "h-bootfit"): an INVITE or REFER to the phone, a key pressed, a monitored extension ringing
    /// (its pickup offer), paging configured (mc_address), or the host asking for it (the bench, tests). Until then
    /// whatever reads the call state sees no call (the core's InCall, the screen, the LEDs' defaults). It keeps the
    /// sessions' place in the agent's chain, before the identity routing: while nothing is built it takes no request but
    /// an INVITE or REFER, which builds it; when the heap cannot hold it, that request is refused 503 and a key press
    /// only shows why on the status line, never a crash.
    /// <para>
    /// Once nothing needs it for <see cref="LetGoMs"/> (no call, no dialing screen, no device or mute, no call back,
    /// tone or page, no monitored extension ringing, no menu open) it is let go and its hooks into the core, screen and
    /// menus undone; the next use builds it again. What the user sees of past calls stays in <see cref="CallHistory"/>
    /// (the lists, the missed count, the in-call state the core follows), made by the first build and kept
    /// (docs/benchmarks.md, "h-callfree").
    /// </para>
    /// </summary>
    internal sealed class CallLayer : ISipListener, ICallFeatures
    {
        private readonly PhoneApp _app;
        // The three host parts the layer builds with, not the host's whole PhoneParts (264 B, let go after the phone's
        // construction otherwise; docs/benchmarks.md, h-callfit3); the drivers are the core's (Drivers).
        private readonly RtpChannelFactory _rtp;
        private readonly ICallAudio _audio;
        private readonly MulticastChannelFactory _multicast;

        private PhoneDrivers Drivers => _app.Core.Drivers;

        public CallLayer(PhoneApp app, PhoneParts parts)
        {
            _app = app;
            _rtp = parts.Rtp;
            _audio = parts.Audio;
            _multicast = parts.Multicast;
        }

        /// <summary>How long the layer stays with nothing to do before it is let go (a redial soon after a call finds it).</summary>
        public const long LetGoMs = 10000;

        public PhoneCalls Calls;
        public CallVoice Voice;
        public CallKeys Keys;
        // The line keys (bit n for fkey n + 1) the calls show on the LEDs (CallLeds, static: no object of its own, 48 B of
        // every call, h-callobjs); read when the layer is built and when an fkey changes.
        private int _lineKeys;

        // Kept when the layer goes: the lists (and the medium they are saved on), the missed count and the in-call state.
        private CallHistory _history;

        // The last time something needed the layer (its build, a call, the dialing screen, a menu ...).
        private long _neededMs;

        /// <summary>
        /// Builds the layer unless it is built: true when it exists. False when the heap cannot hold it (what was made is
        /// let go; nothing outside the layer refers to it yet), said on the status line.
        /// </summary>
        public bool Build()
        {
            if (Calls != null)
            {
                return true;
            }
            PhoneApp app = _app;
            PhoneCore core = app.Core;
            SettingsStore settings = app.Settings;
            PhoneDrivers drivers = core.Drivers;
            PhoneCalls calls;
            CallVoice voice = null;
            CallKeys keys;
            int lineKeys;
            try
            {
                if (_history == null)
                {
                    History(core, settings);
                }
                calls = new PhoneCalls(app.Agent, settings, core.Statuses, drivers == null ? null : drivers.Tones, core.Presence, _history);
                if (_rtp != null)
                {
                    ICallAudio audio = _audio ?? new SilentAudio();
                    voice = new CallVoice(calls, audio, _rtp);
                    if (_multicast != null)
                    {
                        voice.Paging = new Paging(settings, core.Statuses, audio, calls.Sessions, _multicast);
                    }
                    calls.Media = voice;
                }
                // The conference and call completion on the call screen, with their softkeys, and the identities' dial
                // plans are the layer's own methods: no object of their own each (docs/benchmarks.md, h-callsig).
                calls.Features = this;
                keys = new CallKeys(calls) { Monitored = core.Monitored };
                // The calls on the call LED and the line keys (docs/leds.md): the keys' settings read here (their texts).
                lineKeys = CallLeds.ReadKeys(calls);
                CallLeds.Update(calls, core.Leds, lineKeys);
            }
            catch (System.OutOfMemoryException)
            {
                Refused();
                return false;
            }
            // Nothing below allocates: the layer is in place at once.
            Calls = calls;
            Voice = voice;
            Keys = keys;
            _lineKeys = lineKeys;
            core.Desktop.Calls = calls;
            core.CallKeys = keys;
            // The conference's keys are the voice's (none without media).
            core.ConferenceKeys = voice;
            app.Screen.Calls = calls;
            app.Screen.Menus.Calls = calls;
            _neededMs = core.Now;
            return true;
        }

        /// <summary>
        /// The first build makes what outlives the layer: the history, its lists loaded from the settings medium (they
        /// survive a restart beside the settings), and the core's one attachment to the in-call state. Out of memory
        /// leaves nothing attached; the next build tries again.
        /// </summary>
        private void History(PhoneCore core, SettingsStore settings)
        {
            var history = new CallHistory();
            if (settings.Medium != null)
            {
                history.Medium = settings.Medium;
                CallListFile.Load(history);
            }
            core.AttachCallState(history);
            _history = history;
        }

        /// <summary>
        /// One loop turn, after the layer's own polls: once nothing has needed it for <see cref="LetGoMs"/> the layer is
        /// let go (the next call, key or page builds it again).
        /// </summary>
        public void LetGoWhenIdle(long nowMs)
        {
            if (!Idle())
            {
                _neededMs = nowMs;
            }
            else if (nowMs - _neededMs >= LetGoMs)
            {
                LetGo();
            }
        }

        /// <summary>
        /// Nothing needs the layer: no live call, no dialing screen, no audio device, mute or lifted handset, no call back
        /// offered or awaited, no tone or session playing and no paging, no monitored extension ringing (the pickup offer),
        /// no menu open (the call lists read the layer).
        /// </summary>
        private bool Idle()
        {
            PhoneCalls calls = Calls;
            PhoneCalls audio = calls.Audio;
            return calls.Sessions.Count == 0 && !calls.Pad.Dialing && audio.Device == AudioDevice.None && !audio.Muted && !audio.HandsetOffHook
                && (_completion == null || _completion.State == CallCompletion.Idle) && (Voice == null || Voice.Idle) && !_app.Core.Monitored.AnyRinging
                && !_app.Screen.Menus.IsOpen;
        }

        /// <summary>
        /// Undoes the build's hooks (the core's keys, the desktop's call messages, the screen and the menus): nothing
        /// outside the layer refers to it any more but the history, which it leaves. The LEDs already show no call.
        /// </summary>
        private void LetGo()
        {
            PhoneCore core = _app.Core;
            core.Desktop.Calls = null;
            core.CallKeys = null;
            core.ConferenceKeys = null;
            _app.Screen.Calls = null;
            _app.Screen.Menus.Calls = null;
            _history.LastCallId = Calls.Sessions.LastId;
            Calls = null;
            Voice = null;
            _completion = null;
            Keys = null;
        }

        /// <summary>No room for the call layer: said on the status line for its few seconds (a call refused is answered 503).</summary>
        private void Refused()
        {
            try
            {
                PhoneCore core = _app.Core;
                core.Statuses.Raise(StatusId.StatusLineSystemMessage, "No memory for calls", "calls", core.Now);
            }
            catch (System.OutOfMemoryException)
            {
                // Not even room to say so: the key does nothing, the INVITE still gets its 503.
            }
        }

        /// <summary>The settings the layer follows while it exists (its parts keep no handler on the settings).</summary>
        public void OnSettingChanged(string name, int index)
        {
            if (Calls == null)
            {
                if (name == SettingNames.MulticastAddress && PagingConfigured())
                {
                    // Paging listens on an idle phone: it is part of the calls' voice.
                    Build();
                }
                return;
            }
            if (name == SettingNames.RtpPortStart || name == SettingNames.RtpPortEnd)
            {
                Calls.ApplyPorts();
            }
            else if (name == SettingNames.Fkey)
            {
                _lineKeys = CallLeds.ReadKeys(Calls);
                CallLeds.Update(Calls, _app.Core.Leds, _lineKeys);
            }
        }

        /// <summary>Paging configured at boot: the layer is built with the phone (its voice listens for pages).</summary>
        public bool PagingConfigured()
        {
            if (_multicast == null)
            {
                return false;
            }
            for (int i = 1; i <= SettingsTable.MulticastAddresses; i++)
            {
                if (_app.Settings.Get(SettingNames.MulticastAddress, i) != "")
                {
                    return true;
                }
            }
            return false;
        }

        public bool OnRequest(SipPacket packet, SipMessage request, long nowMs)
        {
            if (Calls == null)
            {
                string method = request.Method;
                if (method != "INVITE" && method != "REFER")
                {
                    // No call exists: nothing in a call's dialog is ours (the core answers as for an unknown dialog).
                    return false;
                }
                // The request's parsed Request-URI and To (about 0.9 KB with their URIs) go before the layer is built beside
                // them; the sessions read again what they need (docs/benchmarks.md, h-callsig). The From stays: the new
                // call's dialog takes its fields, and parsing it again there was the INVITE's deepest point.
                request.ForgetNames(false);
                if (!Build())
                {
                    _app.Agent.Reply(packet, request, 503, nowMs);
                    return true;
                }
                // The INVITE that built the layer goes straight to the sessions' handling: a frame less under its 100 and
                // 180, the deepest point of the turn (docs/benchmarks.md, h-callsig).
                return method == "INVITE" ? Calls.Sessions.OnInvite(packet, request, nowMs) : Calls.Sessions.OnRequest(packet, request, nowMs);
            }
            if (Voice != null && request.Method == "BYE")
            {
                // The hung-up call's media stops before its 200 is written (RFC 3261 15.1.2), not after the packet with the
                // call's end: its RTP buffers and the G.711 tables (about 1 KB) go before the 200's parse and writer, the
                // deepest point of the BYE's turn, where the office call ran out on the board's heap (docs/benchmarks.md,
                // h-callcost). The call still ends after the packet (CallSessions' AfterPacket).
                SipCall ending = Calls.Sessions.FindDialog(request);
                if (ending != null)
                {
                    Voice.Stop(ending.Id);
                }
            }
            return Calls.Sessions.OnRequest(packet, request, nowMs);
        }

        public bool OnResponse(SipMessage response, long nowMs) => Calls != null && Calls.Sessions.OnResponse(response, nowMs);

        // ICallFeatures: the calls' one listener (no delegate kept, h-callrest2): the voice ends, the event is raised, call
        // completion and the LEDs follow, in that order.
        public void CallChanged(SipCall call)
        {
            if (Voice != null && call.State == SipCall.Ended)
            {
                Voice.End(call);
            }
            SipTrace trace = _app.Inbox.Trace;
            HeapReserve reserve = _app.Core.Reserve;
            if (trace != null && reserve != null)
            {
                // A call that finds less free heap than the reserve keeps for requests, the trace's bytes as made and a
                // margin (13 KB, DeviceSizing.CallTraceBytes) lets the SIP trace's ring (1.4 KB) go until the calls end: the trace is for looking, the call
                // for the user (on the 80,896-byte board the call's turns ran out with the ring kept, docs/bench.md,
                // h-callmargin; with the request room alone, a phone just above it kept the ring through the office call's
                // turns, 535 of them under 12 KB, not 288: docs/benchmarks.md h-basecut). One measurement a change, until
                // paused, through the reserve (the board's only heap without one: the simulator's): it also tells the
                // reserve the heap's state in the call (Low, what requests may take unmeasured).
                // The last call's end pauses it until the next message arrives: what the phone sends in the ending turn
                // (the BYE's 200) does not make the ring again under the ended call's redraw (h-restcut).
                int pause = trace.Pause;
                trace.Pause = call.State == SipCall.Ended
                    ? pause != 0 && Calls.Sessions.Count == 0 ? SipTrace.PausedUntilArrival : pause
                    : pause != 0 || reserve.Measure() < HeapReserve.RequestRoomBytes + DeviceSizing.CallTraceBytes ? SipTrace.Paused : 0;
                if (trace.Pause != 0)
                {
                    // The ring goes now, not at the next message: the answered call's redraw follows in this turn (h-reserve2).
                    trace.Clear();
                }
            }
            _app.Core.Raise(PhoneEventKind.Call, call.Id.ToString() + " " + CallNames.State(call));
            if (call.Outgoing && (_completion != null || (call.State == SipCall.Ended && call.ConnectedMs == 0 && call.EndStatus >= 400)))
            {
                // Call completion follows the phone's own calls only: until one fails (busy, unanswered: what may be
                // offered) there is nothing for it to follow.
                CallCompletion completion = Completion;
                if (completion != null)
                {
                    completion.OnCallChanged(call);
                }
            }
            CallLeds.Update(Calls, _app.Core.Leds, _lineKeys);
            // The USB headset's ring indicator follows an incoming call's ringing.
            AudioChanged();
        }

        // Call back on busy / call completion (RFC 6910 or the PBX's code): only a call the phone places can be offered
        // it, so it is made by the first of those (or the bench, the call screen's softkeys), not with the layer: an
        // incoming call's turn does not hold its 204 B (docs/benchmarks.md, h-callsig). Let go with the layer.
        private CallCompletion _completion;

        /// <summary>Call completion, made on its first use; null when the heap cannot hold it (the status line says so).</summary>
        public CallCompletion Completion
        {
            get
            {
                if (_completion == null)
                {
                    try
                    {
                        PhoneDrivers drivers = Drivers;
                        PhoneCore core = _app.Core;
                        _completion = new CallCompletion(Calls, _app.Events, _app.Settings, core.Statuses, drivers == null ? null : drivers.Tones);
                    }
                    catch (System.OutOfMemoryException)
                    {
                        Refused();
                    }
                }
                return _completion;
            }
        }

        /// <summary>Call completion's timers, once it exists (one loop turn).</summary>
        public void PollCompletion(long nowMs)
        {
            if (_completion != null)
            {
                _completion.Poll(nowMs);
            }
        }

        // ICallFeatures: the conference (of the voice, none without media) and call completion as the call screen and its
        // softkeys see them (docs/calls.md "Call screen"); the domain's call layer sits below both. Only joining makes
        // a conference object: the screen's asks make none (docs/benchmarks.md h-smallcuts).
        private Conference Joined => Voice == null ? null : Voice.Joined;

        public int ConferenceFirst => Joined == null ? 0 : Joined.First;

        public int ConferenceSecond => Joined == null ? 0 : Joined.Second;

        public int ConferenceSeconds(long nowMs)
        {
            Conference joined = Joined;
            return joined == null ? 0 : (int)((nowMs - joined.StartMs) / 1000);
        }

        public bool CanConference => Voice != null && Conference.CanJoin(Voice);

        public bool JoinConference(long nowMs) => Voice != null && Voice.JoinConference(nowMs);

        public bool HangupConference(long nowMs) => Joined != null && Joined.Hangup(nowMs);

        public int CallBack =>
            _completion == null ? CallBackState.None
            : _completion.State == CallCompletion.Offered ? CallBackState.Offered
            : _completion.State == CallCompletion.Ready ? CallBackState.Ready : CallBackState.None;

        public string CallBackWho => _completion == null ? null : _completion.Who;

        public bool AcceptCallBack(long nowMs, out string error)
        {
            CallCompletion completion = Completion;
            if (completion == null)
            {
                error = "no memory";
                return false;
            }
            return completion.Accept(nowMs, out error);
        }

        public bool CancelCallBack(long nowMs) => _completion != null && _completion.Cancel(nowMs);

        // ICallFeatures: the identities' dial plans (user_dp_str, \d their user_host) for the call keys; each number goes
        // through DialPlan.Apply, which parses the plan then (no plan's parse state kept).
        public string ApplyDialPlan(int identity, string number, out bool complete)
        {
            SettingsStore settings = _app.Settings;
            DialPlan.Apply(settings.Get(SettingNames.UserDialPlan, identity), number, settings.Get(SettingNames.UserHost, identity), out string dialled, out complete);
            return dialled;
        }

        // ICallFeatures: a call refused for want of an RTP port (503 No RTP Port, a dial not sent) goes into the phone's
        // log, through the layer the voice's calls already know (no delegate kept by the voice, 48 B, h-callrest2).
        public void Log(string text) => _app.Log.Add(text);

        // ICallFeatures: the audio route changed (or, from CallChanged, the ringing): the USB headset's indicators show
        // the headset in use, muted and ringing; nothing without one.
        public void AudioChanged()
        {
            PhoneDrivers drivers = Drivers;
            if (drivers != null && drivers.Hid != null)
            {
                drivers.Hid.SetHeadsetIndicators(Calls.Audio.Device == AudioDevice.Headset, Calls.Audio.Muted, Calls.Alerting);
            }
        }
    }
}
