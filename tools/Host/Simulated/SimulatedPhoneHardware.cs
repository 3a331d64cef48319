using System.Collections.Generic;
using DeskPhone.Drivers;
using DeskPhone.Drivers.Audio;
using DeskPhone.Drivers.Display;
using DeskPhone.Drivers.Expansion;
using DeskPhone.Drivers.Hal;
using DeskPhone.Drivers.Hid;
using DeskPhone.Drivers.Input;
using DeskPhone.Drivers.Leds;
using DeskPhone.Drivers.Network;

namespace DeskPhone.Host.Simulated
{
    /// <summary>Tone output that records what sounded, for the simulator and tests.</summary>
    public sealed class RecordingToneOutput : IToneOutput
    {
        public int Hertz { get; private set; }
        public List<int> Log { get; } = new List<int>();

        /// <summary>The level of the last tone that sounded (ToneSequencer.MaxLevel the loudest).</summary>
        public int Level { get; private set; }

        public void Tone(int hertz, int level)
        {
            Hertz = hertz;
            if (hertz != 0)
            {
                Level = level;
            }
            Log.Add(hertz);
        }
    }

    /// <summary>
    /// A whole reference-board phone in simulated hardware: the three buttons, the 6x6 desk keypad, LEDs,
    /// backlight, speaker, expansion chain and USB bridge, wired into the same <see cref="PhoneDrivers"/> the
    /// device uses. The simulator drives the fakes (press keys, plug modules, pull the cable) and reads them back.
    /// </summary>
    public sealed class SimulatedPhoneHardware
    {
        public SimulatedPhoneHardware(int minModuleFirmware = 0x0102)
        {
            var timing = new KeyTiming();
            ButtonPins = new[] { new FakeInputPin(39, true), new FakeInputPin(38, true), new FakeInputPin(37, true) };
            var buttons = new ButtonKeys(ButtonPins, KeyLayouts.ThreeButtons(), timing, activeLow: true);
            var keypad = new KeyMatrix(Keypad, KeyLayouts.DeskKeypad6x6(), timing, activeLow: true);
            var expansion = new ExpansionChain(Modules, minModuleFirmware);
            var sink = new LedRangeSink(
                new[] { 0, LedMap.ModuleKeyBase },
                new[] { LedMap.ModuleKeyBase, LedMap.Count - LedMap.ModuleKeyBase },
                new ILedSink[] { PhoneLeds, expansion });
            var backlight = new Backlight(BacklightPwm, 1000, 200, 60000, 0);
            Drivers = new PhoneDrivers(buttons, keypad, new LedBank(LedMap.Count, sink), backlight,
                new ToneSequencer(Speaker), expansion, new HidBridge(Usb), new EthernetLink());
            // A locally administered address (02:...), so the technician's network view shows one as on a board.
            Drivers.Ethernet.ReportMacAddress(new byte[] { 0x02, 0x00, 0x00, 0x00, 0x04, 0x86 });
        }

        public PhoneDrivers Drivers { get; }
        public FakeInputPin[] ButtonPins { get; }
        public SimulatedKeyMatrix Keypad { get; } = new SimulatedKeyMatrix(6, 6);
        /// <summary>Message, call and function-key LEDs (indexes as LedMap, below ModuleKeyBase).</summary>
        public RecordingLedSink PhoneLeds { get; } = new RecordingLedSink(LedMap.ModuleKeyBase);
        public RecordingPwm BacklightPwm { get; } = new RecordingPwm();
        public RecordingToneOutput Speaker { get; } = new RecordingToneOutput();
        public SimulatedModuleChain Modules { get; } = new SimulatedModuleChain();
        public SimulatedHidBridge Usb { get; } = new SimulatedHidBridge();

        /// <summary>Board button 0..2 (A, B, C) pressed or released (active low).</summary>
        public void SetButton(int index, bool pressed) => ButtonPins[index].Level = !pressed;

        /// <summary>Presses the desk-keypad key with this code; false when the keypad has no such key.</summary>
        public bool SetKey(int keyCode, bool pressed)
        {
            int[] layout = KeyLayouts.DeskKeypad6x6();
            int slot = System.Array.IndexOf(layout, keyCode);
            if (slot < 0) return false;
            if (pressed) Keypad.Press(slot / 6, slot % 6); else Keypad.Release(slot / 6, slot % 6);
            return true;
        }

        /// <summary>Cable in or out, as the PHY would report it; address as DHCP would give it.</summary>
        public void SetLink(bool up, long nowMs, string address = "192.168.1.50")
        {
            Drivers.Ethernet.ReportLink(up, nowMs);
            Drivers.Ethernet.ReportAddress(up ? address : null);
        }
    }
}
