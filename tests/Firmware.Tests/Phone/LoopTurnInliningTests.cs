using System.Reflection;
using DeskPhone.Firmware.App;

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
    }
}
