using DeskPhone.Media.Audio;

namespace DeskPhone.Media.Dtmf
{
    /// <summary>
    /// Turns key presses during a call into RFC 4733 telephone-event payloads, one per 20 ms packet (RFC 4733, 2.5.1):
    /// the first packet of an event carries the marker bit and the event's own timestamp (the media clock when it
    /// starts); every following packet keeps that timestamp with the duration so far; after the release three end
    /// packets (E bit) repeat the final duration. The RTP side calls <see cref="Next"/> once per packet interval and,
    /// when it returns true, sends the 4 bytes with <see cref="Marker"/> and <see cref="Timestamp"/> in its header instead
    /// of that interval's audio. Presses that come while an event plays wait in a queue of <see cref="QueueLength"/>
    /// (further presses are refused). An event lasts at least <see cref="MinimumDuration"/> (a quick tap still makes a
    /// digit the far end detects) and at most <see cref="TelephoneEvent.MaxDuration"/> (a key held longer ends there).
    /// </summary>
    public sealed class DtmfSender
    {
        /// <summary>Presses that can wait behind the one playing.</summary>
        public const int QueueLength = 16;

        /// <summary>Shortest event, in timestamp units (100 ms at 8 kHz; ITU-T Q.24 asks at least 40 ms).</summary>
        public const int MinimumDuration = 800;

        /// <summary>End packets sent for each event (RFC 4733, 2.5.1.4: the end is sent three times).</summary>
        public const int EndPackets = 3;

        private const int Idle = 0;
        private const int Playing = 1;
        private const int Ending = 2;

        private readonly int _volume;
        private readonly int[] _queue = new int[QueueLength];
        private readonly bool[] _queuedReleased = new bool[QueueLength];
        private int _queueHead;
        private int _queueCount;

        private int _state = Idle;
        private int _event;
        private bool _released;
        private int _duration;
        private int _endsLeft;

        /// <param name="volume">the level the events announce, 0..63 (-dBm0); 10 is usual</param>
        public DtmfSender(int volume)
        {
            _volume = volume;
        }

        /// <summary>Whether a packet is due (an event plays or waits); the RTP side sends audio when false.</summary>
        public bool Active => _state != Idle || _queueCount > 0;

        /// <summary>The marker bit for the packet <see cref="Next"/> just wrote (set on an event's first packet).</summary>
        public bool Marker { get; private set; }

        /// <summary>The RTP timestamp for the packet <see cref="Next"/> just wrote: the event's start.</summary>
        public uint Timestamp { get; private set; }

        /// <summary>A key went down (event code 0..15, <see cref="TelephoneEvent.FromKey"/>); false if the queue is full.</summary>
        public bool Press(int eventCode)
        {
            if (_queueCount == QueueLength)
            {
                return false;
            }

            int slot = (_queueHead + _queueCount) % QueueLength;
            _queue[slot] = eventCode;
            _queuedReleased[slot] = false;
            _queueCount++;
            return true;
        }

        /// <summary>The last pressed key went up: its event ends (after <see cref="MinimumDuration"/>).</summary>
        public void Release()
        {
            if (_queueCount > 0)
            {
                _queuedReleased[(_queueHead + _queueCount - 1) % QueueLength] = true;
            }
            else if (_state == Playing)
            {
                _released = true;
            }
        }

        /// <summary>
        /// Writes the payload of the packet for the interval that starts at <paramref name="now"/> (the RTP timestamp this
        /// interval's audio would carry) at <paramref name="offset"/>, and sets <see cref="Marker"/> and
        /// <see cref="Timestamp"/>; false (nothing written) when no event is due.
        /// </summary>
        public bool Next(uint now, byte[] payload, int offset)
        {
            if (_state == Idle)
            {
                if (_queueCount == 0)
                {
                    return false;
                }

                _event = _queue[_queueHead];
                _released = _queuedReleased[_queueHead];
                _queueHead = (_queueHead + 1) % QueueLength;
                _queueCount--;
                _state = Playing;
                Timestamp = now;
                Marker = true;
            }
            else
            {
                Marker = false;
            }

            if (_state == Playing)
            {
                // The duration so far, this packet's 20 ms included.
                int duration = (int)(now - Timestamp) + AudioFrame.Samples;
                if (duration > TelephoneEvent.MaxDuration)
                {
                    // The field is full: the event ends here, its ends carrying the longest duration.
                    _duration = TelephoneEvent.MaxDuration;
                    _released = true;
                }

                if (!_released || _duration < MinimumDuration)
                {
                    _duration = duration;
                    TelephoneEvent.Write(payload, offset, _event, false, _volume, _duration);
                    return true;
                }

                // Released (and long enough): the ends carry the final duration.
                _state = Ending;
                _endsLeft = EndPackets;
            }

            TelephoneEvent.Write(payload, offset, _event, true, _volume, _duration);
            if (--_endsLeft == 0)
            {
                _state = Idle;
                _duration = 0;
            }

            return true;
        }
    }
}
