using DeskPhone.Drivers.Hal;
using DeskPhone.Drivers.Input;

namespace DeskPhone.Drivers.Boards
{
    /// <summary>The boards we ship profiles for; docs/board-profile.md has the wiring tables.</summary>
    public static class BoardProfiles
    {
        /// <summary>
        /// Reference board: M5Stack Core (Basic/Gray) with the M5Stack LAN module (W5500), target M5Core.
        /// Bus pins from the Core schematic; W5500 CS/INT/RST as wired by the LAN module on the M-Bus.
        /// Key matrix and LEDs on an MCP23017 at 0x20 on the Grove/M-Bus I2C; expansion chain on the
        /// M-Bus UART2 pins (16/17); HID bridge on GPIO 1/3 is impossible (USB console), so it uses 2/5.
        /// </summary>
        public static BoardProfile M5StackCore()
        {
            BoardProfile b = new BoardProfile();
            b.Name = "m5core";
            b.FirmwareTarget = "M5Core";
            b.SpiMosi = 23;
            b.SpiMiso = 19;
            b.SpiClock = 18;
            b.SdCardChipSelect = 4;
            b.Panel = Display.PanelModel.Ili9342;
            b.PanelInverted = true;
            b.PanelRotation = 0;
            b.LcdChipSelect = 14;
            b.LcdDataCommand = 27;
            b.LcdReset = 33;
            b.LcdBacklight = 32;
            b.Ethernet = EthernetKind.W5500Spi;
            b.EthChipSelect = 26;
            b.EthInterrupt = 34;
            b.EthReset = 13;
            b.I2cData = 21;
            b.I2cClock = 22;
            b.KeypadExpanderAddress = 0x20;
            b.ButtonPins = Ints.Of(39, 38, 37);
            b.ButtonKeys = KeyLayouts.ThreeButtons();
            b.Speaker = 25;
            b.LedStrip = 15;
            b.LedStripLength = 2 + 16;
            b.ExpansionPort = "COM2";
            b.ExpansionTx = 17;
            b.ExpansionRx = 16;
            b.HidPort = "COM3";
            b.HidTx = 2;
            b.HidRx = 5;
            return b;
        }

        /// <summary>
        /// Olimex ESP32-POE: LAN8720 on RMII (PHY address 0, MDC 23, MDIO 18, 50 MHz clock out on GPIO 17,
        /// PHY power enable GPIO 12; data lines 19/21/22/25/26/27 are fixed by the ESP32 EMAC). The UEXT
        /// connector carries SPI (ST7789 display), I2C (keypad expander) and a UART (expansion chain).
        /// Only three output GPIOs remain free, so the panel uses software reset and the buzzer sits on GPIO 0
        /// (a strapping pin: the buzzer driver must not pull it low at boot). No HID bridge on this board.
        /// Same drivers, same firmware; only this profile differs.
        /// </summary>
        public static BoardProfile OlimexEsp32Poe()
        {
            BoardProfile b = new BoardProfile();
            b.Name = "olimex-poe";
            b.FirmwareTarget = "ESP32_OLIMEX";
            b.SpiMosi = 2;
            b.SpiMiso = 15;
            b.SpiClock = 14;
            b.Panel = Display.PanelModel.St7789;
            b.PanelInverted = true;
            b.PanelRotation = 1;
            b.LcdChipSelect = 5;
            b.LcdDataCommand = 32;
            b.LcdReset = -1;
            b.LcdBacklight = 33;
            b.Ethernet = EthernetKind.Rmii;
            b.RmiiMdc = 23;
            b.RmiiMdio = 18;
            b.RmiiPhyAddress = 0;
            b.RmiiClock = 17;
            b.RmiiPhyPower = 12;
            b.I2cData = 13;
            b.I2cClock = 16;
            b.KeypadExpanderAddress = 0x20;
            b.ButtonPins = new int[] { 34 };
            b.ButtonKeys = new int[] { KeyCode.Ok };
            b.Speaker = 0;
            b.ExpansionPort = "COM2";
            b.ExpansionTx = 4;
            b.ExpansionRx = 36;
            return b;
        }

        /// <summary>
        /// The reference board with call audio over I2S (docs/board-profile.md, "Call audio"): a MAX98357A amplifier
        /// and an INMP441 microphone on the pins the HID bridge and the expansion chain use otherwise (the M5Stack Core
        /// with the LAN module has no other free output pins), so this build has neither; same firmware target.
        /// </summary>
        public static BoardProfile M5StackCoreAudio()
        {
            BoardProfile b = M5StackCore();
            b.Name = "m5core-audio";
            b.HidPort = null;
            b.HidTx = -1;
            b.HidRx = -1;
            b.ExpansionPort = null;
            b.ExpansionTx = -1;
            b.ExpansionRx = -1;
            b.AmpPart = "MAX98357A";
            b.AmpI2sBus = 1;
            b.AmpBitClock = 12;
            b.AmpWordSelect = 0;
            b.AmpData = 2;
            b.MicPart = "INMP441";
            b.MicI2sBus = 2;
            b.MicBitClock = 5;
            b.MicWordSelect = 17;
            b.MicData = 35;
            return b;
        }

        /// <summary>By profile name (the names tools/flash/flash.sh --board takes) or firmware target; null when unknown.</summary>
        public static BoardProfile ByName(string name)
        {
            if (name == "m5core" || name == "M5Core")
            {
                return M5StackCore();
            }
            if (name == "m5core-audio")
            {
                return M5StackCoreAudio();
            }
            if (name == "olimex-poe" || name == "ESP32_OLIMEX")
            {
                return OlimexEsp32Poe();
            }
            return null;
        }
    }
}
