using System;
using DeskPhone.Media.Audio;
using DeskPhone.Media.Codec;
using DeskPhone.Media.Dtmf;
using DeskPhone.Media.Tones;

namespace DeskPhone.Media.Rtp
{
    /// <summary>
    /// One call's voice (docs/media.md): every 20 ms a frame from the microphone is encoded and sent as RTP; what
    /// arrives goes through the jitter buffer, is decoded (a single lost frame concealed by repeating the last one at
    /// half level) and played; RTCP reports go out every 5 s on the next port. Driven by <see cref="Poll"/> from the
    /// phone's loop; the frame buffers are allocated in the constructor and reused for every call the session carries,
    /// what only some calls use (DTMF both ways, the received digits) by its first use in a call.
    /// </summary>
    // Its plain state (the counters Played, Silent) is public fields, not properties: no accessor method in the runtime
    // tables, image and calls on the device (issue #17).
    public sealed class MediaSession
    {
        /// <summary>
        /// The datagram buffer (what arrives, what is sent), sized to the call's codec and packet time, 20 ms of G.711:
        /// an RTP packet of it (12 + 160) with 48 B for what a mixer or a gateway puts before the payload (4 CSRCs and
        /// a header extension of 4 + 28 B: RFC 8285's audio level, send time and transport sequence take 4 + 12), or an
        /// RTCP compound (the phone's own is under 100 B; a peer's sender report with a block and an SDES of up to 150 B
        /// fit). A longer datagram is cut by the socket: its RTP payload is not whole, an RTCP compound's cut packet
        /// counts as malformed (a sender report before it is still read). 220 makes the array 240 B on nanoCLR (a 20-byte
        /// header, 12-byte blocks); it was 320 (15 CSRCs and an 84-byte extension, 108 B more for every call and page,
        /// h-media), 512 before h-callobj.
        /// </summary>
        public const int MaxDatagram = 220;

        /// <summary>The level the phone's DTMF events announce (-dBm0, RFC 4733 2.3.4).</summary>
        public const int DtmfVolume = 10;

        /// <summary>Received digits kept for the figures (the newest; older ones drop out).</summary>
        public const int MaxDigits = 16;

        /// <summary>Datagrams read per port and turn, so that a flood cannot hold the loop.</summary>
        public const int MaxReadsPerPoll = 8;

        /// <summary>Frames sent or played in one turn to catch up after a slow turn; beyond that the clock skips ahead.</summary>
        public const int MaxCatchUpFrames = 5;

        // Sessions carrying a call now (all on the loop's thread): when the last one stops, the G.711 segment table its
        // first frame built and the call progress tones' sine table are let go (G711.Release, ToneGenerator.Release), so
        // a phone between calls holds none of them.
        private static int s_active;

        private readonly IRtpChannel _rtp;
        private readonly IRtpChannel _rtcpChannel;
        /// <summary>The call's RTP both ways as RTCP reports it: what is sent, what arrives, what the other side reports.</summary>
        public readonly RtpStream Stream = new RtpStream();
        public readonly JitterBuffer Jitter = new JitterBuffer();
        // The one datagram buffer: what arrives is read into it and taken at once (the jitter buffer copies the payload),
        // then the frames due and a report are written into it and sent (the channels copy), all in one turn.
        // Made by Start and let go by Stop with the frame below (888 B): a call's end runs its history, LEDs and screen
        // without them (issue #18: the call's end ran out of heap there on the 80,896-byte board).
        private byte[] _datagram;
        // The one frame of samples: the microphone's is read into it and sent, then what is played is decoded into it and
        // written (the sinks copy), in turn; a concealment decodes the last payload again from the jitter buffer.
        private short[] _frame;
        // What only some calls use (a tone mixed in, DTMF either way, received digits): made by the first of them, null
        // in a plain call (four fields were 48 B of every session, h-callobj).
        private Rare _rare;

        private sealed class Rare
        {
            internal short[] Mixed; // the played frame with Tone mixed in, made by the first tone
            // Made by the call's first key press, first event received, first digit: null until then.
            internal DtmfSender DtmfOut;
            internal DtmfReceiver DtmfIn;
            internal char[] Digits;
        }

        private string _remoteAddress;
        // The local (low 16 bits) and remote RTP ports, in one field: an object field costs 12 B on nanoCLR.
        private int _ports;
        private IVoiceCodec _codec;
        private IAudioSource _source;
        private IAudioSink _sink;
        // The call's payload type (low 8 bits) and its RFC 4733 one + 1 (0: none), in one field.
        private int _types;
        // The session's yes/no state, one bit each: Active, Muted, Silenced, the clock started, RTP and RTCP latched,
        // digits received since CallVoice last showed them, the call's stream was clocked before its last stop (held:
        // resumed, the timestamp skips from the frame that was due then, _frameDue, kept as it was: a field of its own
        // before h-callrest3); above them the count of received digits kept (0..16).
        private const int ActiveBit = 1;
        private const int MutedBit = 2;
        private const int SilencedBit = 4;
        private const int ClockedBit = 8;
        private const int LatchedBit = 16;
        private const int RtcpLatchedBit = 32;
        private const int DigitsNewBit = 64;
        private const int HeldBit = 128;
        private const int DigitCountShift = 8;
        private int _flags;
        // When the next frame is sent and played: both go at the same 20 ms clock, caught up and skipped alike (two
        // fields before h-callobj).
        private long _frameDue;
        private long _reportDue;

        public MediaSession(IRtpChannel rtp, IRtpChannel rtcp)
        {
            _rtp = rtp;
            _rtcpChannel = rtcp;
            CallId = -1;
        }

        /// <summary>The call this session carries (-1: none since it was made).</summary>
        public int CallId { get; private set; }

        public bool Active => (_flags & ActiveBit) != 0;

        /// <summary>Sends silence instead of the microphone (the user's mute key); DTMF still goes out.</summary>
        public bool Muted
        {
            get => (_flags & MutedBit) != 0;
            set => _flags = value ? _flags | MutedBit : _flags & ~MutedBit;
        }

        /// <summary>Plays nothing to the speaker (a page plays over the call); what arrives is still taken and counted.</summary>
        public bool Silenced
        {
            get => (_flags & SilencedBit) != 0;
            set => _flags = value ? _flags | SilencedBit : _flags & ~SilencedBit;
        }

        /// <summary>
        /// A tone mixed into what the speaker plays (the call-waiting tone), one frame of it per frame played, so it
        /// keeps the session's timing; null: none.
        /// </summary>
        public IAudioSource Tone;

        public int LocalPort => _ports & 0xFFFF;

        public int PayloadType => _types & 0xFF;

        /// <summary>The RFC 4733 payload type of the call, -1 when none was agreed.</summary>
        public int EventPayloadType => (_types >> 8) - 1;

        /// <summary>Frames played from packets, and frames of silence (nothing yet, or more than one frame missing).</summary>
        public int Played;

        public int Silent;

        /// <summary>
        /// Opens the ports (RTP on <paramref name="localPort"/>, RTCP on the next) and starts sending to the other side
        /// (a new stream, or for the call it carried until <see cref="Stop"/>, held, the same stream resumed);
        /// false (nothing open) when a port cannot be bound or the address is not a literal.
        /// </summary>
        /// <param name="telephoneEvent">The payload type agreed for RFC 4733 events, -1 when the other side has none.</param>
        /// <param name="random">The phone's random source, for a new stream's SSRC, first sequence and timestamp; handed
        /// to each start, not kept (a field is 12 B of every call, h-callrest2).</param>
        public bool Start(int callId, string remoteAddress, int remotePort, int localPort, IVoiceCodec codec, int telephoneEvent,
                          IAudioSource source, IAudioSink sink, Random random)
        {
            int types = codec.PayloadType | ((telephoneEvent + 1) << 8);
            int ports = localPort | (remotePort << 16);
            if (Active && callId == CallId && ports == _ports && remoteAddress == _remoteAddress && types == _types)
            {
                // The call changed in another way (a session refresh): its media goes on untouched.
                return true;
            }
            Stop();
            if (!_rtp.Open(localPort))
            {
                return false;
            }
            if (!_rtcpChannel.Open(localPort + 1) || !_rtp.Connect(remoteAddress, remotePort) || !_rtcpChannel.Connect(remoteAddress, remotePort + 1))
            {
                _rtp.Close();
                _rtcpChannel.Close();
                return false;
            }
            try
            {
                _datagram = new byte[MaxDatagram];
                _frame = new short[AudioFrame.Samples];
            }
            catch (System.OutOfMemoryException)
            {
                // No heap for the call's buffers: nothing open, as when a port cannot be bound.
                _datagram = null;
                _rtp.Close();
                _rtcpChannel.Close();
                return false;
            }
            // Resuming a held call continues its stream (same SSRC, the sequence on, the timestamp advanced by the time
            // held): the call is one RTP session, and peers drop a new SSRC's packets whose timestamps look old.
            bool resume = callId == CallId;
            CallId = callId;
            _ports = ports;
            _types = types;
            _remoteAddress = remoteAddress;
            _codec = codec;
            _source = source;
            _sink = sink;
            if (resume)
            {
                Jitter.Restart();
                Stream.MarkNext();
            }
            else
            {
                Stream.Start(random);
                Stream.ResetReception();
                Jitter.Reset();
                Played = 0;
                Silent = 0;
                // A new call forgets the last one's waiting key presses, events and digits, and its hold.
                _flags &= ~(DigitsNewBit | HeldBit | (0xFF << DigitCountShift));
                _rare = null;
            }
            _flags = (_flags & ~(ClockedBit | LatchedBit | RtcpLatchedBit)) | ActiveBit;
            s_active++;
            return true;
        }

        /// <summary>
        /// Moves the session to other audio ports from the next frame on (a conference's mixer, and back), its stream
        /// untouched.
        /// </summary>
        public void Connect(IAudioSource source, IAudioSink sink)
        {
            _source = source;
            _sink = sink;
        }

        /// <summary>Closes the ports (the last session to stop lets go of the G.711 and sine tables); the figures stay readable until the next start.</summary>
        public void Stop()
        {
            if (Active)
            {
                _flags = (_flags & ClockedBit) != 0 ? (_flags & ~ActiveBit) | HeldBit : _flags & ~ActiveBit;
                _rtp.Close();
                _rtcpChannel.Close();
                _datagram = null;
                _frame = null;
                if (_rare != null)
                {
                    _rare.Mixed = null;
                }
                if (--s_active == 0)
                {
                    G711.Release();
                    ToneGenerator.Release();
                }
            }
        }

        /// <summary>
        /// Sends a DTMF digit (0-9, *, #, A-D) as RFC 4733 events in place of the audio, 100 ms long; false when the
        /// other side takes no telephone-event, the key is no digit, the session is stopped or 16 digits already wait.
        /// </summary>
        public bool SendDigit(char key)
        {
            if (!PressDigit(key))
            {
                return false;
            }
            _rare.DtmfOut.Release();
            return true;
        }

        /// <summary>
        /// A DTMF key went down: its event is sent until <see cref="ReleaseDigit"/> (at least 100 ms, at most 8.19 s);
        /// false as for <see cref="SendDigit"/>, and when the heap has no room for the call's first event.
        /// </summary>
        public bool PressDigit(char key)
        {
            int code = TelephoneEvent.FromKey(key);
            if (!Active || _types < 0x100 || code < 0)
            {
                return false;
            }
            Rare rare = _rare;
            if (rare == null || rare.DtmfOut == null)
            {
                try
                {
                    rare = _rare ?? (_rare = new Rare());
                    rare.DtmfOut = new DtmfSender(DtmfVolume);
                }
                catch (OutOfMemoryException)
                {
                    return false;
                }
            }
            return rare.DtmfOut.Press(code);
        }

        /// <summary>The key of <see cref="PressDigit"/> went up: its event ends with its three end packets.</summary>
        public void ReleaseDigit()
        {
            if (_rare != null && _rare.DtmfOut != null)
            {
                _rare.DtmfOut.Release();
            }
        }

        /// <summary>The digits received as RFC 4733 events in this call, the newest <see cref="MaxDigits"/>.</summary>
        public string Digits => DigitCount == 0 ? "" : new string(_rare.Digits, 0, DigitCount);

        private int DigitCount => _flags >> DigitCountShift;

        /// <summary>Whether digits came since this was last asked (CallVoice then shows them on the call): true once per change.</summary>
        public bool TakeNewDigits()
        {
            bool fresh = (_flags & DigitsNewBit) != 0;
            _flags &= ~DigitsNewBit;
            return fresh;
        }

        /// <summary>The call ended: the session is free for another call (its figures go with it).</summary>
        public void Forget()
        {
            Stop();
            CallId = -1;
        }

        /// <summary>One turn: take what arrived, send and play the frames due by <paramref name="nowMs"/>, and a due report.</summary>
        public void Poll(long nowMs)
        {
            if (!Active)
            {
                return;
            }
            if ((_flags & ClockedBit) == 0)
            {
                if ((_flags & HeldBit) != 0)
                {
                    Stream.Skip((int)((nowMs - _frameDue) / AudioFrame.Milliseconds) * AudioFrame.Samples);
                }
                _flags |= ClockedBit;
                _frameDue = nowMs;
                // RFC 3550 6.2: the first report after half the minimum interval.
                _reportDue = nowMs + Rtcp.IntervalMs / 2;
            }
            ReceiveRtp(nowMs);
            ReceiveRtcp(nowMs);
            // The frames due sent, then as many played (each way the same clock).
            int frames = 0;
            for (; _frameDue <= nowMs && frames < MaxCatchUpFrames; frames++, _frameDue += AudioFrame.Milliseconds)
            {
                SendFrame();
            }
            for (int i = 0; i < frames; i++)
            {
                PlayFrame();
            }
            if (_frameDue <= nowMs)
            {
                // The loop was away longer than the catch-up: the timestamps jump as the time did, the frames are neither
                // sent nor played.
                long behind = (nowMs - _frameDue) / AudioFrame.Milliseconds + 1;
                Stream.Skip((int)behind * AudioFrame.Samples);
                _frameDue += behind * AudioFrame.Milliseconds;
            }
            if (nowMs >= _reportDue)
            {
                _reportDue = nowMs + Rtcp.IntervalMs;
                _rtcpChannel.Send(_datagram, Rtcp.Write(_datagram, nowMs, true, Stream));
            }
        }

        private void ReceiveRtp(long nowMs)
        {
            byte[] data = _datagram;
            int payloadType = _types & 0xFF;
            int eventType = (_types >> 8) - 1;
            for (int i = 0; i < MaxReadsPerPoll; i++)
            {
                int n = _rtp.Receive(data);
                if (n == 0)
                {
                    return;
                }
                // The fixed header read in place (RFC 3550 5.1): version, payload type, sequence, timestamp, SSRC.
                int payload = n < RtpPacket.HeaderBytes || (data[0] >> 6) != RtpPacket.Version ? -1 : RtpPacket.Payload(data, 0, n);
                int type = data[1] & 0x7F;
                bool dtmf = type == eventType && eventType >= 0;
                if (payload < 0 || (type != payloadType && !dtmf))
                {
                    // Not RTP, or RTP of another payload type than the call's: not counted (nothing on the phone read
                    // the count: 12 B of every call, h-callrest3).
                    continue;
                }
                uint ssrc = RtpPacket.ReadUInt32(data, 8);
                int sequence = (data[2] << 8) | data[3];
                uint timestamp = RtpPacket.ReadUInt32(data, 4);
                // Latched to the first packet of the call's stream and again when its SSRC changes (RFC 4961).
                if (Stream.Update(ssrc, sequence, timestamp, nowMs) || (_flags & LatchedBit) == 0)
                {
                    _rtp.Latch();
                    _flags |= LatchedBit;
                }
                if (dtmf)
                {
                    // Events share the stream's sequence: the jitter buffer sees their packets as missing audio.
                    DtmfReceiver events = Events();
                    if (events != null)
                    {
                        Digit(events.Receive(data, payload >> 16, payload & 0xFFFF, timestamp));
                    }
                }
                else
                {
                    Jitter.Put(ssrc, sequence, data, payload >> 16, payload & 0xFFFF);
                }
            }
        }

        private void ReceiveRtcp(long nowMs)
        {
            for (int i = 0; i < MaxReadsPerPoll; i++)
            {
                int n = _rtcpChannel.Receive(_datagram);
                if (n == 0)
                {
                    return;
                }
                if (Rtcp.Read(_datagram, n, nowMs, Stream) && (_flags & RtcpLatchedBit) == 0)
                {
                    _rtcpChannel.Latch();
                    _flags |= RtcpLatchedBit;
                }
            }
        }

        // The call's first event makes the receiver; null (the event not counted) when the heap has no room for it.
        private DtmfReceiver Events()
        {
            try
            {
                Rare rare = _rare ?? (_rare = new Rare());
                return rare.DtmfIn ?? (rare.DtmfIn = new DtmfReceiver());
            }
            catch (OutOfMemoryException)
            {
                return null;
            }
        }

        /// <summary>A digit the other side sent another way (SIP INFO): kept with the RFC 4733 ones.</summary>
        public void AddDigit(char key)
        {
            Digit(TelephoneEvent.FromKey(key));
        }

        private void Digit(int code)
        {
            if (code < 0)
            {
                return;
            }
            Rare rare = _rare;
            if (rare == null || rare.Digits == null)
            {
                try
                {
                    rare = _rare ?? (_rare = new Rare());
                    rare.Digits = new char[MaxDigits];
                }
                catch (OutOfMemoryException)
                {
                    // No room to keep it for the call screen: it is still said to have come.
                    _flags |= DigitsNewBit;
                    return;
                }
            }
            int count = DigitCount;
            if (count == MaxDigits)
            {
                Array.Copy(rare.Digits, 1, rare.Digits, 0, MaxDigits - 1);
                count--;
            }
            rare.Digits[count++] = TelephoneEvent.ToKey(code);
            _flags = (_flags & ~(0xFF << DigitCountShift)) | (count << DigitCountShift) | DigitsNewBit;
        }

        private void SendFrame()
        {
            // The microphone is read even when muted, so it does not fall behind; muted or with nothing yet, silence
            // keeps the stream's timing (the other side hears nothing, not a gap it would conceal).
            short[] frame = _frame;
            if (!_source.Read(frame) || Muted)
            {
                Array.Clear(frame, 0, frame.Length);
            }
            DtmfSender dtmf = _rare == null ? null : _rare.DtmfOut;
            if (dtmf != null && _types >= 0x100 && dtmf.Next(Stream.Timestamp, _datagram, RtpPacket.HeaderBytes))
            {
                // This interval carries the key's event instead of the audio (RFC 4733 2.5.1).
                Stream.NextEvent(_datagram, (_types >> 8) - 1, dtmf.Marker, dtmf.Timestamp, TelephoneEvent.Length, AudioFrame.Samples);
                _rtp.Send(_datagram, RtpPacket.HeaderBytes + TelephoneEvent.Length);
                return;
            }
            int bytes = _codec.Encode(frame, AudioFrame.Samples, _datagram, RtpPacket.HeaderBytes);
            Stream.Next(_datagram, _types & 0xFF, bytes, AudioFrame.Samples);
            _rtp.Send(_datagram, RtpPacket.HeaderBytes + bytes);
        }

        private void PlayFrame()
        {
            short[] frame = _frame;
            int status = Jitter.Pop(out int offset, out int length);
            if (status == JitterBuffer.Silence)
            {
                Silent++;
                Array.Clear(frame, 0, frame.Length);
            }
            else
            {
                // Decoded where the jitter buffer holds it (no copy): nothing is put into it until the next turn.
                int samples = _codec.Decode(Jitter.Frames, offset, length, frame);
                if (samples < frame.Length)
                {
                    Array.Clear(frame, samples, frame.Length - samples);
                }
                if (status == JitterBuffer.Played)
                {
                    Played++;
                }
                else
                {
                    // The last frame again at half level (-6 dB): the simplest concealment that does not click.
                    for (int i = 0; i < frame.Length; i++)
                    {
                        frame[i] = (short)(frame[i] >> 1);
                    }
                }
            }
            if (Silenced)
            {
                return;
            }
            IAudioSource tone = Tone;
            if (tone == null)
            {
                _sink.Write(frame);
                return;
            }
            Rare rare = _rare ?? (_rare = new Rare());
            short[] mixed = rare.Mixed ?? (rare.Mixed = new short[AudioFrame.Samples]);
            tone.Read(mixed);
            for (int i = 0; i < mixed.Length; i++)
            {
                int sum = mixed[i] + frame[i];
                mixed[i] = (short)(sum > short.MaxValue ? short.MaxValue : sum < short.MinValue ? short.MinValue : sum);
            }
            _sink.Write(mixed);
        }
    }
}
