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
    // Its plain state (the counters Played, Silent, Ignored, DigitsReceived) is public fields, not properties: no accessor method in the runtime
    // tables, image and calls on the device (issue #17).
    public sealed class MediaSession
    {
        /// <summary>The datagram buffer (what arrives, what is sent): an RTP packet of 20 ms G.711 with room for CSRCs and an extension, or an RTCP compound.</summary>
        public const int MaxDatagram = 512;

        /// <summary>The level the phone's DTMF events announce (-dBm0, RFC 4733 2.3.4).</summary>
        public const int DtmfVolume = 10;

        /// <summary>Received digits kept for the figures (the newest; older ones drop out).</summary>
        public const int MaxDigits = 16;

        /// <summary>Datagrams read per port and turn, so that a flood cannot hold the loop.</summary>
        public const int MaxReadsPerPoll = 8;

        /// <summary>Frames sent or played in one turn to catch up after a slow turn; beyond that the clock skips ahead.</summary>
        public const int MaxCatchUpFrames = 5;

        // Sessions carrying a call now (all on the loop's thread): when the last one stops, the G.711 tables its first
        // frame built and the call progress tones' sine table are let go (G711.Release, ToneGenerator.Release), so a
        // phone between calls holds none of them.
        private static int s_active;

        private readonly IRtpChannel _rtp;
        private readonly IRtpChannel _rtcpChannel;
        private readonly Random _random;
        private readonly RtpPacket _in = new RtpPacket();
        private readonly RtpSender _sender = new RtpSender();
        public readonly ReceptionStats Received = new ReceptionStats();
        public readonly Rtcp Reports;
        public readonly JitterBuffer Jitter = new JitterBuffer();
        // The one datagram buffer: what arrives is read into it and taken at once (the jitter buffer copies the payload),
        // then the frames due and a report are written into it and sent (the channels copy), all in one turn.
        private readonly byte[] _datagram = new byte[MaxDatagram];
        // The one frame of samples: the microphone's is read into it and sent, then what is played is decoded into it and
        // written (the sinks copy), in turn; a concealment decodes the last payload again from the jitter buffer.
        private readonly short[] _frame = new short[AudioFrame.Samples];
        private short[] _mixed; // the played frame with Tone mixed in, made by the first tone
        // Made by the call's first key press, first event received, first digit (most calls have none): null until then.
        private DtmfSender _dtmfOut;
        private DtmfReceiver _dtmfIn;
        private char[] _digits;
        private int _digitCount;
        private int _telephoneEvent = -1;
        private string _remoteAddress;
        private int _remotePort;
        private IVoiceCodec _codec;
        private IAudioSource _source;
        private IAudioSink _sink;
        private int _payloadType;
        // The session's yes/no state, one bit each (an object field costs 12 B on nanoCLR): Active, Muted, Silenced, the
        // clock started, RTP and RTCP latched.
        private const int ActiveBit = 1;
        private const int MutedBit = 2;
        private const int SilencedBit = 4;
        private const int ClockedBit = 8;
        private const int LatchedBit = 16;
        private const int RtcpLatchedBit = 32;
        private int _flags;
        private long _stoppedMs = -1;
        private long _sendDue;
        private long _playDue;
        private long _reportDue;

        public MediaSession(IRtpChannel rtp, IRtpChannel rtcp, Random random)
        {
            _rtp = rtp;
            _rtcpChannel = rtcp;
            _random = random;
            Reports = new Rtcp(_sender, Received);
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

        public int LocalPort { get; private set; }
        public int PayloadType => _payloadType;

        /// <summary>The RFC 4733 payload type of the call, -1 when none was agreed.</summary>
        public int EventPayloadType => _telephoneEvent;

        public RtpSender Sender => _sender;

        /// <summary>Frames played from packets, and frames of silence (nothing yet, or more than one frame missing).</summary>
        public int Played;

        public int Silent;

        /// <summary>Packets that were not RTP, or RTP of another payload type than the call's.</summary>
        public int Ignored;

        /// <summary>
        /// Opens the ports (RTP on <paramref name="localPort"/>, RTCP on the next) and starts sending to the other side
        /// (a new stream, or for the call it carried until <see cref="Stop"/>, held, the same stream resumed);
        /// false (nothing open) when a port cannot be bound or the address is not a literal.
        /// </summary>
        /// <param name="telephoneEvent">The payload type agreed for RFC 4733 events, -1 when the other side has none.</param>
        public bool Start(int callId, string remoteAddress, int remotePort, int localPort, IVoiceCodec codec, int telephoneEvent,
                          IAudioSource source, IAudioSink sink)
        {
            if (Active && callId == CallId && localPort == LocalPort && remotePort == _remotePort && remoteAddress == _remoteAddress &&
                codec.PayloadType == _payloadType && telephoneEvent == _telephoneEvent)
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
            // Resuming a held call continues its stream (same SSRC, the sequence on, the timestamp advanced by the time
            // held): the call is one RTP session, and peers drop a new SSRC's packets whose timestamps look old.
            bool resume = callId == CallId;
            CallId = callId;
            LocalPort = localPort;
            _payloadType = codec.PayloadType;
            _telephoneEvent = telephoneEvent;
            _remoteAddress = remoteAddress;
            _remotePort = remotePort;
            _codec = codec;
            _source = source;
            _sink = sink;
            if (resume)
            {
                Jitter.Restart();
                _sender.MarkNext();
            }
            else
            {
                _sender.Start(_random);
                Received.Reset();
                Jitter.Reset();
                Reports.Start("deskphone-" + _sender.Ssrc.ToString("x8"));
                Ignored = 0;
                Played = 0;
                Silent = 0;
                _digitCount = 0;
                // A new call forgets the last one's waiting key presses and events.
                _dtmfOut = null;
                _dtmfIn = null;
                _stoppedMs = -1;
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
                _flags &= ~ActiveBit;
                _stoppedMs = (_flags & ClockedBit) != 0 ? _sendDue : _stoppedMs;
                _rtp.Close();
                _rtcpChannel.Close();
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
            _dtmfOut.Release();
            return true;
        }

        /// <summary>
        /// A DTMF key went down: its event is sent until <see cref="ReleaseDigit"/> (at least 100 ms, at most 8.19 s);
        /// false as for <see cref="SendDigit"/>, and when the heap has no room for the call's first event.
        /// </summary>
        public bool PressDigit(char key)
        {
            int code = TelephoneEvent.FromKey(key);
            if (!Active || _telephoneEvent < 0 || code < 0)
            {
                return false;
            }
            if (_dtmfOut == null)
            {
                try
                {
                    _dtmfOut = new DtmfSender(DtmfVolume);
                }
                catch (OutOfMemoryException)
                {
                    return false;
                }
            }
            return _dtmfOut.Press(code);
        }

        /// <summary>The key of <see cref="PressDigit"/> went up: its event ends with its three end packets.</summary>
        public void ReleaseDigit()
        {
            if (_dtmfOut != null)
            {
                _dtmfOut.Release();
            }
        }

        /// <summary>The digits received as RFC 4733 events in this call, the newest <see cref="MaxDigits"/>.</summary>
        public string Digits => _digitCount == 0 ? "" : new string(_digits, 0, _digitCount);

        /// <summary>Digits received so far in all (RFC 4733 and <see cref="AddDigit"/>): a change says <see cref="Digits"/> changed.</summary>
        public int DigitsReceived;

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
                if (_stoppedMs >= 0)
                {
                    _sender.Skip((int)((nowMs - _stoppedMs) / AudioFrame.Milliseconds) * AudioFrame.Samples);
                }
                _flags |= ClockedBit;
                _sendDue = nowMs;
                _playDue = nowMs;
                // RFC 3550 6.2: the first report after half the minimum interval.
                _reportDue = nowMs + Rtcp.IntervalMs / 2;
            }
            ReceiveRtp(nowMs);
            ReceiveRtcp(nowMs);
            for (int i = 0; _sendDue <= nowMs && i < MaxCatchUpFrames; i++, _sendDue += AudioFrame.Milliseconds)
            {
                SendFrame();
            }
            if (_sendDue <= nowMs)
            {
                // The loop was away longer than the catch-up: the timestamps jump as the time did, the frames are not sent.
                long behind = (nowMs - _sendDue) / AudioFrame.Milliseconds + 1;
                _sender.Skip((int)behind * AudioFrame.Samples);
                _sendDue += behind * AudioFrame.Milliseconds;
            }
            for (int i = 0; _playDue <= nowMs && i < MaxCatchUpFrames; i++, _playDue += AudioFrame.Milliseconds)
            {
                PlayFrame();
            }
            if (_playDue <= nowMs)
            {
                _playDue += ((nowMs - _playDue) / AudioFrame.Milliseconds + 1) * AudioFrame.Milliseconds;
            }
            if (nowMs >= _reportDue)
            {
                _reportDue = nowMs + Rtcp.IntervalMs;
                _rtcpChannel.Send(_datagram, Reports.Write(_datagram, nowMs, true));
            }
        }

        private void ReceiveRtp(long nowMs)
        {
            for (int i = 0; i < MaxReadsPerPoll; i++)
            {
                int n = _rtp.Receive(_datagram);
                if (n == 0)
                {
                    return;
                }
                bool valid = _in.Read(_datagram, 0, n);
                bool dtmf = valid && _in.PayloadType == _telephoneEvent && _telephoneEvent >= 0;
                if (!valid || (_in.PayloadType != _payloadType && !dtmf))
                {
                    Ignored++;
                    continue;
                }
                if ((_flags & LatchedBit) == 0 || _in.Ssrc != Received.Ssrc)
                {
                    _rtp.Latch();
                    _flags |= LatchedBit;
                }
                Received.Update(_in.Ssrc, _in.Sequence, _in.Timestamp, nowMs);
                if (dtmf)
                {
                    // Events share the stream's sequence: the jitter buffer sees their packets as missing audio.
                    DtmfReceiver events = Events();
                    if (events != null)
                    {
                        Digit(events.Receive(_datagram, _in.PayloadOffset, _in.PayloadLength, _in.Timestamp));
                    }
                }
                else
                {
                    Jitter.Put(_in.Ssrc, _in.Sequence, _datagram, _in.PayloadOffset, _in.PayloadLength);
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
                int before = Reports.Malformed;
                Reports.Read(_datagram, n, nowMs);
                if ((_flags & RtcpLatchedBit) == 0 && Reports.Malformed == before)
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
                return _dtmfIn ?? (_dtmfIn = new DtmfReceiver());
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
            if (_digits == null)
            {
                try
                {
                    _digits = new char[MaxDigits];
                }
                catch (OutOfMemoryException)
                {
                    // No room to keep it for the call screen: the digit is still counted.
                    DigitsReceived++;
                    return;
                }
            }
            if (_digitCount == MaxDigits)
            {
                Array.Copy(_digits, 1, _digits, 0, MaxDigits - 1);
                _digitCount--;
            }
            _digits[_digitCount++] = TelephoneEvent.ToKey(code);
            DigitsReceived++;
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
            if (_dtmfOut != null && _telephoneEvent >= 0 && _dtmfOut.Next(_sender.Timestamp, _datagram, RtpPacket.HeaderBytes))
            {
                // This interval carries the key's event instead of the audio (RFC 4733 2.5.1).
                _sender.NextEvent(_datagram, _telephoneEvent, _dtmfOut.Marker, _dtmfOut.Timestamp, TelephoneEvent.Length, AudioFrame.Samples);
                _rtp.Send(_datagram, RtpPacket.HeaderBytes + TelephoneEvent.Length);
                return;
            }
            int bytes = _codec.Encode(frame, AudioFrame.Samples, _datagram, RtpPacket.HeaderBytes);
            _sender.Next(_datagram, _payloadType, bytes, AudioFrame.Samples);
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
            short[] mixed = _mixed ?? (_mixed = new short[AudioFrame.Samples]);
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
