namespace DeskPhone.Domain.Signals
{
    // The phone's events share one delegate type per signature, declared here, in the lowest assembly and folder that
    // raise them (Firmware uses them too; docs/architecture.md "Layers"): each delegate type costs a TypeDef and four
    // MethodDefs in its assembly and a TypeRef and MethodRefs in every assembly that names it (docs/benchmarks.md,
    // h-delegates).

    /// <summary>Something changed; the receiver reads what it needs from the sender.</summary>
    public delegate void SignalHandler();

    /// <summary>A yes-or-no changed (ringing, in a call, a message present).</summary>
    public delegate void FlagHandler(bool on);

    /// <summary>A number changed or is told (a state, an identity, a set of change bits).</summary>
    public delegate void NumberHandler(int value);
}
