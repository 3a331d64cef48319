namespace DeskPhone.Domain.Status
{
    /// <summary>
    /// What shows the active statuses on an LED (the LED policy, a layer up): the scheduler tells it of a change of
    /// the LED's statuses itself, one call deep, where an event and a handler of the phone's were two levels more under
    /// a call's end on nanoCLR's heap (docs/benchmarks.md, h-byeleds).
    /// </summary>
    public interface IStatusLeds
    {
        void StatusesChanged();
    }
}
