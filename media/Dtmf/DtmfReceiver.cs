namespace DeskPhone.Media.Dtmf
{
    /// <summary>
    /// Reports the DTMF digits in received RFC 4733 payloads once each. An event is known by its RTP timestamp (RFC 4733,
    /// 2.5.2.1): the first packet seen of a new timestamp reports the digit, whether it is the start, an update (the
    /// start was lost) or an end (all the rest were lost); later packets of the same event, the repeated ends and
    /// packets of older events (reordered) report nothing. A long event's next segment (RFC 4733, 2.5.1.3: same event,
    /// timestamp advanced by a full 0xFFFF) continues the digit. Other telephone events (codes above 15) are ignored.
    /// </summary>
    public sealed class DtmfReceiver
    {
        private bool _any;
        private uint _timestamp;
        private int _event;
        private int _duration;

        /// <summary>
        /// One received payload (<paramref name="length"/> bytes at <paramref name="offset"/>) with its packet's RTP
        /// timestamp: the DTMF event code (0..15, <see cref="TelephoneEvent.ToKey"/>) when it begins a new digit, else -1.
        /// </summary>
        public int Receive(byte[] payload, int offset, int length, uint timestamp)
        {
            if (length < TelephoneEvent.Length)
            {
                return -1;
            }

            int code = TelephoneEvent.EventCode(payload, offset);
            int duration = TelephoneEvent.Duration(payload, offset);
            if (_any)
            {
                int age = (int)(timestamp - _timestamp);
                if (age <= 0)
                {
                    // This event (or an older one): keep the longest duration seen for the continuation check.
                    if (age == 0 && duration > _duration)
                    {
                        _duration = duration;
                    }

                    return -1;
                }

                bool continuation = code == _event && _duration == TelephoneEvent.MaxDuration && age == TelephoneEvent.MaxDuration;
                _timestamp = timestamp;
                _duration = duration;
                if (continuation)
                {
                    return -1;
                }
            }

            if (code > 15)
            {
                return -1;
            }

            _any = true;
            _timestamp = timestamp;
            _event = code;
            _duration = duration;
            return code;
        }
    }
}
