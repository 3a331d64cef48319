using DeskPhone.Firmware.Phone;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// Builds the bench router (its auth, web routes and wiring) when the board's <see cref="BenchHttpServer"/> gets its
    /// first request: most phones never get one, and an idle phone on the board's heap has no byte to hold it for nothing
    /// (issue #17, docs/benchmarks.md, h-benchlazy). <see cref="Build"/> is called until it succeeds, under
    /// <see cref="PhoneCore.Gate"/>.
    /// </summary>
    public interface IBenchRouterSource
    {
        /// <summary>The phone served: its gate, its heap reserve (the room to build in) and its events.</summary>
        PhoneCore Phone { get; }

        BenchRouter Build();
    }
}
