namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// Builds the bench router (its auth, web routes and wiring) when the board's <see cref="BenchHttpServer"/> gets its
    /// first request: most phones never get one, and an idle phone on the board's heap has no byte to hold it for nothing
    /// (issue #17, docs/benchmarks.md, h-benchlazy). Called once it succeeds, under <see cref="Phone.PhoneCore.Gate"/>.
    /// </summary>
    public interface IBenchRouterSource
    {
        BenchRouter Build();
    }
}
