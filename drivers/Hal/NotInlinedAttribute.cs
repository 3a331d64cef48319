using System;

namespace DeskPhone.Drivers.Hal
{
    /// <summary>
    /// Keeps nanoCLR from inlining the method it marks (a method with a custom attribute is never inlined): an inlined
    /// method's evaluation stack starts with a slot nanoCLR counts but never writes (CLR_RT_StackFrame::PushInline), and
    /// every collection while a long inlined call runs marks whatever was left there (docs/benchmarks.md, "nanoCLR
    /// crash in the board scenario (h-crash)"; docs/upstream.md, 3). The one copy: the firmware, the board and the boot
    /// scenario use it too.
    /// </summary>
    public sealed class NotInlinedAttribute : Attribute
    {
    }
}
