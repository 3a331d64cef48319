using System;
using DeskPhone.Domain.Calls;
using DeskPhone.Media.Audio;
using DeskPhone.Media.Codec;
using DeskPhone.Media.Rtp;

namespace DeskPhone.Firmware.Voice
{
    /// <summary>Makes the UDP channel of one media port (the board's and the simulator's sockets, a fake in tests).</summary>
    public delegate IRtpChannel RtpChannelFactory();

    /// <summary>
    /// The calls' voice behind <see cref="ICallMedia"/> (docs/media.md): a connected call gets a
    /// <see cref="MediaSession"/> (RTP, RTCP, jitter buffer, G.711) between the phone's audio devices and the other
    /// side; hold stops it and resume starts it again; the phone's loop serves the sessions every turn
    /// (<see cref="Poll"/>). At most <see cref="MaxSessions"/> calls carry audio at once (two: a call and the one
    /// answered while it waits); each session and its buffers are made at first use and reused for later calls.
    /// </summary>
    public sealed class CallVoice : ICallMedia
    {
        public const int MaxSessions = 2;

        private readonly ICallAudio _audio;
        private readonly RtpChannelFactory _channels;
        private readonly Random _random;
        private readonly MediaSession[] _sessions = new MediaSession[MaxSessions];

        public CallVoice(ICallAudio audio, RtpChannelFactory channels, Random random)
        {
            _audio = audio;
            _channels = channels;
            _random = random;
        }

        /// <summary>Starts that found no free session, no codec for the payload type, or no port to bind.</summary>
        public int Refused { get; private set; }

        public void Start(int callId, string remoteAddress, int remotePort, int localPort, int codec)
        {
            IVoiceCodec voice = G711Codec.ForPayloadType(codec);
            MediaSession session = Find(callId) ?? Free();
            if (voice == null || session == null ||
                !session.Start(callId, remoteAddress, remotePort, localPort, voice, _audio.Source(callId), _audio.Sink(callId)))
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

        /// <summary>The call ended (not held): its media stops and the audio devices let go of it.</summary>
        public void End(int callId)
        {
            MediaSession session = Find(callId);
            if (session != null)
            {
                session.Stop();
                session.Forget();
            }
            _audio.End(callId);
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

        /// <summary>One loop turn: every active session receives, sends and plays what is due.</summary>
        public void Poll(long nowMs)
        {
            for (int i = 0; i < MaxSessions; i++)
            {
                if (_sessions[i] != null)
                {
                    _sessions[i].Poll(nowMs);
                }
            }
        }

        private MediaSession Free()
        {
            for (int i = 0; i < MaxSessions; i++)
            {
                if (_sessions[i] == null)
                {
                    _sessions[i] = new MediaSession(_channels(), _channels(), _random);
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
