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
    /// (CallVoice.Tones.cs: also busy and congestion after a refused call, the dial tone, call waiting).
    /// </summary>
    // Starts that found no free session, no codec or no port to bind are not counted: nothing read the count (12 B of
    // every call, h-callrest3); the call goes on without audio, and one refused for want of a port is said in the
    // phone's log (ICallFeatures.Log).
    public sealed partial class CallVoice : ICallMedia, ICallQuality
    {
        public const int MaxSessions = 2;

        // The calls, whose sessions, audio route, settings and dialing screen the voice, its tones and the conference
        // use: one field, not three (and the tones' pad: 36 B of every call, h-callrest2).
        private readonly PhoneCalls _phone;
        private readonly ICallAudio _audio;

        // For the conference, which keeps no references of its own (h-callmedia).
        internal CallSessions Calls => _phone.Sessions;

        internal ICallAudio Audio => _audio;

        private readonly RtpChannelFactory _channels;
        // The MaxSessions sessions, each made by a call's media and let go with its call (Release): an idle phone holds
        // none. Two fields, not an array of them (48 B and its field, h-callrest2).
        private MediaSession _first;
        private MediaSession _second;
        private InfoDtmfSender _info;
        // The RTP and RTCP channels the next session takes, made when a call's port is tried (PortBindable) and kept
        // closed until its media starts: trying a port makes no channel that a session does not use.
        private IRtpChannel _nextRtp;
        private IRtpChannel _nextRtcp;
        // Ports that could not be bound since the last one that could: when they are all the range's pairs not in use,
        // the call layer found no port (an INVITE is refused 503 No RTP Port, a dial not sent).
        private int _unbound;
        // The DTMF key held down in a call, -1 for none, in one field (an object field costs 12 B on nanoCLR): the call
        // id << 9, HeldInfo when its SIP INFO goes at the release, the key (ASCII) in the low 8 bits.
        private int _held = -1;
        private const int HeldInfo = 0x100;
        private long _heldSinceMs;

        /// <param name="calls">The calls: their SIP sessions (for what <see cref="ICallMedia.Start"/> does not carry, the
        /// telephone-event payload type), the audio device and mute the user's keys set (muted, the sessions send
        /// silence), the settings (<c>tone_scheme</c>, the country of the tones, and the phone's random source: each call's
        /// SSRC and first sequence) and the dialing screen (the dial tone).</param>
        public CallVoice(PhoneCalls calls, ICallAudio audio, RtpChannelFactory channels)
        {
            _phone = calls;
            _audio = audio;
            _channels = channels;
        }

        /// <summary>
        /// Whether the port a call is about to offer (RTP, and RTCP on the next) can be bound: both are bound and let go
        /// again, so a port another socket holds is skipped before the SDP offers it (docs/media.md, "Ports"). The
        /// sessions ask through their handler, the calls (no delegate kept, h-callobjs).
        /// </summary>
        public bool PortBindable(int port)
        {
            if (_nextRtp == null)
            {
                try
                {
                    _nextRtp = _channels();
                    _nextRtcp = _channels();
                }
                catch (OutOfMemoryException)
                {
                    // No room to try: the port is offered untried, as before (a failed bind leaves the call without audio).
                    _nextRtp = null;
                    return true;
                }
            }
            bool free = _nextRtp.Open(port) && _nextRtcp.Open(port + 1);
            _nextRtp.Close();
            _nextRtcp.Close();
            if (free)
            {
                _unbound = 0;
            }
            else if (++_unbound >= PairsFree())
            {
                // Every pair was tried (CallSessions tries each one not in use once, and stops at the first that binds).
                _unbound = 0;
                if (_phone.Features != null)
                {
                    _phone.Features.Log("call refused: no RTP port of " + _phone.Sessions.RtpPortStart.ToString() + "-" + _phone.Sessions.RtpPortEnd.ToString() +
                            " can be bound (503 " + CallSessions.NoMediaPort + ")");
                }
            }
            return free;
        }

        /// <summary>The pairs of the RTP port range no call uses, as CallSessions counts them: those a port search tries.</summary>
        private int PairsFree()
        {
            int start = _phone.Sessions.RtpPortStart;
            int first = start + (start & 1);
            int pairs = (_phone.Sessions.RtpPortEnd - first + 1) / 2;
            if (pairs < 1)
            {
                pairs = 1;
            }
            int free = pairs;
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                SipCall call = _phone.Sessions.Slot(i);
                int port = call == null ? 0 : call.LocalMediaPort;
                if (port >= first && port < first + 2 * pairs && ((port - first) & 1) == 0 && !SharedBefore(i, port))
                {
                    free--;
                }
            }
            return free;
        }

        // Whether a call in a slot before this one has the port too (calls share the last pair when every pair is used).
        private bool SharedBefore(int slot, int port)
        {
            for (int i = 0; i < slot; i++)
            {
                SipCall call = _phone.Sessions.Slot(i);
                if (call != null && call.LocalMediaPort == port)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>DTMF sent as SIP INFO (the identity's <c>user_dtmf_info</c>); made by its first use, most phones send DTMF in RTP.</summary>
        public InfoDtmfSender Info => _info ?? (_info = new InfoDtmfSender(_phone.Sessions));

        // Made when a conference is first asked for (the Conference key or softkey): few calls join one, and every call's
        // layer held it (36 B, docs/benchmarks.md h-smallcuts).
        private Conference _conference;

        /// <summary>The local conference of two calls, whose sessions play through its mixer; made when first asked for.</summary>
        public Conference Conference => _conference ?? (_conference = new Conference(this));

        /// <summary>The conference while one is on, else null; asking makes none (the screen, the keys, the audio ask often).</summary>
        internal Conference Joined => _conference != null && _conference.Active ? _conference : null;

        /// <summary>Multicast paging, when the phone has multicast channels (set by PhoneApp); null: none.</summary>
        public Paging Paging;

        /// <summary>No session, no tone and no paging: nothing of the voice needs its call layer (firmware/App/CallLayer).</summary>
        public bool Idle => _first == null && _second == null && TonesQuiet && Paging == null;

        public void Start(int callId, string remoteAddress, int remotePort, int localPort, int codec)
        {
            IVoiceCodec voice = G711Codec.ForPayloadType(codec);
            MediaSession session = Find(callId) ?? Free();
            if (voice != null && session != null)
            {
                // False (no port, no heap for its buffers): the call goes on without audio.
                session.Start(callId, remoteAddress, remotePort, localPort, voice, EventPayloadType(callId), SourceOf(callId), SinkOf(callId),
                              _phone.Settings.Random);
            }
        }

        // A call's audio: the conference's mixer for its members, the phone's devices for the others.
        private IAudioSource SourceOf(int callId) => (_conference == null ? null : _conference.Source(callId)) ?? _audio.Source(callId);

        private IAudioSink SinkOf(int callId) => (_conference == null ? null : _conference.Sink(callId)) ?? _audio.Sink(callId);

        // The members' sessions move to the mixer when the conference begins and back to the devices when it ends.
        internal void ConferenceChanged(int first, int second)
        {
            Reconnect(first);
            Reconnect(second);
        }

        private void Reconnect(int callId)
        {
            MediaSession session = Find(callId);
            if (session != null)
            {
                session.Connect(SourceOf(callId), SinkOf(callId));
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
        /// Sends DTMF digits (docs/media.md, "DTMF"): as RFC 4733 events in the call's media, and as SIP INFO
        /// <c>application/dtmf-relay</c> too (<c>user_dtmf_info</c> <c>on</c>) or instead (<c>sip_info_only</c>) for the
        /// call's identity; null when all are queued, else why not (no media, no telephone-event agreed, a character
        /// that is no digit, too many waiting).
        /// </summary>
        public string SendDigits(int callId, string digits)
        {
            SipCall call = _phone.Sessions.Find(callId);
            string mode = call == null ? "off" : _phone.Settings.Get(SettingNames.DtmfInfo, call.Identity);
            bool info = mode == "on" || mode == "sip_info_only";
            bool rtp = mode != "sip_info_only";
            MediaSession session = Find(callId);
            if (rtp && (session == null || !session.Active))
            {
                return "the call has no media";
            }
            if (rtp && session.EventPayloadType < 0)
            {
                return "the other side takes no telephone-event (RFC 4733)";
            }
            if (info && (call.State != SipCall.Connected || call.Held))
            {
                return "the call is not connected";
            }
            char[] keys = digits.ToCharArray();
            for (int i = 0; i < keys.Length; i++)
            {
                if (Media.Dtmf.TelephoneEvent.FromKey(keys[i]) < 0)
                {
                    return "not a DTMF digit (0-9 * # A-D): " + keys[i];
                }
            }
            if (info && Info.Room < keys.Length)
            {
                return "too many digits waiting for their INFO: " + (InfoDtmfSender.QueueLength - Info.Room) + " already";
            }
            for (int i = 0; i < keys.Length; i++)
            {
                if (rtp && !session.SendDigit(keys[i]))
                {
                    return "too many digits waiting: sent " + i + " of " + keys.Length;
                }
                if (info)
                {
                    Info.Add(callId, keys[i], InfoDtmfSender.DurationMs);
                }
            }
            return null;
        }

        /// <summary>
        /// A DTMF key of the phone went down or up in a call (docs/media.md, "DTMF"): its RFC 4733 event goes on while it is
        /// held and ends at the release; its SIP INFO (<c>user_dtmf_info</c>) goes at the release with the time held. A
        /// second key going down ends the first; a key that cannot go out (no media, no telephone-event, queue full) is
        /// dropped, as a key on a held call is.
        /// </summary>
        public void DigitKey(int callId, char key, bool down, long nowMs)
        {
            if (_held >= 0 && (down || key == (char)(_held & 0xFF)))
            {
                MediaSession held = Find(_held >> 9);
                if (held != null)
                {
                    held.ReleaseDigit();
                }
                if ((_held & HeldInfo) != 0)
                {
                    Info.Add(_held >> 9, (char)(_held & 0xFF), (int)(nowMs - _heldSinceMs));
                }
                _held = -1;
            }
            SipCall call = down ? _phone.Sessions.Find(callId) : null;
            if (call == null)
            {
                return;
            }
            string mode = _phone.Settings.Get(SettingNames.DtmfInfo, call.Identity);
            MediaSession session = Find(callId);
            bool rtp = mode != "sip_info_only" && session != null && session.PressDigit(key);
            bool info = (mode == "on" || mode == "sip_info_only") && call.State == SipCall.Connected && !call.Held &&
                        Media.Dtmf.TelephoneEvent.FromKey(key) >= 0;
            if (rtp || info)
            {
                // A DTMF key is ASCII (0-9 * # A-D): PressDigit and the INFO take no other.
                _held = (callId << 9) | (info ? HeldInfo : 0) | (key & 0xFF);
                _heldSinceMs = nowMs;
            }
        }

        // A key in a SIP INFO: kept with the RFC 4733 ones (media.digits, the call screen). The sessions tell it through
        // their handler, the calls (no delegate kept, h-callobjs).
        public void InfoDigit(SipCall call, char key, long nowMs)
        {
            MediaSession session = Find(call.Id);
            if (session != null)
            {
                session.AddDigit(key);
            }
            else
            {
                // No media (sip_info_only without a session): the screen still shows it.
                string shown = call.ReceivedDigits ?? "";
                call.ReceivedDigits = (shown.Length == MediaSession.MaxDigits ? shown.Substring(1) : shown) + key;
            }
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
        /// congestion tone (<see cref="Refused"/>), which lets go of it when the tone is over.
        /// </summary>
        public void End(SipCall call)
        {
            if (Refused(call))
            {
                Release(call.Id);
                return;
            }
            End(call.Id);
        }

        private void Release(int callId)
        {
            if (_conference != null)
            {
                _conference.Ended(callId);
            }
            if (_first != null && _first.CallId == callId)
            {
                _first.Forget();
                _first = null;
            }
            if (_second != null && _second.CallId == callId)
            {
                _second.Forget();
                _second = null;
            }
        }

        /// <summary>The session carrying (or, held, last carrying) this call's media; null when it had none.</summary>
        public MediaSession Find(int callId)
        {
            if (_first != null && _first.CallId == callId)
            {
                return _first;
            }
            return _second != null && _second.CallId == callId ? _second : null;
        }

        /// <summary>
        /// The call screen's figures: the share of packets lost (RFC 3550 cumulative against those expected), the
        /// interarrival jitter and the round trip from the other side's reports ("-" until one came back).
        /// </summary>
        public string Figures(int callId)
        {
            MediaSession s = Find(callId);
            if (s == null || s.Stream.Received == 0)
            {
                return null;
            }
            // The text written from its end into one array and one string made of it, here: the three numbers'
            // ToString ran Number.Format and FormatNative's frames under this one at the call screen's second, the
            // deepest of its composition and office's lowest collection on the 80,896-byte board (12,480 B,
            // docs/benchmarks.md margin3). The longest text is 45 characters (RTT of 10 digits, jitter of 9).
            RtpStream r = s.Stream;
            var c = new char[45];
            int at = c.Length;
            int n = r.RoundTripMs;
            if (n < 0)
            {
                c[--at] = '-';
            }
            else
            {
                c[--at] = 's';
                c[--at] = 'm';
                at = Digits(c, at, (uint)n);
            }
            c[--at] = ' ';
            c[--at] = 'T';
            c[--at] = 'T';
            c[--at] = 'R';
            c[--at] = ' ';
            c[--at] = 's';
            c[--at] = 'm';
            // Jitter is kept in 8 kHz timestamp units: 8 per millisecond.
            at = Digits(c, at, r.Jitter / 8);
            c[--at] = ' ';
            c[--at] = 'r';
            c[--at] = 'e';
            c[--at] = 't';
            c[--at] = 't';
            c[--at] = 'i';
            c[--at] = 'J';
            c[--at] = ' ';
            c[--at] = '%';
            n = r.Lost;
            at = Digits(c, at, n > 0 ? (uint)(n * 100L / (r.Received + (long)n)) : 0);
            c[--at] = ' ';
            c[--at] = 's';
            c[--at] = 's';
            c[--at] = 'o';
            c[--at] = 'L';
            return new string(c, at, c.Length - at);
        }

        // A number's decimal digits written before c[at]; the index of the first.
        private static int Digits(char[] c, int at, uint n)
        {
            do
            {
                c[--at] = (char)('0' + n % 10);
                n /= 10;
            }
            while (n > 0);
            return at;
        }

        /// <summary>One loop turn: the tones, the pages, then every active session receives, sends and plays what is due.</summary>
        public void Poll(long nowMs)
        {
            PollTones(nowMs);
            if (_info != null)
            {
                _info.Poll(nowMs);
            }
            if (Paging != null)
            {
                Paging.Poll(nowMs);
            }
            Conference joined = Joined;
            if (joined != null)
            {
                joined.Mixer.Muted = _phone.Audio.Muted;
            }
            // A local: the first session's turn may end its call, whose end lets go of its field (Release).
            MediaSession second = _second;
            if (_first != null)
            {
                Turn(_first, joined, nowMs);
            }
            if (second != null)
            {
                Turn(second, joined, nowMs);
            }
        }

        // A session's turn: it receives, sends and plays what is due.
        private void Turn(MediaSession session, Conference joined, long nowMs)
        {
            // In a conference the mixer mutes the microphone: the parties still hear each other.
            session.Muted = _phone.Audio.Muted && (joined == null || joined.Source(session.CallId) == null);
            session.Tone = session.CallId == WaitingCall ? _waiting : null;
            session.Silenced = Paging != null && Paging.OverCall;
            if (session.TakeNewDigits())
            {
                ShowDigits(session);
            }
            session.Poll(nowMs);
        }

        // The session's received digits onto its call for the screen, made into a string only when one came.
        private void ShowDigits(MediaSession session)
        {
            SipCall call = _phone.Sessions.Find(session.CallId);
            if (call != null)
            {
                call.ReceivedDigits = session.Digits;
            }
        }

        private int EventPayloadType(int callId)
        {
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                SipCall call = _phone.Sessions.Slot(i);
                if (call != null && call.Id == callId)
                {
                    return call.TelephoneEvent;
                }
            }
            return -1;
        }

        // The first session free (made if its field is empty, reused if it never carried a call), null when none is.
        private MediaSession Free()
        {
            if (_first == null)
            {
                return _first = Made();
            }
            if (!_first.Active && _first.CallId < 0)
            {
                return _first;
            }
            if (_second == null)
            {
                return _second = Made();
            }
            if (!_second.Active && _second.CallId < 0)
            {
                return _second;
            }
            return null;
        }

        // A new session on the channels the port's try made (or new ones); null without room for its buffers (the call
        // goes on without audio).
        private MediaSession Made()
        {
            try
            {
                MediaSession session = _nextRtp == null ? new MediaSession(_channels(), _channels()) : new MediaSession(_nextRtp, _nextRtcp);
                _nextRtp = null;
                _nextRtcp = null;
                return session;
            }
            catch (OutOfMemoryException)
            {
                return null;
            }
        }
    }
}
