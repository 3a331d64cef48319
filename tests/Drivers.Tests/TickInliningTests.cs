using System.Reflection;
using DeskPhone.Drivers;
using DeskPhone.Drivers.Hal;

namespace DeskPhone.Drivers.Tests
{
    /// <summary>
    /// The drivers' tick is never inlined by nanoCLR into the phone's turn: inlined, it ran every driver (and the
    /// collections their work sets off) with a stale slot of PhoneCore.Poll's frame counted on its evaluation stack, and
    /// the board scenario at 80,896 B crashed the interpreter's GC (docs/benchmarks.md, "nanoCLR crash in the board
    /// scenario (h-crash)" and the lead's note after it). nanoCLR does not inline a method that carries a custom
    /// attribute.
    /// </summary>
    public class TickInliningTests
    {
        [Fact]
        public void TickCarriesTheAttributeThatKeepsNanoClrFromInliningIt()
        {
            MethodInfo tick = typeof(PhoneDrivers).GetMethod(nameof(PhoneDrivers.Tick));

            Assert.NotNull(tick);
            Assert.NotNull(tick.GetCustomAttribute<NotInlinedAttribute>());
        }
    }
}
