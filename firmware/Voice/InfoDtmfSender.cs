using DeskPhone.Sip.Session;

namespace DeskPhone.Firmware.Voice
{
    /// <summary>
    /// DTMF keys sent as SIP INFO <c>application/dtmf-relay</c> (the identity's <c>user_dtmf_info</c>, docs/media.md
    /// "DTMF"): one INFO per key, the next only when the previous one is answered (or timed out), so the other side
    /// gets them in order whatever the network does; at most <see cref="QueueLength"/> keys wait. Each INFO's Duration=
    /// is the key's: <see cref="DurationMs"/> for the bench's digits, the time held (at least that) for a key of the phone.
    /// </summary>
    // Its plain state (the counters Sent and Failed) is public fields, not properties: no accessor method in the runtime
    // tables, image and calls on the device (issue #17).
    public sealed class InfoDtmfSender
    {
        /// <summary>Keys waiting for their INFO (as many as the RFC 4733 sender's queue).</summary>
        public const int QueueLength = 16;

        /// <summary>The shortest Duration= an INFO announces: the shortest RFC 4733 event of a key press (100 ms).</summary>
        public const int DurationMs = DeskPhone.Media.Dtmf.DtmfSender.MinimumDuration / 8;

        /// <summary>The longest: what an RFC 4733 event's duration field holds (8.19 s).</summary>
        public const int MaxDurationMs = DeskPhone.Media.Dtmf.TelephoneEvent.MaxDuration / 8;

        private readonly CallSessions _calls;
        // The queue is made by a key sent as INFO (user_dtmf_info) and let go once it is empty again (Poll): most phones
        // send DTMF in RTP and never need it, the others only while keys wait.
        private int[] _callIds;
        private char[] _keys;
        private int[] _durations;
        private readonly InfoDoneHandler _done;
        private int _head;
        private int _count;
        private bool _waiting;

        public InfoDtmfSender(CallSessions calls)
        {
            _calls = calls;
            _done = OnDone;
        }

        /// <summary>INFOs sent, and those answered with other than 2xx (or not at all).</summary>
        public int Sent;

        public int Failed;

        /// <summary>Room for this many more keys.</summary>
        public int Room => QueueLength - _count;

        /// <summary>Queues a key for a call, held <paramref name="durationMs"/> (kept within 100 ms..8.19 s); false when the queue is full.</summary>
        public bool Add(int callId, char key, int durationMs)
        {
            if (_count == QueueLength)
            {
                return false;
            }
            if (_callIds == null)
            {
                try
                {
                    _keys = new char[QueueLength];
                    _durations = new int[QueueLength];
                    _callIds = new int[QueueLength];
                }
                catch (System.OutOfMemoryException)
                {
                    // No room for the queue: the key is not sent, as with a full queue.
                    _keys = null;
                    _durations = null;
                    return false;
                }
                _head = 0;
            }
            int at = (_head + _count) % QueueLength;
            _callIds[at] = callId;
            _keys[at] = key;
            _durations[at] = durationMs < DurationMs ? DurationMs : durationMs > MaxDurationMs ? MaxDurationMs : durationMs;
            _count++;
            return true;
        }

        /// <summary>One loop turn: sends the next key when the previous INFO is done (a key of a call gone is dropped).</summary>
        public void Poll(long nowMs)
        {
            while (!_waiting && _count > 0)
            {
                int callId = _callIds[_head];
                char key = _keys[_head];
                int duration = _durations[_head];
                _head = (_head + 1) % QueueLength;
                _count--;
                SipCall call = _calls.Find(callId);
                if (call != null && _calls.SendDtmfInfo(call, key, duration, _done, nowMs))
                {
                    _waiting = true;
                    Sent++;
                }
            }
            if (_count == 0 && _callIds != null)
            {
                _callIds = null;
                _keys = null;
                _durations = null;
            }
        }

        private void OnDone(int status, long nowMs)
        {
            _waiting = false;
            if (status < 200 || status >= 300)
            {
                Failed++;
            }
        }
    }
}
