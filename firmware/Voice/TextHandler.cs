namespace DeskPhone.Firmware.Voice
{
    /// <summary>
    /// A text: why the voice refused something, the link the phone talks on now (Phone/LinkPolicy), a line for the log
    /// (Bench/BenchAuth). One delegate type for the three, here in the lowest of the firmware folders that use it
    /// (docs/architecture.md "Layers"): each delegate type costs a TypeDef and four MethodDefs in its assembly and a
    /// TypeRef and MethodRefs in every assembly that names it (docs/benchmarks.md, h-delegates). The others come from
    /// Domain and Drivers (SignalHandler, NumberHandler, KeyEventHandler).
    /// </summary>
    public delegate void TextHandler(string text);
}
