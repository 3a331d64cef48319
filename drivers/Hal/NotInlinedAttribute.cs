using System;

namespace DeskPhone.Drivers.Hal
{
    /// <summary>
    /// Keeps nanoCLR from inlining the method it marks (a method with a custom attribute is never inlined): an inlined
    /// method's evaluation stack starts with a slot nanoCLR counts but never writes (CLR_RT_StackFrame::PushInline), and
    /// every collection while a long inlined call runs marks whatever was left there (docs/benchmarks.md, "nanoCLR
    /// crash in the board scenario (h-crash)"). The firmware's own copy is DeskPhone.Firmware.App.NotInlinedAttribute:
    /// the drivers cannot see it.
    /// </summary>
    public sealed class NotInlinedAttribute : Attribute
    {
    }
}
