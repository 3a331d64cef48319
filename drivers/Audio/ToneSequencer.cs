namespace DeskPhone.Drivers.Audio
{
    /// <summary>
    /// Plays one TonePattern at a time in virtual time: Tick(nowMs) moves through the steps and touches the
    /// output only when the frequency changes. A pattern of lower priority than the one playing is dropped.
    /// </summary>
    public sealed class ToneSequencer
    {
        /// <summary>The loudest level: Snom's ring_volume runs 0..15.</summary>
        public const int MaxLevel = 15;

        private readonly IToneOutput _output;
        private TonePattern _pattern;
        private long _stepStart;
        private int _step;
        private int _hertz;
        // ring_volume's default, until the settings give theirs.
        private int _level = 8;

        public ToneSequencer(IToneOutput output)
        {
            _output = output;
        }

        public bool IsPlaying
        {
            get { return _pattern != null; }
        }

        public TonePattern Current
        {
            get { return _pattern; }
        }

        /// <summary>The volume every tone plays at, 0..<see cref="MaxLevel"/> (ring_volume); a tone sounding follows at once.</summary>
        public int Level
        {
            get { return _level; }
            set
            {
                int level = value < 0 ? 0 : value > MaxLevel ? MaxLevel : value;
                if (level != _level)
                {
                    _level = level;
                    if (_hertz != 0)
                    {
                        _output.Tone(_hertz, level);
                    }
                }
            }
        }

        /// <summary>Frequency sounding now, 0 when silent.</summary>
        public int Hertz
        {
            get { return _hertz; }
        }

        /// <returns>false when a higher-priority tone is playing and this one was dropped.</returns>
        public bool Play(TonePattern pattern, long nowMs)
        {
            if (pattern == null)
            {
                return false;
            }
            if (_pattern != null && pattern.Priority < _pattern.Priority)
            {
                return false;
            }
            _pattern = pattern;
            _step = 0;
            _stepStart = nowMs;
            Emit(pattern.Hertz(0));
            return true;
        }

        public void Stop()
        {
            _pattern = null;
            Emit(0);
        }

        /// <summary>Stops only if the given pattern is the one playing (e.g. ringing ends but a click should not stop a ring).</summary>
        public void Stop(TonePattern pattern)
        {
            if (_pattern == pattern)
            {
                Stop();
            }
        }

        public void Tick(long nowMs)
        {
            if (_pattern == null)
            {
                return;
            }
            // Late ticks skip whole steps so the cadence stays locked to the start time.
            while (nowMs - _stepStart >= _pattern.Milliseconds(_step))
            {
                _stepStart += _pattern.Milliseconds(_step);
                _step++;
                if (_step >= _pattern.StepCount)
                {
                    if (!_pattern.Repeat)
                    {
                        Stop();
                        return;
                    }
                    _step = 0;
                }
            }
            Emit(_pattern.Hertz(_step));
        }

        private void Emit(int hertz)
        {
            if (hertz != _hertz)
            {
                _hertz = hertz;
                _output.Tone(hertz, _level);
            }
        }
    }
}
