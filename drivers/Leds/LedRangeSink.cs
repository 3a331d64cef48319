namespace DeskPhone.Drivers.Leds
{
    /// <summary>Splits one bank across outputs: indexes [start, start+count) go to a sink as 0-based indexes.</summary>
    public sealed class LedRangeSink : ILedSink
    {
        // Per sink i: its start at 3i, its count at 3i + 1, 1 at 3i + 2 while it has LEDs shown and not committed. One
        // array instead of the caller's two and a flag array (nanoCLR: 20 B an array and 12 B a field: 48 B instead of
        // 96 B and two fields for the reference board's two sinks).
        private readonly int[] _ranges;
        private readonly ILedSink[] _sinks;

        public LedRangeSink(int[] starts, int[] counts, ILedSink[] sinks)
        {
            if (starts == null || counts == null || sinks == null || starts.Length != counts.Length || starts.Length != sinks.Length)
            {
                throw new System.ArgumentException("one start and count per sink");
            }
            _ranges = new int[3 * sinks.Length];
            for (int i = 0; i < sinks.Length; i++)
            {
                _ranges[3 * i] = starts[i];
                _ranges[3 * i + 1] = counts[i];
            }
            _sinks = sinks;
        }

        public void Show(int index, LedColor color)
        {
            for (int i = 0; i < _sinks.Length; i++)
            {
                int rel = index - _ranges[3 * i];
                if (rel >= 0 && rel < _ranges[3 * i + 1])
                {
                    _sinks[i].Show(rel, color);
                    _ranges[3 * i + 2] = 1;
                }
            }
        }

        public void Commit()
        {
            for (int i = 0; i < _sinks.Length; i++)
            {
                if (_ranges[3 * i + 2] != 0)
                {
                    _ranges[3 * i + 2] = 0;
                    _sinks[i].Commit();
                }
            }
        }
    }
}
