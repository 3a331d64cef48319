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
        private readonly ButtonKeys _buttons;
        private readonly KeyMatrix _keypad;
        private readonly LedBank _leds;
        private readonly Backlight _backlight;
        private readonly ToneSequencer _tones;
        private readonly ExpansionChain _expansion;
        private readonly HidBridge _hid;
        private readonly EthernetLink _ethernet;
        private long _now;

        public event KeyEventHandler KeyEvent;

        public PhoneDrivers(ButtonKeys buttons, KeyMatrix keypad, LedBank leds, Backlight backlight, ToneSequencer tones,
            ExpansionChain expansion, HidBridge hid, EthernetLink ethernet)
        {
            if (leds == null || tones == null || ethernet == null)
            {
                throw new System.ArgumentNullException("leds/tones/ethernet");
            }
            _buttons = buttons;
            _keypad = keypad;
            _leds = leds;
            _backlight = backlight;
            _tones = tones;
            _expansion = expansion;
            _hid = hid;
            _ethernet = ethernet;
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

        public ButtonKeys Buttons { get { return _buttons; } }
        public KeyMatrix Keypad { get { return _keypad; } }
        public LedBank Leds { get { return _leds; } }
        public Backlight Backlight { get { return _backlight; } }
        public ToneSequencer Tones { get { return _tones; } }
        public ExpansionChain Expansion { get { return _expansion; } }
        public HidBridge Hid { get { return _hid; } }
        public EthernetLink Ethernet { get { return _ethernet; } }

        /// <summary>Runs every driver once; call every 5-10 ms from one thread. Events are raised from here.</summary>
        [NotInlined]
        public void Tick(long nowMs)
        {
            _now = nowMs;
            if (_buttons != null)
            {
                _buttons.Scan(nowMs);
            }
            if (_keypad != null)
            {
                _keypad.Scan(nowMs);
            }
            if (_hid != null)
            {
                _hid.Poll(nowMs);
            }
            if (_expansion != null)
            {
                _expansion.Tick(nowMs);
            }
            _ethernet.Tick(nowMs);
            _leds.Tick(nowMs);
            _tones.Tick(nowMs);
            if (_backlight != null)
            {
                _backlight.Tick(nowMs);
            }
        }

        private void OnKey(int keyCode, KeyAction action)
        {
            if (_backlight != null)
            {
                _backlight.Activity(_now);
            }
            KeyEventHandler handler = KeyEvent;
            if (handler != null)
            {
                handler(keyCode, action);
            }
        }
    }
}
