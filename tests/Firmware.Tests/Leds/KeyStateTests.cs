using DeskPhone.Domain.Leds;

namespace DeskPhone.Firmware.Tests.Leds
{
    public class KeyStateTests
    {
        [Theory]
        [InlineData("IDLE", KeyState.Idle)]
        [InlineData("RINGING", KeyState.Ringing)]
        [InlineData("CONNECTED", KeyState.Connected)]
        [InlineData("HOLDING", KeyState.Holding)]
        [InlineData("PARKED", KeyState.Parked)]
        [InlineData("BUSY", KeyState.Busy)]
        [InlineData("DND", KeyState.Dnd)]
        [InlineData("AVAILABLE", KeyState.Available)]
        [InlineData("AWAY", KeyState.Away)]
        [InlineData("OFFLINE", KeyState.Offline)]
        public void EveryStateIsFoundByItsName(string name, int state)
        {
            Assert.Equal(state, KeyState.Parse(name));
            // Inside a longer text, as the LED lists give their tokens.
            string list = "x," + name + ",y";
            Assert.Equal(state, KeyState.Parse(list, 2, name.Length));
        }

        [Theory]
        [InlineData("")]
        [InlineData("IDL")]
        [InlineData("IDLEX")]
        [InlineData("idle")]
        [InlineData("OFFLINE\nX")]
        [InlineData("OFFLINE\n")]
        [InlineData("IDLE\nRINGING")]
        [InlineData("NONE")]
        public void AnythingElseIsNone(string name)
        {
            Assert.Equal(KeyState.None, KeyState.Parse(name));
        }

        [Fact]
        public void NullIsNone() => Assert.Equal(KeyState.None, KeyState.Parse(null));
    }
}
