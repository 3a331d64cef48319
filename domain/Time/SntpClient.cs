using System;
using DeskPhone.Domain.Signals;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Domain.Time
{
    /// <summary>
    /// The phone's network time (SNTP, RFC 4330): asks the configured servers in order at start, every refresh
    /// interval after an answer (the server that answered), and after a failure the next server at once; once every
    /// server failed in a round, the first again after a back-off (2 s, doubling to 64 s). Keeps the time as the
    /// server's time at the last answer plus the loop's milliseconds since. <see cref="State"/> says what the status
    /// list shows (PhoneWaitsOnNtpServer, PhoneCannotReachNtpServer). One request in flight at a time; nothing
    /// allocated per request.
    /// Its plain state (TimeKnown, Requests, LastRefusal) is public fields, not properties: no accessor method in the
    /// runtime tables, image and calls on the device (issue #17).
    /// </summary>
    public sealed partial class SntpClient
    {
        /// <summary>No server configured: no traffic, the time stays what it was.</summary>
        public const int Off = 0;
        /// <summary>A server is configured and has not answered yet.</summary>
        public const int Waiting = 1;
        public const int Synchronized = 2;
        /// <summary><see cref="TriesBeforeUnreachable"/> requests in a row went unanswered or were refused.</summary>
        public const int Unreachable = 3;

        public const int AnswerTimeoutMs = 2000;
        public const int FirstRetryMs = 2000;
        public const int MaxRetryMs = 64000;
        public const int TriesBeforeUnreachable = 3;

        /// <summary>Servers used from the list; further entries are ignored (the bench shows which one answers).</summary>
        public const int MaxServers = 4;

        private readonly INtpChannel _channel;
        private readonly byte[] _packet = new byte[PacketLength + 16];
        private readonly byte[] _nonce = new byte[8];
        private readonly Random _random = new Random();
        private readonly string[] _hosts = new string[MaxServers];
        private readonly int[] _ports = new int[MaxServers];
        private string _servers;
        private int _count;
        private int _index;
        private int _refreshMs;
        private long _dueMs;
        private long _sentMs = -1;
        private int _failures;
        private int _retryMs = FirstRetryMs;
        private long _serverMsAtSync;
        private long _loopMsAtSync;

        public SntpClient(INtpChannel channel)
        {
            _channel = channel;
        }

        /// <summary>Raised with the new <see cref="State"/> when it changes.</summary>
        public event NumberHandler StateChanged;

        public int State { get; private set; }

        /// <summary>The time was set by an answer at least once since start.</summary>
        public bool TimeKnown;

        /// <summary>Requests sent since start (answered or not).</summary>
        public int Requests;

        /// <summary>Why the last answer was refused (an <see cref="NtpPacket"/> result), <see cref="Ok"/> if none was.</summary>
        public int LastRefusal;

        /// <summary>
        /// The servers, host[:port] each (port 123 when none is given), separated by spaces or commas, tried in this
        /// order (empty or null: off; at most <see cref="MaxServers"/> are used), and the refresh interval in seconds.
        /// A change of servers starts over with the first: waiting, a request on the next <see cref="Poll"/>; the time
        /// already known stays until a new server answers.
        /// </summary>
        public void Configure(string servers, int refreshSeconds, long nowMs)
        {
            _refreshMs = refreshSeconds * 1000;
            string list = servers == null ? "" : servers.Trim();
            if (list == _servers)
            {
                return;
            }
            _servers = list;
            _count = 0;
            string[] entries = list.Split(new char[] { ' ', ',' });
            for (int i = 0; i < entries.Length && _count < MaxServers; i++)
            {
                string host;
                int port;
                if (entries[i].Length > 0 && HostResolver.Split(entries[i], out host, out port, Port))
                {
                    _hosts[_count] = host;
                    _ports[_count] = port;
                    _count++;
                }
            }
            _index = 0;
            _sentMs = -1;
            _failures = 0;
            _retryMs = FirstRetryMs;
            _dueMs = nowMs;
            _channel.Close();
            SetState(_count == 0 ? Off : Waiting);
        }

        /// <summary>The server asked now (or last), as host:port; null when off.</summary>
        public string Server => _count == 0 ? null : _hosts[_index] + ":" + _ports[_index].ToString();

        /// <summary>Loop time of the last answer; meaningful when <see cref="TimeKnown"/>.</summary>
        public long LastSyncMs => _loopMsAtSync;

        /// <summary>One loop turn: reads an answer, gives up on a late one, sends when a request is due.</summary>
        public void Poll(long nowMs)
        {
            if (_count == 0)
            {
                return;
            }
            if (_sentMs >= 0)
            {
                int n = _channel.Receive(_packet);
                if (n > 0)
                {
                    Answered(n, nowMs);
                }
                else if (nowMs - _sentMs >= AnswerTimeoutMs)
                {
                    // The next server, when there is one, is asked on this turn.
                    Failed(nowMs, FirstRetryMs);
                }
                if (_sentMs >= 0)
                {
                    return;
                }
            }
            if (nowMs >= _dueMs)
            {
                _random.NextBytes(_nonce);
                WriteRequest(_packet, _nonce);
                Requests++;
                if (_channel.Send(_hosts[_index], _ports[_index], _packet, PacketLength))
                {
                    _sentMs = nowMs;
                }
                else
                {
                    Failed(nowMs, FirstRetryMs);
                }
            }
        }

        /// <summary>UTC at loop time <paramref name="nowMs"/>; meaningful when <see cref="TimeKnown"/>.</summary>
        public DateTime UtcAt(long nowMs) =>
            new DateTime(NtpOriginTicks + (_serverMsAtSync + nowMs - _loopMsAtSync) * TimeSpan.TicksPerMillisecond);

        // 1900-01-01 00:00 in DateTime ticks, a constant rather than a static DateTime (a static slot and a static
        // constructor, h-domslim). nanoFramework's DateTime has no Kind (every DateTime is UTC there); on the host this
        // one is read as UTC.
        private const long NtpOriginTicks = 599266080000000000;

        private void Answered(int length, long nowMs)
        {
            long received;
            long transmitted;
            int result = ReadAnswer(_packet, length, _nonce, out received, out transmitted);
            if (result == NotOurs || result == TooShort || result == NotServer)
            {
                // Not the answer to this request (a late one to an earlier request, or noise): keep waiting for it.
                LastRefusal = result;
                return;
            }
            if (result != Ok)
            {
                LastRefusal = result;
                // A kiss-o'-death asks the client to back off (RFC 4330 section 8): the longest interval at once.
                Failed(nowMs, result == KissOfDeath ? MaxRetryMs : FirstRetryMs);
                return;
            }
            // Half the round trip, less the server's own processing time, is the way back (RFC 4330 section 5).
            long roundTrip = nowMs - _sentMs;
            long held = transmitted - received;
            long back = held > 0 && held < roundTrip ? (roundTrip - held) / 2 : roundTrip / 2;
            _serverMsAtSync = transmitted + back;
            _loopMsAtSync = nowMs;
            TimeKnown = true;
            _sentMs = -1;
            _failures = 0;
            _retryMs = FirstRetryMs;
            _dueMs = nowMs + _refreshMs;
            SetState(Synchronized);
        }

        /// <summary>
        /// A request went unanswered or was refused: the next server is asked at once; after the last one, the first
        /// again after the back-off. Unreachable once <see cref="TriesBeforeUnreachable"/> requests in a row failed and
        /// every server was among them.
        /// </summary>
        private void Failed(long nowMs, int atLeastMs)
        {
            _sentMs = -1;
            _failures++;
            _index = (_index + 1) % _count;
            if (_index == 0)
            {
                int wait = _retryMs > atLeastMs ? _retryMs : atLeastMs;
                _dueMs = nowMs + wait;
                _retryMs = wait * 2 > MaxRetryMs ? MaxRetryMs : wait * 2;
            }
            else
            {
                _dueMs = nowMs;
            }
            if (_failures >= TriesBeforeUnreachable && _failures >= _count)
            {
                SetState(Unreachable);
            }
        }

        private void SetState(int state)
        {
            if (state == State)
            {
                return;
            }
            State = state;
            NumberHandler handler = StateChanged;
            if (handler != null)
            {
                handler(state);
            }
        }
    }
}
