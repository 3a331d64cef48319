using System.Collections.Generic;
using DeskPhone.Drivers.Audio;
using DeskPhone.Drivers.Display;
using DeskPhone.Drivers.Input;
using DeskPhone.Drivers.Leds;
using DeskPhone.Host.Simulated;

namespace DeskPhone.Drivers.Tests
{
    public class PhoneDriversTests
    {
        private readonly SimulatedPhoneHardware _hw = new SimulatedPhoneHardware();
        private readonly List<string> _keys = new List<string>();
        private long _now;

        public PhoneDriversTests()
        {
            _hw.Drivers.KeyEvent += (code, action) => _keys.Add(KeyCode.Name(code) + ":" + KeyActionNames.Name(action));
        }

        private void RunFor(int ms)
        {
            for (int t = 0; t < ms; t += 10)
            {
                _hw.Drivers.Tick(_now);
                _now += 10;
            }
        }

        [Fact]
        public void EveryKeySourceFeedsTheOneKeyEvent()
        {
            _hw.Modules.Plug();
            _hw.Usb.AttachKeyboard();
            RunFor(300);
            _hw.SetButton(1, true);
            Assert.True(_hw.SetKey(KeyCode.Digit7, true));
            _hw.Usb.KeyDown(0x52);
            _hw.Modules.PressKey(0, 2);
            RunFor(50);
            Assert.Contains("OK:press", _keys);
            Assert.Contains("7:press", _keys);
            Assert.Contains("UP:press", _keys);
            Assert.Contains("X1.3:press", _keys);
            Assert.False(_hw.SetKey(KeyCode.FunctionKey1 + 10, true));
        }

        [Fact]
        public void KeyWakesADimmedBacklight()
        {
            RunFor(61000);
            Assert.Equal(BacklightState.Dimmed, _hw.Drivers.Backlight.State);
            _hw.SetButton(0, true);
            RunFor(50);
            Assert.Equal(BacklightState.Active, _hw.Drivers.Backlight.State);
            Assert.Equal(1000, _hw.BacklightPwm.Duty);
        }

        [Fact]
        public void OneTickDrivesPhoneAndModuleLedsInPhaseAndTones()
        {
            _hw.Modules.Plug();
            RunFor(300);
            _hw.Drivers.Leds.Set(LedMap.Message, LedColor.Red, LedPattern.BlinkSlow);
            _hw.Drivers.Leds.Set(LedMap.ModuleKey(0, 0), LedColor.Green, LedPattern.BlinkSlow);
            _hw.Drivers.Tones.Play(Tones.KeyClick, _now);
            for (int i = 0; i < 300; i++)
            {
                RunFor(10);
                bool phoneLit = _hw.PhoneLeds[LedMap.Message] != LedColor.Off;
                bool moduleLit = _hw.Modules.Modules[0].Leds[0] != LedColor.Off;
                Assert.Equal(phoneLit, moduleLit);
            }
            Assert.Equal(new[] { 4000, 0 }, _hw.Speaker.Log);
        }

        [Fact]
        public void CablePullIsSeenThroughTheSameTick()
        {
            _hw.SetLink(true, 0);
            RunFor(1000);
            Assert.True(_hw.Drivers.Ethernet.Ready);
            _hw.SetLink(false, _now);
            RunFor(2500);
            Assert.True(_hw.Drivers.Ethernet.EthernetUnplugged);
        }
    }
}
