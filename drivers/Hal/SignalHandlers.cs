namespace DeskPhone.Drivers.Hal
{
    // The drivers' events without data and with one flag share these two delegate types: on nanoCLR each delegate
    // type is a type and four methods in the runtime tables, and a type and a constructor reference in each
    // assembly that subscribes (docs/benchmarks.md, h-tables).

    /// <summary>Something happened (network restored or lost, the headset's mute button).</summary>
    public delegate void SignalHandler();

    /// <summary>A flag changed (cable unplugged, headset off hook).</summary>
    public delegate void FlagHandler(bool value);
}
