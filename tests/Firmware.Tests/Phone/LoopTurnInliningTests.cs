using System.Reflection;
using DeskPhone.Drivers.Hal;
using DeskPhone.Firmware.App;
using DeskPhone.Firmware.Phone;

namespace DeskPhone.Firmware.Tests.Phone
{
    /// <summary>
    /// The loop turn is never inlined by nanoCLR into the loop that calls it: inlined, it ran with a stale slot of the
    /// loop's frame counted on its evaluation stack, and the board scenario crashed the interpreter's GC
    /// (docs/benchmarks.md, "nanoCLR crash in the board scenario (h-crash)"). nanoCLR does not inline a method that
    /// carries a custom attribute.
    /// </summary>
    public class LoopTurnInliningTests
    {
        [Fact]
        public void PollCarriesTheAttributeThatKeepsNanoClrFromInliningIt()
        {
            MethodInfo poll = typeof(PhoneApp).GetMethod(nameof(PhoneApp.Poll));

            Assert.NotNull(poll);
            Assert.NotNull(poll.GetCustomAttribute<NotInlinedAttribute>());
        }

        [Theory]
        [InlineData(nameof(HeapReserve.Measure))]
        [InlineData(nameof(HeapReserve.Admit))]
        [InlineData(nameof(HeapReserve.AdmitKey))]
        [InlineData(nameof(HeapReserve.AdmitConnection))]
        public void TheHeapReservesMeasurementAndAdmissionsAreNeverInlined(string name)
        {
            // Each runs a compacting collection (GC.Run(true) on the board): inlined, it marked the stale slot
            // (docs/benchmarks.md h-keyadmit, h-crash2; docs/upstream.md, 3).
            MethodInfo method = typeof(HeapReserve).GetMethod(name);

            Assert.NotNull(method);
            Assert.NotNull(method.GetCustomAttribute<NotInlinedAttribute>());
        }
    }
}
