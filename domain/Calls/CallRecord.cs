namespace DeskPhone.Domain.Calls
{
    /// <summary>One entry of a call list: who, on which identity, when (monotonic ms) and how long (s).</summary>
    public sealed class CallRecord
    {
        public CallRecord(string remote, string name, int identity, long atMs, int seconds)
        {
            Remote = remote;
            Name = name;
            Identity = identity;
            AtMs = atMs;
            Seconds = seconds;
        }

        public readonly string Remote;
        public string Name { get; }
        public readonly int Identity;
        public readonly long AtMs;
        public readonly int Seconds;
    }
}
