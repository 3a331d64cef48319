using System.Collections.Generic;
using DeskPhone.Drivers.Leds;
using DeskPhone.Domain.Leds;
using DeskPhone.Domain.Status;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Host.Simulated;

namespace DeskPhone.Firmware.Tests.Leds
{
    public class LedPolicyTests
    {
        private readonly LedPolicy _p = new LedPolicy();
        private readonly List<string> _changes = new List<string>();

        public LedPolicyTests()
        {
            _p.Changed += (led, color, pattern) => _changes.Add(LedMap.Name(led) + "=" + color + "/" + pattern);
        }

        private (LedColor, LedPattern) Key(int key) => (_p.ColorOf(LedMap.FunctionKey(key)), _p.PatternOf(LedMap.FunctionKey(key)));

        [Fact]
        public void DefaultsLikeThePhones()
        {
            Assert.Empty(_p.Problems);
            _p.SetKeyState(0, KeyState.Idle);
            Assert.Equal((LedColor.Off, LedPattern.Off), Key(0));
            _p.SetKeyState(0, KeyState.Ringing);
            Assert.Equal((LedColor.Red, LedPattern.BlinkFast), Key(0));
            _p.SetKeyState(0, KeyState.Busy);
            Assert.Equal((LedColor.Red, LedPattern.On), Key(0));
            _p.SetKeyState(0, KeyState.Dnd);
            Assert.Equal((LedColor.Red, LedPattern.On), Key(0));
            _p.SetKeyState(0, KeyState.Holding);
            Assert.Equal((LedColor.Red, LedPattern.BlinkSlow), Key(0));
            _p.SetKeyState(0, KeyState.Available);
            Assert.Equal((LedColor.Green, LedPattern.On), Key(0));
            _p.SetKeyState(0, KeyState.Away);
            Assert.Equal((LedColor.Orange, LedPattern.ShortOff), Key(0));
            _p.SetKeyState(0, KeyState.None);
            Assert.Equal((LedColor.Off, LedPattern.Off), Key(0));
        }

        /// <summary>
        /// The message LED as the composed phone (PhoneApp, with the simulated hardware) drives it: the registrar's
        /// message-summary NOTIFY raises the voice-message status, whose LED rule blinks the message LED red, and a
        /// NOTIFY without messages puts it out.
        /// </summary>
        [Fact]
        public void VoiceMessagesBlinkTheMessageLedOfTheComposedPhone()
        {
            var hw = new SimulatedPhoneHardware();
            var phone = new SipPhone(drivers: hw.Drivers);
            phone.Run(10);
            phone.Register();
            string subscribe = phone.Last("SUBSCRIBE", "message-summary");
            Assert.NotNull(subscribe);
            phone.Answer(subscribe, 200, "Expires: 3600\r\n");
            Assert.Equal(LedPattern.Off, hw.Drivers.Leds.PatternOf(LedMap.Message));

            Assert.Equal(200, phone.Notify(subscribe, "active;expires=3600", "application/simple-message-summary",
                "Messages-Waiting: yes\r\nVoice-Message: 2/0\r\n"));
            phone.Run(10);
            Assert.Equal(LedPattern.BlinkSlow, hw.Drivers.Leds.PatternOf(LedMap.Message));
            Assert.Equal(LedColor.Red, hw.Drivers.Leds.ColorOf(LedMap.Message));

            Assert.Equal(200, phone.Notify(subscribe, "active;expires=3600", "application/simple-message-summary",
                "Messages-Waiting: no\r\nVoice-Message: 0/2\r\n"));
            phone.Run(10);
            Assert.Equal(LedPattern.Off, hw.Drivers.Leds.PatternOf(LedMap.Message));
        }

        [Fact]
        public void RulesFromRealSettingStrings()
        {
            _p.Configure("CONNECTED IDLE", "", "", "RINGING CONNECTED", "", "RINGING", "", "", "IDLE", "", "RINGING");
            _p.SetKeyState(4, KeyState.Connected);
            Assert.Equal((LedColor.Green, LedPattern.BlinkFast), Key(4));
            _p.SetKeyState(4, KeyState.Idle);
            Assert.Equal((LedColor.Yellow, LedPattern.On), Key(4));
            _p.SetKeyState(4, KeyState.Holding);
            Assert.Equal((LedColor.Off, LedPattern.Off), Key(4));

            _p.SetCallState(KeyState.Ringing);
            Assert.Equal(LedPattern.BlinkFast, _p.PatternOf(LedMap.Call));
            Assert.Equal(LedColor.Red, _p.ColorOf(LedMap.Call));
            _p.SetCallState(KeyState.Connected);
            Assert.Equal(LedPattern.Off, _p.PatternOf(LedMap.Call));
        }

        [Fact]
        public void ModuleKeysFollowTheirStates()
        {
            int key = LedMap.FunctionKeyCount + LedMap.KeysPerModule + 4;
            _p.SetKeyState(key, KeyState.Ringing);
            Assert.Equal(LedPattern.BlinkFast, _p.PatternOf(LedMap.ModuleKey(1, 4)));
            Assert.Equal("X2.5=Red/BlinkFast", _changes[_changes.Count - 1]);
        }

        [Fact]
        public void UnknownTokensAreReported()
        {
            _p.Configure("CONECTED RINGING", "", "", "", "", "Blah", "", "", "", "NotAStatus", "RINGING PhoneHasMissedCalls");
            Assert.Equal(new[]
            {
                "led_on: unknown key state or status ID 'CONECTED'",
                "led_red: unknown key state or status ID 'Blah'",
                "led_message_usage: unknown key state or status ID 'NotAStatus'",
                "led_call_indicator_usage: unknown key state or status ID 'PhoneHasMissedCalls'",
            }, _p.Problems.ToArray());
            _p.SetKeyState(0, KeyState.Ringing);
            Assert.Equal((LedColor.Green, LedPattern.On), Key(0));
        }

        /// <summary>
        /// The scheduler tells the policy itself (Leds, no handler of the phone's), and the policy reads the active
        /// statuses in slot (raise) order: the strongest pattern wins and, among equals, the lowest ID, whatever the
        /// order they were raised in, as when it asked for every ID in turn.
        /// </summary>
        [Fact]
        public void TheSchedulerSetsTheMessageLedStrongestFirstLowestIdAmongEquals()
        {
            var s = new StatusScheduler();
            _p.Configure("", "AudioIsMuted AnonymousIdOn", "", "AudioDeviceIsSpeaker", "", "AudioIsMuted", "AnonymousIdOn", "", "",
                         "AudioIsMuted AnonymousIdOn AudioDeviceIsSpeaker", "");
            _p.Attach(s);
            s.Leds = _p;
            (LedColor, LedPattern) Message() => (_p.ColorOf(LedMap.Message), _p.PatternOf(LedMap.Message));

            s.Set(StatusId.AudioIsMuted, true, "test", 0);
            Assert.Equal((LedColor.Red, LedPattern.BlinkSlow), Message());
            s.Set(StatusId.AnonymousIdOn, true, "test", 0);
            Assert.Equal((LedColor.Green, LedPattern.BlinkSlow), Message());
            s.Set(StatusId.AudioDeviceIsSpeaker, true, "test", 0);
            Assert.Equal((LedColor.Red, LedPattern.BlinkFast), Message());
            s.Set(StatusId.AudioDeviceIsSpeaker, false, "test", 0);
            Assert.Equal((LedColor.Green, LedPattern.BlinkSlow), Message());
            s.Clear(StatusId.AnonymousIdOn, 0);
            Assert.Equal((LedColor.Red, LedPattern.BlinkSlow), Message());
            s.Set(StatusId.AudioIsMuted, false, "test", 0);
            Assert.Equal((LedColor.Off, LedPattern.Off), Message());
        }

        [Fact]
        public void OnlyChangedLedsAreReported()
        {
            _p.SetKeyState(1, KeyState.Ringing);
            _changes.Clear();
            _p.SetKeyState(1, KeyState.Ringing);
            _p.SetKeyState(2, KeyState.Idle);
            Assert.Empty(_changes);
            _p.SetKeyState(1, KeyState.Connected);
            Assert.Equal(new[] { "F2=Red/On" }, _changes);
        }
    }
}
