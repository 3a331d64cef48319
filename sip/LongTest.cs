namespace DeskPhone.Sip
{
    /// <summary>
    /// A yes-or-no asked of the host about a number: whether one more identity's registration may be taken on now (the
    /// argument the time, <c>Registrations.Admit</c>: the heap reserve), or one more monitored extension
    /// (<c>MonitoredExtensions.Admit</c>). One delegate type for both: each type of its own costs 36 B of the board's
    /// heap at rest (docs/benchmarks.md, h-rtpbind).
    /// </summary>
    public delegate bool LongTest(long value);
}
