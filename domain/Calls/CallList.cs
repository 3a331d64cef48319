namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// A bounded list of calls, newest first: the oldest entry goes when a new one comes to a full list. Kept in
    /// memory only (lost on reboot; persisting them is still to do).
    /// </summary>
    public sealed class CallList
    {
        /// <summary>Entries per list (missed, received, dialled).</summary>
        public const int Capacity = 10;

        // Made by the first entry: a list without calls holds no array (144 B each on nanoCLR, three lists).
        private CallRecord[] _records;
        private int _newest;

        public int Count { get; private set; }

        public void Add(CallRecord record)
        {
            if (_records == null)
            {
                _records = new CallRecord[Capacity];
            }
            _newest = (_newest + 1) % Capacity;
            _records[_newest] = record;
            if (Count < Capacity)
            {
                Count++;
            }
        }

        /// <summary>The entry <paramref name="index"/> places back from the newest (0).</summary>
        public CallRecord Get(int index) => index < 0 || index >= Count ? null : _records[(_newest - index + Capacity) % Capacity];
    }
}
