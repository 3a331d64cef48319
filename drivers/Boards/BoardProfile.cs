using System;

namespace DeskPhone.Drivers.Boards
{
    /// <summary>
    /// Every pin and bus of one board; drivers get their pins from here and nowhere else, so porting to
    /// another board means writing another profile. -1 = not connected. See docs/board-profile.md.
    /// </summary>
    public sealed class BoardProfile
    {
        public string Name;
        /// <summary>nanoFramework firmware target to flash (nanoff --target).</summary>
        public string FirmwareTarget;

        // SPI bus shared by the display and (on W5500 boards) Ethernet.
        public int SpiBus = 1;
        public int SpiMosi = -1;
        public int SpiMiso = -1;
        public int SpiClock = -1;

        // Display.
        public Display.PanelModel Panel = Display.PanelModel.Ili9341;
        public bool PanelInverted;
        public int PanelRotation;
        public int LcdChipSelect = -1;
        public int LcdDataCommand = -1;
        public int LcdReset = -1;
        public int LcdBacklight = -1;
        public int LcdSpiHz = 40000000;

        /// <summary>microSD card on the shared SPI bus (settings backup, logs), -1 when not usable.</summary>
        public int SdCardChipSelect = -1;

        // Ethernet.
        public EthernetKind Ethernet = EthernetKind.W5500Spi;
        public int EthChipSelect = -1;
        public int EthInterrupt = -1;
        public int EthReset = -1;
        public int RmiiMdc = -1;
        public int RmiiMdio = -1;
        public int RmiiPhyAddress = -1;
        /// <summary>GPIO carrying the 50 MHz RMII clock (0 = input from the PHY, 16/17 = ESP32 output).</summary>
        public int RmiiClock = -1;
        public int RmiiPhyPower = -1;

        // I2C bus (port expander for the key matrix and LEDs).
        public int I2cBus = 1;
        public int I2cData = -1;
        public int I2cClock = -1;
        /// <summary>7-bit address of the MCP23017 carrying the key matrix, -1 when the board has no matrix.</summary>
        public int KeypadExpanderAddress = -1;

        // Buttons wired straight to GPIO (active low), with their key codes.
        public int[] ButtonPins = new int[0];
        public int[] ButtonKeys = new int[0];

        // Sound and LEDs.
        public int Speaker = -1;
        public int LedStrip = -1;
        public int LedStripLength;

        // UARTs: expansion-module chain and USB-host (HID) bridge.
        public string ExpansionPort;
        public int ExpansionTx = -1;
        public int ExpansionRx = -1;
        /// <summary>
        /// A call's audio over I2S (docs/board-profile.md, "Call audio"): an amplifier on bus <see cref="AmpI2sBus"/>
        /// (master, transmit) and a microphone on <see cref="MicI2sBus"/> (master, receive), each with its own clocks
        /// (nanoFramework's I2S runs one direction per bus); the part names are for the bench and the docs. -1: none.
        /// </summary>
        public string AmpPart;
        public int AmpI2sBus = 1;
        public int AmpBitClock = -1;
        public int AmpWordSelect = -1;
        public int AmpData = -1;
        public string MicPart;
        public int MicI2sBus = 2;
        public int MicBitClock = -1;
        public int MicWordSelect = -1;
        public int MicData = -1;

        public string HidPort;
        public int HidTx = -1;
        public int HidRx = -1;
        public int HidBaud = 115200;

        /// <summary>Every assigned pin with its role, for the bench ("pins" command) and the conflict check.</summary>
        public string[] PinTable()
        {
            string[] roles =
            {
                "spi.mosi", "spi.miso", "spi.clock", "sd.cs", "lcd.cs", "lcd.dc", "lcd.reset", "lcd.backlight",
                "eth.cs", "eth.int", "eth.reset", "rmii.mdc", "rmii.mdio", "rmii.clock", "rmii.phy-power",
                "i2c.sda", "i2c.scl", "speaker", "led-strip", "exp.tx", "exp.rx", "hid.tx", "hid.rx",
                "amp.bck", "amp.ws", "amp.data", "mic.bck", "mic.ws", "mic.data",
            };
            int[] pins =
            {
                SpiMosi, SpiMiso, SpiClock, SdCardChipSelect, LcdChipSelect, LcdDataCommand, LcdReset, LcdBacklight,
                EthChipSelect, EthInterrupt, EthReset, RmiiMdc, RmiiMdio, RmiiClock, RmiiPhyPower,
                I2cData, I2cClock, Speaker, LedStrip, ExpansionTx, ExpansionRx, HidTx, HidRx,
                AmpBitClock, AmpWordSelect, AmpData, MicBitClock, MicWordSelect, MicData,
            };
            int n = 0;
            for (int i = 0; i < pins.Length; i++)
            {
                if (pins[i] >= 0)
                {
                    n++;
                }
            }
            string[] table = new string[n + ButtonPins.Length];
            n = 0;
            for (int i = 0; i < pins.Length; i++)
            {
                if (pins[i] >= 0)
                {
                    table[n++] = roles[i] + "=" + pins[i].ToString();
                }
            }
            for (int i = 0; i < ButtonPins.Length; i++)
            {
                string key = i < ButtonKeys.Length ? Input.KeyCode.Name(ButtonKeys[i]) : i.ToString();
                table[n++] = "button." + key + "=" + ButtonPins[i].ToString();
            }
            return table;
        }

        /// <summary>Null when consistent, else what is wrong (a pin used twice, missing pins for a declared part).</summary>
        public string Validate()
        {
            if (ButtonPins == null || ButtonKeys == null || ButtonPins.Length != ButtonKeys.Length)
            {
                return "one key code per button pin";
            }
            string[] table = PinTable();
            for (int i = 0; i < table.Length; i++)
            {
                string pin = table[i].Substring(table[i].IndexOf('=') + 1);
                for (int j = i + 1; j < table.Length; j++)
                {
                    if (table[j].Substring(table[j].IndexOf('=') + 1) == pin)
                    {
                        return "GPIO " + pin + " used twice: " + table[i] + ", " + table[j];
                    }
                }
            }
            if (LcdChipSelect >= 0 && (SpiMosi < 0 || SpiClock < 0 || LcdDataCommand < 0))
            {
                return "display needs spi.mosi, spi.clock and lcd.dc";
            }
            if (Ethernet == EthernetKind.W5500Spi && (EthChipSelect < 0 || SpiMosi < 0 || SpiMiso < 0 || SpiClock < 0))
            {
                return "W5500 needs eth.cs and the full SPI bus";
            }
            if (Ethernet == EthernetKind.Rmii && (RmiiMdc < 0 || RmiiMdio < 0 || RmiiPhyAddress < 0 || RmiiClock < 0))
            {
                return "RMII needs rmii.mdc, rmii.mdio, a PHY address and the clock pin";
            }
            if ((ExpansionPort != null && (ExpansionTx < 0 || ExpansionRx < 0)) || (HidPort != null && (HidTx < 0 || HidRx < 0)))
            {
                return "each UART needs its tx and rx pins";
            }
            if (ExpansionPort != null && ExpansionPort == HidPort)
            {
                return "expansion chain and HID bridge need separate UARTs";
            }
            return null;
        }
    }
}
