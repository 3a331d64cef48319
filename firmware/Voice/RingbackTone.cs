using DeskPhone.Domain.Settings;
using DeskPhone.Media.Audio;
using DeskPhone.Media.Tones;
using DeskPhone.Sip.Session;

namespace DeskPhone.Firmware.Voice
{
    /// <summary>
    /// The ringback the caller hears while the other side rings (docs/media.md, "Tones"): an outgoing call that got a
    /// 180 or 183 plays the <c>tone_scheme</c>'s ringback into that call's own audio sink (the speaker the call uses;
    /// the simulator's recording of the call), one 20 ms frame per 20 ms of the loop's clock, until the call is
    /// answered, ends or is hung up (from the CANCEL on). A call with early media (a 180 or 183 with SDP) plays the network's
    /// audio instead; every other ringing outgoing call gets the local tone, as a phone does when the network sends none. One call at a time (the newest ringing one); the generator and its frame
    /// are made by the first ringing call and reused.
    /// </summary>
    public sealed class RingbackTone
    {
        private const int FrameMs = 20;

        // A loop turn that took longer than this does not make the tone burst out to catch up: the tone skips ahead.
        private const int MaxCatchUpMs = 5 * FrameMs;

        private readonly CallSessions _calls;
        private readonly ICallAudio _audio;
        private readonly SettingsStore _settings;
        private ToneGenerator _tone;
        private string _scheme;
        private short[] _frame;
        private long _dueMs;

        public RingbackTone(CallSessions calls, ICallAudio audio, SettingsStore settings)
        {
            _calls = calls;
            _audio = audio;
            _settings = settings;
            CallId = -1;
        }

        /// <summary>The call the ringback plays for, or -1 while none rings.</summary>
        public int CallId { get; private set; }

        /// <summary>One loop turn: starts, continues or stops the tone as the calls' states say.</summary>
        public void Poll(long nowMs)
        {
            int ringing = NewestRingingCall();
            if (ringing < 0)
            {
                CallId = -1;
                return;
            }

            if (ringing != CallId)
            {
                Start();
                CallId = ringing;
                _dueMs = nowMs;
            }
            else if (nowMs - _dueMs > MaxCatchUpMs)
            {
                _dueMs = nowMs - MaxCatchUpMs;
            }

            IAudioSink sink = _audio.Sink(CallId);
            while (_dueMs <= nowMs)
            {
                _tone.Read(_frame);
                sink.Write(_frame);
                _dueMs += FrameMs;
            }
        }

        // The tone from its start, in the scheme set now (a change of tone_scheme applies from the next ringing call).
        private void Start()
        {
            string scheme = _settings.Get(SettingNames.ToneScheme);
            if (_tone == null || scheme != _scheme)
            {
                _tone = new ToneGenerator(ToneScheme.ForSetting(scheme) ?? ToneScheme.ForSetting("USA"), ToneKind.Ringback);
                _scheme = scheme;
                _frame = _frame ?? new short[AudioFrame.Samples];
            }
            else
            {
                _tone.Restart();
            }
        }

        private int NewestRingingCall()
        {
            int id = -1;
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                SipCall call = _calls.Slot(i);
                if (call != null && call.Outgoing && call.State == SipCall.Ringing && !call.Cancelling && !call.EarlyMedia && call.Id > id)
                {
                    id = call.Id;
                }
            }
            return id;
        }
    }
}
