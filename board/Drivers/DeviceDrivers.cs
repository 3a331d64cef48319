using System;
using System.Device.Gpio;
using DeskPhone.Drivers;
using DeskPhone.Drivers.Audio;
using DeskPhone.Drivers.Boards;
using DeskPhone.Drivers.Display;
using DeskPhone.Drivers.Expansion;
using DeskPhone.Drivers.Hal;
using DeskPhone.Drivers.Hid;
using DeskPhone.Drivers.Input;
using DeskPhone.Drivers.Leds;
using DeskPhone.Drivers.Network;

namespace DeskPhone.Board.Drivers
{
    /// <summary>Builds <see cref="PhoneDrivers"/> from a board profile with the nanoFramework adapters.</summary>
    public static class DeviceDrivers
    {
        private const int KeypadRows = 6;
        private const int KeypadColumns = 6;

        /// <param name="minModuleFirmware">ExpansionProtocol.Version of the oldest module firmware accepted.</param>
        /// <param name="wifi">The Wi-Fi station the link policy may use (null: none); the Ethernet monitor must know when it is up.</param>
        public static PhoneDrivers Create(BoardProfile board, IClock clock, int minModuleFirmware, IWifiLink wifi)
        {
            Esp32Pins.Configure(board);
            GpioController gpio = new GpioController();
            KeyTiming timing = new KeyTiming();

            ButtonKeys buttons = null;
            if (board.ButtonPins.Length > 0)
            {
                IDigitalInput[] pins = new IDigitalInput[board.ButtonPins.Length];
                for (int i = 0; i < pins.Length; i++)
                {
                    // GPIO 34-39 are input-only without internal pull-ups; boards put external ones there.
                    pins[i] = new GpioInput(gpio, board.ButtonPins[i], board.ButtonPins[i] < 34);
                }
                buttons = new ButtonKeys(pins, board.ButtonKeys, timing, true);
            }

            KeyMatrix keypad = null;
            if (board.KeypadExpanderAddress >= 0)
            {
                try
                {
                    Mcp23017KeyPort port = new Mcp23017KeyPort(new I2cBusDevice(board.I2cBus, board.KeypadExpanderAddress), KeypadRows, KeypadColumns);
                    keypad = new KeyMatrix(port, KeyLayouts.DeskKeypad6x6(), timing, true);
                }
                catch (Exception e)
                {
                    // A board without the keypad still works with its buttons and USB keyboard.
                    Console.WriteLine("keypad expander not usable: " + e.Message);
                }
            }

            ExpansionChain expansion = null;
            if (board.ExpansionPort != null)
            {
                expansion = new ExpansionChain(new SerialUart(board.ExpansionPort, ExpansionProtocol.Baud), minModuleFirmware);
            }

            int stripLength = board.LedStrip >= 0 ? board.LedStripLength : 0;
            ILedSink phoneLeds = stripLength > 0 ? new RgbStripLedSink(new RmtRgbStrip(new RmtStripOutput(board.LedStrip), stripLength), 64) : null;
            int parts = (phoneLeds != null ? 1 : 0) + (expansion != null ? 1 : 0);
            int[] starts = new int[parts];
            int[] counts = new int[parts];
            ILedSink[] sinks = new ILedSink[parts];
            int n = 0;
            if (phoneLeds != null)
            {
                starts[n] = 0;
                counts[n] = stripLength;
                sinks[n++] = phoneLeds;
            }
            if (expansion != null)
            {
                starts[n] = LedMap.ModuleKeyBase;
                counts[n] = LedMap.Count - LedMap.ModuleKeyBase;
                sinks[n] = expansion;
            }
            ILedSink sink = new LedRangeSink(starts, counts, sinks);
            LedBank leds = new LedBank(LedMap.Count, sink);

            Backlight backlight = board.LcdBacklight >= 0
                ? new Backlight(new PwmOutput(board.LcdBacklight, Backlight.PwmHz), 1000, 200, 60000, 0)
                : null;
            IToneOutput tone = board.Speaker >= 0 ? (IToneOutput)new PwmToneOutput(new PwmOutput(board.Speaker, 1000), 500) : new SilentToneOutput();

            HidBridge hid = board.HidPort != null ? new HidBridge(new SerialUart(board.HidPort, board.HidBaud)) : null;
            if (hid != null)
            {
                hid.Query();
            }

            EthernetLink ethernet = new EthernetLink();
            new NetworkMonitor(ethernet, clock, wifi);

            return new PhoneDrivers(buttons, keypad, leds, backlight, new ToneSequencer(tone), expansion, hid, ethernet);
        }
    }
}
