using System;
using DeskPhone.Domain.Calls;
using DeskPhone.Domain.Settings;
using DeskPhone.Media.Audio;
using DeskPhone.Media.Codec;
using DeskPhone.Media.Rtp;
using DeskPhone.Sip.Session;

namespace DeskPhone.Firmware.Voice
{
    /// <summary>Makes the UDP channel of one media port (the board's and the simulator's sockets, a fake in tests).</summary>
    public delegate IRtpChannel RtpChannelFactory();

    /// <summary>
    /// The calls' voice behind <see cref="ICallMedia"/> (docs/media.md): a connected call gets a
    /// <see cref="MediaSession"/> (RTP, RTCP, jitter buffer, G.711) between the phone's audio devices and the other
    /// side; hold stops it and resume starts it again; the phone's loop serves the sessions every turn
    /// (<see cref="Poll"/>). At most <see cref="MaxSessions"/> calls carry audio at once (two: a call and the one
    /// answered while it waits); a session and its buffers are made when a call's media starts, kept while the call is held,
    /// and let go when the call ends. While an outgoing call rings, its audio plays the ringback
    /// (<see cref="CallTones"/>: also busy and congestion after a refused call, the dial tone, call waiting).
    /// </summary>
    public sealed class CallVoice : ICallMedia
    {
        public const int MaxSessions = 2;

        private readonly CallSessions _calls;
        private readonly IAudioRoute _route;
        private readonly ICallAudio _audio;
        private readonly RtpChannelFactory _channels;
        private readonly Random _random;
        private readonly MediaSession[] _sessions = new MediaSession[MaxSessions];

        /// <param name="calls">The SIP calls, for what <see cref="ICallMedia.Start"/> does not carry (the telephone-event payload type).</param>
        /// <param name="route">The audio device and mute the user's keys set: muted, the sessions send silence.</param>
        /// <param name="settings">For <c>tone_scheme</c>, the country of the tones.</param>
        /// <param name="pad">The dialing screen, for the dial tone (null: none).</param>
        public CallVoice(CallSessions calls, IAudioRoute route, ICallAudio audio, RtpChannelFactory channels, Random random, SettingsStore settings,
                         DialPad pad)
        {
            Tones = new CallTones(calls, audio, settings, route, pad);
            Tones.Released += id => audio.End(id);
            _calls = calls;
            _route = route;
            _audio = audio;
            _channels = channels;
            _random = random;
        }

        /// <summary>The call progress tones: dial, ringback, busy, congestion, call waiting.</summary>
        public CallTones Tones { get; }

        /// <summary>Multicast paging, when the phone has multicast channels (set by PhoneApp); null: none.</summary>
        public Paging Paging { get; set; }

        /// <summary>Starts that found no free session, no codec for the payload type, or no port to bind.</summary>
        public int Refused { get; private set; }

        public void Start(int callId, string remoteAddress, int remotePort, int localPort, int codec)
        {
            IVoiceCodec voice = G711Codec.ForPayloadType(codec);
            MediaSession session = Find(callId) ?? Free();
            if (voice == null || session == null ||
                !session.Start(callId, remoteAddress, remotePort, localPort, voice, EventPayloadType(callId), _audio.Source(callId), _audio.Sink(callId)))
            {
                Refused++;
            }
        }

        public void Stop(int callId)
        {
            MediaSession session = Find(callId);
            if (session != null)
            {
                session.Stop();
            }
        }

        /// <summary>
        /// Sends DTMF digits in the call's media as RFC 4733 events (docs/media.md); null when all are queued, else why
        /// not (no media, no telephone-event agreed, a character that is no digit, too many waiting).
        /// </summary>
        public string SendDigits(int callId, string digits)
        {
            MediaSession session = Find(callId);
            if (session == null || !session.Active)
            {
                return "the call has no media";
            }
            if (session.EventPayloadType < 0)
            {
                return "the other side takes no telephone-event (RFC 4733)";
            }
            char[] keys = digits.ToCharArray();
            for (int i = 0; i < keys.Length; i++)
            {
                if (Media.Dtmf.TelephoneEvent.FromKey(keys[i]) < 0)
                {
                    return "not a DTMF digit (0-9 * # A-D): " + keys[i];
                }
            }
            for (int i = 0; i < keys.Length; i++)
            {
                if (!session.SendDigit(keys[i]))
                {
                    return "too many digits waiting: sent " + i + " of " + keys.Length;
                }
            }
            return null;
        }

        /// <summary>
        /// The call ended (not held): its media stops, the audio devices let go of it and so does the phone of its session
        /// (7.3 KB of buffers in the interpreter, docs/benchmarks.md): an idle phone holds none; the next call makes one.
        /// </summary>
        public void End(int callId)
        {
            Release(callId);
            _audio.End(callId);
        }

        /// <summary>
        /// <see cref="End(int)"/> for a call that ended: a refused outgoing call keeps its audio for its busy or
        /// congestion tone (<see cref="CallTones.Refused"/>), which lets go of it when the tone is over.
        /// </summary>
        public void End(SipCall call)
        {
            if (Tones.Refused(call))
            {
                Release(call.Id);
                return;
            }
            End(call.Id);
        }

        private void Release(int callId)
        {
            for (int i = 0; i < MaxSessions; i++)
            {
                if (_sessions[i] != null && _sessions[i].CallId == callId)
                {
                    _sessions[i].Forget();
                    _sessions[i] = null;
                }
            }
        }

        /// <summary>The session carrying (or, held, last carrying) this call's media; null when it had none.</summary>
        public MediaSession Find(int callId)
        {
            for (int i = 0; i < MaxSessions; i++)
            {
                if (_sessions[i] != null && _sessions[i].CallId == callId)
                {
                    return _sessions[i];
                }
            }
            return null;
        }

        /// <summary>One loop turn: the tones, the pages, then every active session receives, sends and plays what is due.</summary>
        public void Poll(long nowMs)
        {
            Tones.Poll(nowMs);
            if (Paging != null)
            {
                Paging.Poll(nowMs);
            }
            for (int i = 0; i < MaxSessions; i++)
            {
                if (_sessions[i] != null)
                {
                    _sessions[i].Muted = _route.Muted;
                    _sessions[i].Tone = _sessions[i].CallId == Tones.WaitingCall ? Tones.WaitingTone : null;
                    _sessions[i].Silenced = Paging != null && Paging.OverCall;
                    _sessions[i].Poll(nowMs);
                }
            }
        }

        private int EventPayloadType(int callId)
        {
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                SipCall call = _calls.Slot(i);
                if (call != null && call.Id == callId)
                {
                    return call.TelephoneEvent;
                }
            }
            return -1;
        }

        private MediaSession Free()
        {
            for (int i = 0; i < MaxSessions; i++)
            {
                if (_sessions[i] == null)
                {
                    try
                    {
                        _sessions[i] = new MediaSession(_channels(), _channels(), _random);
                    }
                    catch (OutOfMemoryException)
                    {
                        // No room for the session's buffers: the call goes on without audio (counted in Refused).
                        return null;
                    }
                    return _sessions[i];
                }
                if (!_sessions[i].Active && _sessions[i].CallId < 0)
                {
                    return _sessions[i];
                }
            }
            return null;
        }
    }
}
