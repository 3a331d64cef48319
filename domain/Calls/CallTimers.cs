using DeskPhone.Sip.Session;

namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// A due time per key (monotonic ms; a key is a call id and what comes due for it, PhoneCalls.TimerKey), for at most
    /// <see cref="Places"/> keys, three for each call (<see cref="CallSessions.MaxCalls"/>): two small arrays
    /// instead of a Hashtable, whose buckets would sit in the idle phone's heap for timers that rarely run; the arrays
    /// themselves are made by a <see cref="Set"/> and let go by the <see cref="Remove"/> of the last call (an idle phone
    /// holds none).
    /// </summary>
    public sealed class CallTimers
    {
        /// <summary>The keys with a time at once: each of PhoneCalls' three kinds for every call.</summary>
        public const int Places = 3 * CallSessions.MaxCalls;

        private int[] _ids;
        private long[] _due;

        /// <summary>Calls with a due time (counted, not kept: a field is 12 B on nanoCLR, and the arrays go with the last).</summary>
        public int Count
        {
            get
            {
                int n = 0;
                for (int i = 0; _ids != null && i < _ids.Length; i++)
                {
                    if (_ids[i] != 0)
                    {
                        n++;
                    }
                }
                return n;
            }
        }

        /// <summary>Sets the call's due time (replacing one it had); false when all places are taken or no room for them.</summary>
        public bool Set(int callId, long dueMs)
        {
            if (_ids == null)
            {
                try
                {
                    _due = new long[Places];
                    _ids = new int[Places];
                }
                catch (System.OutOfMemoryException)
                {
                    _due = null;
                    return false;
                }
            }
            int free = -1;
            for (int i = 0; i < _ids.Length; i++)
            {
                if (_ids[i] == callId)
                {
                    _due[i] = dueMs;
                    return true;
                }
                if (_ids[i] == 0 && free < 0)
                {
                    free = i;
                }
            }
            if (free < 0)
            {
                return false;
            }
            _ids[free] = callId;
            _due[free] = dueMs;
            return true;
        }

        /// <summary>The call has a due time and it has come.</summary>
        public bool Due(int callId, long nowMs)
        {
            int i = IndexOf(callId);
            return i >= 0 && nowMs >= _due[i];
        }

        public bool Contains(int callId) => IndexOf(callId) >= 0;

        public void Remove(int callId)
        {
            int i = IndexOf(callId);
            if (i >= 0)
            {
                _ids[i] = 0;
                if (Count == 0)
                {
                    // The last call's time gone: let go of the arrays too, the next Set makes them again.
                    _ids = null;
                    _due = null;
                }
            }
        }

        private int IndexOf(int callId)
        {
            if (_ids == null)
            {
                return -1;
            }
            for (int i = 0; i < _ids.Length; i++)
            {
                if (callId != 0 && _ids[i] == callId)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
