namespace DeskPhone.Drivers.Leds
{
    /// <summary>Splits one bank across outputs: indexes [start, start+count) go to a sink as 0-based indexes.</summary>
    public sealed class LedRangeSink : ILedSink
    {
        private readonly int[] _starts;
        private readonly int[] _counts;
        private readonly ILedSink[] _sinks;
        private readonly bool[] _dirty;

        public LedRangeSink(int[] starts, int[] counts, ILedSink[] sinks)
        {
            if (starts == null || counts == null || sinks == null || starts.Length != counts.Length || starts.Length != sinks.Length)
            {
                throw new System.ArgumentException("one start and count per sink");
            }
            _starts = starts;
            _counts = counts;
            _sinks = sinks;
            _dirty = new bool[sinks.Length];
        }

        public void Show(int index, LedColor color)
        {
            for (int i = 0; i < _sinks.Length; i++)
            {
                int rel = index - _starts[i];
                if (rel >= 0 && rel < _counts[i])
                {
                    _sinks[i].Show(rel, color);
                    _dirty[i] = true;
                }
            }
        }

        public void Commit()
        {
            for (int i = 0; i < _sinks.Length; i++)
            {
                if (_dirty[i])
                {
                    _dirty[i] = false;
                    _sinks[i].Commit();
                }
            }
        }
    }
}
