using DeskPhone.Drivers.Display;
using DeskPhone.Host.Simulated;

namespace DeskPhone.Drivers.Tests
{
    public class BacklightTests
    {
        [Fact]
        public void DimsAfterIdleSwitchesOffLaterAndWakesOnActivity()
        {
            var pwm = new RecordingPwm();
            var light = new Backlight(pwm, activeLevel: 900, dimLevel: 150, dimAfterMs: 30000, offAfterMs: 120000);
            Assert.True(pwm.Running);
            Assert.Equal(5000, pwm.Frequency);
            light.Activity(0);
            light.Tick(29999);
            Assert.Equal(BacklightState.Active, light.State);
            Assert.Equal(900, pwm.Duty);
            light.Tick(30000);
            Assert.Equal(BacklightState.Dimmed, light.State);
            Assert.Equal(150, pwm.Duty);
            light.Tick(120000);
            Assert.Equal(BacklightState.Off, light.State);
            Assert.Equal(0, pwm.Duty);
            light.Activity(120500);
            Assert.Equal(900, pwm.Duty);
            Assert.Equal(BacklightState.Active, light.State);
            int writes = pwm.Log.Count;
            light.Tick(121000);
            Assert.Equal(writes, pwm.Log.Count); // no PWM traffic when nothing changes
        }

        [Fact]
        public void ZeroTimeoutsNeverDimAndLevelsAreClamped()
        {
            var pwm = new RecordingPwm();
            var light = new Backlight(pwm, 2000, -5, 0, 0);
            light.Tick(10_000_000);
            Assert.Equal(1000, light.Level);
            Assert.Equal(BacklightState.Active, light.State);
        }
    }
}
