using System;

namespace DeskPhone.Firmware.App
{
    /// <summary>
    /// Keeps nanoCLR from inlining the method it marks: the interpreter inlines a small instance method into its
    /// caller's frame unless the method carries a custom attribute (among other cases). An inlined method's evaluation
    /// stack starts with one slot of the caller's that nanoCLR counts but never writes (CLR_RT_StackFrame::PushInline),
    /// so every collection while the method runs marks whatever an earlier frame left in that slot, and a reference to
    /// an object collected since made the GC follow freed memory: the board scenario's crash in nanoCLR
    /// (docs/benchmarks.md, "nanoCLR crash in the board scenario (h-crash)").
    /// </summary>
    public sealed class NotInlinedAttribute : Attribute
    {
    }
}
