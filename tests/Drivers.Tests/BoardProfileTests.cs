using System.Linq;
using DeskPhone.Drivers.Boards;
using DeskPhone.Drivers.Input;

namespace DeskPhone.Drivers.Tests
{
    public class BoardProfileTests
    {
        [Fact]
        public void ReferenceBoardIsConsistentAndNamesItsPins()
        {
            var b = BoardProfiles.M5StackCore();
            Assert.Null(b.Validate());
            Assert.Equal("M5Core", b.FirmwareTarget);
            var table = b.PinTable();
            Assert.Contains("spi.mosi=23", table);
            Assert.Contains("spi.miso=19", table);
            Assert.Contains("spi.clock=18", table);
            Assert.Contains("lcd.cs=14", table);
            Assert.Contains("sd.cs=4", table);
            Assert.Contains("lcd.dc=27", table);
            Assert.Contains("lcd.reset=33", table);
            Assert.Contains("lcd.backlight=32", table);
            Assert.Contains("eth.cs=26", table);
            Assert.Contains("eth.int=34", table);
            Assert.Contains("speaker=25", table);
            Assert.Contains("i2c.sda=21", table);
            Assert.Contains("i2c.scl=22", table);
            Assert.Contains("button.CANCEL=39", table);
            Assert.Contains("button.OK=38", table);
            Assert.Contains("button.DOWN=37", table);
        }

        [Fact]
        public void TheAudioVariantTakesTheBridgePinsForItsI2sParts()
        {
            var b = BoardProfiles.ByName("m5core-audio");
            Assert.Null(b.Validate());
            Assert.Equal("M5Core", b.FirmwareTarget);
            Assert.Equal("MAX98357A", b.AmpPart);
            Assert.Equal("INMP441", b.MicPart);
            string[] table = b.PinTable();
            Assert.Contains("amp.bck=12", table);
            Assert.Contains("amp.ws=0", table);
            Assert.Contains("amp.data=2", table);
            Assert.Contains("mic.bck=5", table);
            Assert.Contains("mic.ws=17", table);
            Assert.Contains("mic.data=35", table);
            Assert.DoesNotContain(table, p => p.StartsWith("hid.") || p.StartsWith("exp."));
            // Two directions on two buses: nanoFramework's I2S runs one mode per bus.
            Assert.NotEqual(b.AmpI2sBus, b.MicI2sBus);
            // The plain reference board keeps its bridges and has no I2S parts.
            Assert.DoesNotContain(BoardProfiles.M5StackCore().PinTable(), p => p.StartsWith("amp.") || p.StartsWith("mic."));
        }

        [Fact]
        public void RmiiBoardIsConsistentAndDiffersOnlyInData()
        {
            var b = BoardProfiles.OlimexEsp32Poe();
            Assert.Null(b.Validate());
            Assert.Equal(EthernetKind.Rmii, b.Ethernet);
            Assert.DoesNotContain(b.PinTable(), p => p.StartsWith("eth."));
            Assert.Same(typeof(BoardProfile), BoardProfiles.M5StackCore().GetType());
            Assert.Equal(b.Name, BoardProfiles.ByName("ESP32_OLIMEX").Name);
            Assert.Equal("olimex-poe", BoardProfiles.ByName("olimex-poe").Name);
            Assert.Equal("M5Core", BoardProfiles.ByName("m5core").FirmwareTarget);
            Assert.Null(BoardProfiles.ByName("unknown-board"));
        }

        [Fact]
        public void PinUsedTwiceIsReported()
        {
            var b = BoardProfiles.M5StackCore();
            b.Speaker = 26;
            Assert.Equal("GPIO 26 used twice: eth.cs=26, speaker=26", b.Validate());
        }

        [Fact]
        public void MissingPinsForADeclaredPartAreReported()
        {
            var b = BoardProfiles.OlimexEsp32Poe();
            b.RmiiMdc = -1;
            Assert.Contains("RMII", b.Validate());
            b = BoardProfiles.M5StackCore();
            b.HidPort = b.ExpansionPort;
            Assert.Contains("separate UARTs", b.Validate());
            b = BoardProfiles.M5StackCore();
            b.ButtonKeys = new[] { KeyCode.Ok };
            Assert.Contains("one key code per button", b.Validate());
        }

        [Fact]
        public void ProfilePinsAreDistinctAcrossEveryRole()
        {
            foreach (var b in new[] { BoardProfiles.M5StackCore(), BoardProfiles.OlimexEsp32Poe() })
            {
                var pins = b.PinTable().Select(p => p.Substring(p.IndexOf('=') + 1)).ToList();
                Assert.Equal(pins.Count, pins.Distinct().Count());
            }
        }
    }
}
