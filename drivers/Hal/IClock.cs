namespace DeskPhone.Drivers.Hal
{
    /// <summary>Monotonic milliseconds plus a blocking delay (used only where a datasheet demands a wait, e.g. panel reset).</summary>
    public interface IClock
    {
        long NowMs { get; }

        void Delay(int milliseconds);
    }
}
