using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Media.Audio;
using DeskPhone.Media.Codec;
using DeskPhone.Media.Rtp;
using DeskPhone.Sip.Session;

namespace DeskPhone.Firmware.Voice
{
    /// <summary>Makes the UDP channel of one multicast paging address (the board's and the simulator's sockets, a fake in tests).</summary>
    public delegate IMulticastChannel MulticastChannelFactory();

    /// <summary>
    /// Multicast paging (docs/media.md, "Multicast paging"): the phone joins the groups of the <c>mc_address</c>
    /// settings (at most <see cref="SettingsTable.MulticastAddresses"/>) and plays the G.711 RTP (PCMU, PCMA) that
    /// arrives on them into <see cref="CallAudio.Page"/> (the speaker), with <c>PhoneHasIncomingPublicAnnouncement</c>
    /// raised while a page plays and cleared after <see cref="SilenceMs"/> without its packets. A page of a higher
    /// priority takes over from one playing; an equal or lower one waits. While a call is live only addresses with
    /// <c>interrupt=1</c> play, and then the calls' sessions play nothing (<see cref="OverCall"/>) until the page ends.
    /// No SIP: the page is the RTP alone. What arrives goes through a <see cref="JitterBuffer"/> (the calls' own: bounded,
    /// reordering, dropping late packets, concealing one lost), played one 20 ms frame per 20 ms of the loop; its figures
    /// and the RFC 3550 loss and jitter of the page are <see cref="Received"/> and <see cref="Jitter"/> (the bench's /api/paging).
    /// </summary>
    // Its plain state (the counters Frames and Ignored) is public fields, not properties: no accessor method in the runtime
    // tables, image and calls on the device (issue #17).
    public sealed class Paging
    {
        /// <summary>A page ends this long after its last packet.</summary>
        public const int SilenceMs = 1000;

        // The settings are read again this often (a change applies within it); a join that failed is retried as often x 10.
        private const int CheckMs = 1000;
        private const int RetryChecks = 10;

        private const int Max = SettingsTable.MulticastAddresses;

        private readonly SettingsStore _settings;
        private readonly StatusScheduler _statuses;
        private readonly ICallAudio _audio;
        private readonly CallSessions _calls;
        private readonly MulticastChannelFactory _channels;
        private readonly IMulticastChannel[] _listen = new IMulticastChannel[Max];
        private readonly string[] _values = new string[Max];
        private readonly MulticastListen[] _config = new MulticastListen[Max];
        private byte[] _buffer; // made at the first join, with the frame and the packet reader
        private short[] _frame;
        private RtpPacket _packet;
        private IVoiceCodec _codec; // the playing page's
        private long _playDue;
        private long _checkDue;
        private int _checks;
        private long _lastMs;

        public Paging(SettingsStore settings, StatusScheduler statuses, ICallAudio audio, CallSessions calls, MulticastChannelFactory channels)
        {
            _settings = settings;
            _statuses = statuses;
            _audio = audio;
            _calls = calls;
            _channels = channels;
            Playing = -1;
        }

        /// <summary>The address (0-based: <c>mc_address</c> index - 1) whose page plays, -1 for none.</summary>
        public int Playing { get; private set; }

        /// <summary>A page plays while a call is live: the calls' sessions write nothing to the speaker meanwhile.</summary>
        public bool OverCall { get; private set; }

        /// <summary>The addresses joined now.</summary>
        public int Joined { get; private set; }

        /// <summary>Frames played from pages, and datagrams dropped (not RTP, not G.711, or a call or a page of higher priority won).</summary>
        public int Frames;

        public int Ignored;

        /// <summary>The pages' jitter buffer and reception figures (loss, jitter), made by the first page; null before.</summary>
        public JitterBuffer Jitter { get; private set; }

        public RtpStream Received { get; private set; }

        public void Poll(long nowMs)
        {
            if (nowMs >= _checkDue)
            {
                _checkDue = nowMs + CheckMs;
                Configure(++_checks % RetryChecks == 0, nowMs);
            }
            for (int i = 0; i < Max; i++)
            {
                for (int n = 0; _listen[i] != null && n < MediaSession.MaxReadsPerPoll; n++)
                {
                    int length = _listen[i].Receive(_buffer);
                    if (length == 0)
                    {
                        break;
                    }
                    Receive(i, length, nowMs);
                }
            }
            if (Playing >= 0)
            {
                Play(nowMs);
            }
            if (Playing >= 0 && nowMs - _lastMs >= SilenceMs)
            {
                Stop(nowMs);
            }
        }

        // The frames due by now from the jitter buffer (as a call's session catches up after a slow turn, at most
        // MediaSession.MaxCatchUpFrames): a packet's frame, a lost one concealed (the last at half level); nothing is
        // written while the buffer fills or after the page's last packet (the speaker is silent then anyway).
        private void Play(long nowMs)
        {
            for (int i = 0; _playDue <= nowMs && i < MediaSession.MaxCatchUpFrames; i++, _playDue += AudioFrame.Milliseconds)
            {
                int status = Jitter.Pop(out int offset, out int length);
                if (status == JitterBuffer.Played)
                {
                    int samples = _codec.Decode(Jitter.Frames, offset, length, _frame);
                    System.Array.Clear(_frame, samples, AudioFrame.Samples - samples);
                }
                else if (status == JitterBuffer.Conceal)
                {
                    for (int k = 0; k < _frame.Length; k++)
                    {
                        _frame[k] = (short)(_frame[k] >> 1);
                    }
                }
                else
                {
                    continue;
                }
                _audio.Sink(CallAudio.Page).Write(_frame);
                Frames++;
            }
            if (_playDue <= nowMs)
            {
                _playDue += ((nowMs - _playDue) / AudioFrame.Milliseconds + 1) * AudioFrame.Milliseconds;
            }
        }

        private void Receive(int i, int length, long nowMs)
        {
            IVoiceCodec codec = _packet.Read(_buffer, 0, length) ? G711Codec.ForPayloadType(_packet.PayloadType) : null;
            bool call = LiveCall();
            if (codec == null || (call && !_config[i].Interrupt) ||
                (Playing >= 0 && Playing != i && _config[i].Priority <= _config[Playing].Priority))
            {
                Ignored++;
                return;
            }
            if (Playing != i)
            {
                if (Playing < 0)
                {
                    _statuses.Raise(StatusId.PhoneHasIncomingPublicAnnouncement, _config[i].Group, "paging", nowMs);
                    // The buffer and figures are made by the first page and kept (2.7 KB); each page starts them afresh.
                    Jitter = Jitter ?? new JitterBuffer();
                    Received = Received ?? new RtpStream();
                    _playDue = nowMs;
                }
                Jitter.Reset();
                Received.ResetReception();
                Playing = i;
            }
            _lastMs = nowMs;
            OverCall = call;
            _codec = codec;
            Received.Update(_packet.Ssrc, _packet.Sequence, _packet.Timestamp, nowMs);
            // A packet of more than 20 ms (160 bytes) is refused by the buffer and counted there (JitterBuffer.Refused).
            Jitter.Put(_packet.Ssrc, _packet.Sequence, _buffer, _packet.PayloadOffset, _packet.PayloadLength);
        }

        private void Stop(long nowMs)
        {
            Playing = -1;
            OverCall = false;
            _statuses.Clear(StatusId.PhoneHasIncomingPublicAnnouncement, nowMs);
            _audio.End(CallAudio.Page);
        }

        // Joins what the settings name now: a changed value leaves its old group first; with retry, failed joins again.
        private void Configure(bool retry, long nowMs)
        {
            int joined = 0;
            for (int i = 0; i < Max; i++)
            {
                string value = _settings.Get(SettingNames.MulticastAddress, i + 1);
                bool changed = value != _values[i];
                if (changed || (retry && _listen[i] == null && value.Length > 0))
                {
                    _values[i] = value;
                    Listen(i, value, nowMs);
                }
                joined += _listen[i] != null ? 1 : 0;
            }
            Joined = joined;
        }

        private void Listen(int i, string value, long nowMs)
        {
            if (_listen[i] != null)
            {
                _listen[i].Close();
                _listen[i] = null;
                if (Playing == i)
                {
                    Stop(nowMs);
                }
            }
            MulticastListen config = _config[i] ?? new MulticastListen();
            if (value.Length == 0 || MulticastListen.Parse(value, config) != null)
            {
                return;
            }
            _config[i] = config;
            IMulticastChannel channel = _channels();
            if (!channel.Join(config.Group, config.Port))
            {
                return;
            }
            _listen[i] = channel;
            _buffer = _buffer ?? new byte[MediaSession.MaxDatagram];
            _frame = _frame ?? new short[AudioFrame.Samples];
            _packet = _packet ?? new RtpPacket();
        }

        private bool LiveCall()
        {
            for (int i = 0; i < CallSessions.MaxCalls; i++)
            {
                if (_calls.Slot(i) != null)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
