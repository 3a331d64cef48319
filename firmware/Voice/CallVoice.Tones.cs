using DeskPhone.Domain.Calls;
using DeskPhone.Domain.Settings;
using DeskPhone.Media.Audio;
using DeskPhone.Media.Tones;
using DeskPhone.Sip.Session;

namespace DeskPhone.Firmware.Voice
{
    /// <summary>
    /// The call progress tones the user hears in the phone's own audio (docs/media.md, "Tones"), in the
    /// <c>tone_scheme</c>'s cadences, one 20 ms frame per 20 ms of the loop's clock:
    /// <list type="bullet">
    /// <item>ringback into an outgoing call's sink while it rings (a 180 or 183 came back; not from the CANCEL on);</item>
    /// <item>busy (486, 600) or congestion (408, 5xx, the network lost) into a refused outgoing call's sink for
    /// <see cref="RefusalCadences"/> periods after it ended, the call's audio let go only then;</item>
    /// <item>dial tone into <see cref="CallAudio.NoCall"/> while the dialing screen is open on a lifted handset,
    /// the speaker or the headset and nothing is typed yet;</item>
    /// <item>call waiting: <see cref="WaitingCall"/> names the connected call whose session mixes
    /// <see cref="WaitingTone"/> into what it plays while another call rings (the session keeps the timing).</item>
    /// </list>
    /// One tone at a time besides call waiting; a ringing call wins over the others. The generators are made by the first tone of their kind.
    /// Methods and fields of the voice, not an object of their own: the object, its reference to the voice and the voice's
    /// to it were 36 B of every call (h-callcuts2).
    /// </summary>
    public sealed partial class CallVoice
    {
        private const int FrameMs = AudioFrame.Milliseconds;

        /// <summary>Periods of the busy or congestion cadence played after a refused call.</summary>
        public const int RefusalCadences = 3;

        // A loop turn that took longer than this does not make the tone burst out to catch up: the tone skips ahead.
        private const int MaxCatchUpMs = 5 * FrameMs;

        private ToneGenerator _tone;
        private string _scheme;
        private short[] _frame;
        private long _dueMs;

        // The tone playing (low 32 bits: the id whose sink it plays into << 4 | its ToneKind, -1 for none) and the refused
        // call whose busy or congestion tone is owed (high 32 bits: its id << 4 | the ToneKind, -1 for none), in one field
        // (an object field costs 12 B on nanoCLR, h-callcuts2); and until when the refused call's tone plays (-1: from its
        // first turn).
        private long _tones = -1;
        private long _refusedUntil;

        // The call-waiting tone, made in the scheme set now when a call starts waiting and let go when it stops: no scheme
        // kept beside it, no generator kept by the call layer between waiting calls (docs/benchmarks.md h-smallcuts).
        private ToneGenerator _waiting;

        private int Playing => (int)_tones;

        private int RefusedTone => (int)(_tones >> 32);

        private void SetTones(int playing, int refused) => _tones = ((long)refused << 32) | (uint)playing;

        /// <summary>The id whose sink the tone plays into (<see cref="CallAudio.NoCall"/> for the dial tone), or -1 while none plays.</summary>
        public int ToneCallId => Playing < 0 ? -1 : Playing >> 4;

        /// <summary>The <see cref="ToneKind"/> playing, -1 for none (call waiting aside).</summary>
        public int PlayingTone => Playing < 0 ? -1 : Playing & 0x0F;

        /// <summary>No tone plays and no refused call's tone is owed.</summary>
        private bool TonesQuiet => _tones == -1;

        /// <summary>The connected call that hears the call-waiting tone, -1 for none.</summary>
        public int WaitingCall { get; private set; } = -1;

        /// <summary>The call-waiting tone that call's session mixes into what it plays (null while no call waits).</summary>
        public IAudioSource WaitingTone => _waiting;

        /// <summary>
        /// A call ended: true when it was an outgoing call refused before it was answered with a status that has a
        /// tone (busy: 486, 600; congestion: 408, 500-599, 0 for the network lost); that tone then plays into the
        /// call's sink, and the audio devices let go of the call's audio when the tone is over (the tones do it themselves:
        /// no handler kept with the call layer).
        /// </summary>
        private bool Refused(SipCall call)
        {
            int kind = RefusalTone(call);
            if (kind < 0)
            {
                return false;
            }
            ReleaseRefused();
            SetTones(Playing, (call.Id << 4) | kind);
            _refusedUntil = -1;
            return true;
        }

        /// <summary>Busy or congestion for a refused outgoing call, -1 for no tone (answered, cancelled, or another refusal).</summary>
        public static int RefusalTone(SipCall call)
        {
            if (!call.Outgoing || call.ConnectedMs != 0 || call.CancelAsked)
            {
                return -1;
            }
            int status = call.EndStatus;
            if (status == 486 || status == 600)
            {
                return (int)ToneKind.Busy;
            }
            return status == 0 || status == 408 || (status >= 500 && status < 600) ? (int)ToneKind.Congestion : -1;
        }

        /// <summary>One loop turn: starts, continues or stops the tones as the calls, the dialing screen and the clock say.</summary>
        private void PollTones(long nowMs)
        {
            UpdateWaiting();
            int kind;
            int refused = RefusedTone;
            int id = NewestRingingCall();
            if (id >= 0)
            {
                kind = (int)ToneKind.Ringback;
            }
            else if (refused >= 0 && !LiveCalls() && !_phone.Pad.Dialing && (_refusedUntil < 0 || nowMs < _refusedUntil))
            {
                id = refused >> 4;
                kind = refused & 0x0F;
            }
            else if (_phone.Pad.Dialing && _phone.Pad.Number.Length == 0 && _phone.Audio.Device != AudioDevice.None && !LiveCalls())
            {
                id = CallAudio.NoCall;
                kind = (int)ToneKind.Dial;
            }
            else
            {
                kind = -1;
            }

            int playing = id < 0 ? -1 : (id << 4) | kind;
            if (playing != Playing)
            {
                Leave(ToneCallId, PlayingTone);
                SetTones(playing, RefusedTone);
                if (id < 0)
                {
                    return;
                }
                StartTone((ToneKind)kind);
                _dueMs = nowMs;
                refused = RefusedTone;
                if (id == refused >> 4 && refused >= 0 && _refusedUntil < 0)
                {
                    _refusedUntil = nowMs + RefusalCadences * _tone.Cadence.PeriodMs;
                }
            }
            else if (id < 0)
            {
                return;
            }
            else if (nowMs - _dueMs > MaxCatchUpMs)
            {
                _dueMs = nowMs - MaxCatchUpMs;
            }

            IAudioSink sink = _audio.Sink(ToneCallId);
            while (_dueMs <= nowMs)
            {
                _tone.Read(_frame);
                sink.Write(_frame);
                _dueMs += FrameMs;
            }
        }

        // The tone that played for this id stopped: the dial tone's audio and a refused call's are let go (a ringback
        // that turns into busy keeps the call's).
        private void Leave(int id, int kind)
        {
            int refused = RefusedTone;
            if (id == CallAudio.NoCall)
            {
                _audio.End(CallAudio.NoCall);
            }
            else if (id >= 0 && refused >= 0 && id == refused >> 4 && kind != (int)ToneKind.Ringback)
            {
                ReleaseRefused();
            }
        }

        private void ReleaseRefused()
        {
            int refused = RefusedTone;
            if (refused < 0)
            {
                return;
            }
            SetTones(Playing, -1);
            // A refused call's busy or congestion tone is over: the audio devices let go of its audio.
            _audio.End(refused >> 4);
        }

        // The tone from its start, in the scheme set now.
        private void StartTone(ToneKind kind)
        {
            string scheme = _phone.Settings.Get(SettingNames.ToneScheme);
            if (_tone == null || scheme != _scheme || _tone.Kind != kind)
            {
                _tone = new ToneGenerator(Scheme(scheme), kind);
                _scheme = scheme;
                _frame = _frame ?? new short[AudioFrame.Samples];
            }
            else
            {
                _tone.Restart();
            }
        }

        // The connected, unheld call hears the waiting tone while another call alerts.
        private void UpdateWaiting()
        {
            int connected = -1;
            bool alerting = false;
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                SipCall call = _phone.Sessions.Slot(i);
                if (call == null)
                {
                    continue;
                }
                alerting |= call.State == SipCall.Alerting;
                if (call.State == SipCall.Connected && !call.Held && !call.RemoteHeld && connected < 0)
                {
                    connected = call.Id;
                }
            }
            int wanted = alerting ? connected : -1;
            if (wanted < 0)
            {
                _waiting = null;
            }
            else if (wanted != WaitingCall)
            {
                _waiting = new ToneGenerator(Scheme(_phone.Settings.Get(SettingNames.ToneScheme)), ToneKind.CallWaiting);
            }
            WaitingCall = wanted;
        }

        private static ToneScheme Scheme(string setting) => ToneScheme.ForSetting(setting) ?? ToneScheme.ForSetting("USA");

        private bool LiveCalls()
        {
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                if (_phone.Sessions.Slot(i) != null)
                {
                    return true;
                }
            }
            return false;
        }

        private int NewestRingingCall()
        {
            int id = -1;
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                SipCall call = _phone.Sessions.Slot(i);
                if (call != null && call.Outgoing && call.State == SipCall.Ringing && !call.Cancelling && !call.EarlyMedia && call.Id > id)
                {
                    id = call.Id;
                }
            }
            return id;
        }
    }
}
