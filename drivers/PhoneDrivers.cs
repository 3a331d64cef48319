using DeskPhone.Drivers.Audio;
using DeskPhone.Drivers.Display;
using DeskPhone.Drivers.Expansion;
using DeskPhone.Drivers.Hal;
using DeskPhone.Drivers.Hid;
using DeskPhone.Drivers.Input;
using DeskPhone.Drivers.Leds;
using DeskPhone.Drivers.Network;

namespace DeskPhone.Drivers
{
    /// <summary>
    /// All drivers of one phone behind a single Tick, as the firmware main loop uses them. Built from real
    /// adapters on the device (Device/DeviceDrivers) or from simulated hardware on the host. Optional parts
    /// are null when the board lacks them. Every key source feeds the one KeyEvent, and any key wakes the backlight.
    /// </summary>
    public sealed class PhoneDrivers
    {
        private long _now;

        public event KeyEventHandler KeyEvent;

        public PhoneDrivers(ButtonKeys buttons, KeyMatrix keypad, LedBank leds, Backlight backlight, ToneSequencer tones,
            ExpansionChain expansion, HidBridge hid, EthernetLink ethernet)
        {
            if (leds == null || tones == null || ethernet == null)
            {
                throw new System.ArgumentNullException("leds/tones/ethernet");
            }
            Buttons = buttons;
            Keypad = keypad;
            Leds = leds;
            Backlight = backlight;
            Tones = tones;
            Expansion = expansion;
            Hid = hid;
            Ethernet = ethernet;
            // One delegate for every source: each "+= OnKey" would make its own (36 B each on nanoCLR).
            KeyEventHandler onKey = OnKey;
            if (buttons != null)
            {
                buttons.KeyEvent += onKey;
            }
            if (keypad != null)
            {
                keypad.KeyEvent += onKey;
            }
            if (expansion != null)
            {
                expansion.KeyEvent += onKey;
            }
            if (hid != null)
            {
                hid.KeyEvent += onKey;
            }
        }

        // The drivers are public fields, not properties: no accessor method in the runtime tables and image (issue #17).
        public readonly ButtonKeys Buttons;
        public readonly KeyMatrix Keypad;
        public readonly LedBank Leds;
        public readonly Backlight Backlight;
        public readonly ToneSequencer Tones;
        public readonly ExpansionChain Expansion;
        public readonly HidBridge Hid;
        public readonly EthernetLink Ethernet;

        /// <summary>Runs every driver once; call every 5-10 ms from one thread. Events are raised from here.</summary>
        [NotInlined]
        public void Tick(long nowMs)
        {
            _now = nowMs;
            if (Buttons != null)
            {
                Buttons.Scan(nowMs);
            }
            if (Keypad != null)
            {
                Keypad.Scan(nowMs);
            }
            if (Hid != null)
            {
                Hid.Poll(nowMs);
            }
            if (Expansion != null)
            {
                Expansion.Tick(nowMs);
            }
            Ethernet.Tick(nowMs);
            Leds.Tick(nowMs);
            Tones.Tick(nowMs);
            if (Backlight != null)
            {
                Backlight.Tick(nowMs);
            }
        }

        private void OnKey(int keyCode, KeyAction action)
        {
            if (Backlight != null)
            {
                Backlight.Activity(_now);
            }
            KeyEventHandler handler = KeyEvent;
            if (handler != null)
            {
                handler(keyCode, action);
            }
        }
    }
}
