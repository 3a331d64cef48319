using DeskPhone.Drivers.Display;
using DeskPhone.Host.Simulated;

namespace DeskPhone.Drivers.Tests
{
    public class LcdPanelTests
    {
        private readonly RecordingOutputPin _dc = new RecordingOutputPin(27);
        private readonly RecordingOutputPin _reset = new RecordingOutputPin(33);
        private readonly FakeClock _clock = new FakeClock();
        private readonly RecordingSpiBus _spi;

        public LcdPanelTests()
        {
            _spi = new RecordingSpiBus(_dc);
        }

        [Fact]
        public void Ili9342InitialisationIsByteExact()
        {
            var panel = new LcdPanel(_spi, _dc, _reset, _clock, PanelSpec.For(PanelModel.Ili9342), inverted: true);
            panel.Initialize(0);
            Assert.Equal(new[] { false, true }, _reset.Writes);
            Assert.Equal(new[] { 10, 120, 120 }, _clock.Delays);
            Assert.Equal("C11 C3A D55 C36 D08 C21 C29", _spi.Transcript());
            Assert.Equal(320, panel.Width);
            Assert.Equal(240, panel.Height);
        }

        [Fact]
        public void WithoutResetPinASoftwareResetIsSent()
        {
            var panel = new LcdPanel(_spi, _dc, null, _clock, PanelSpec.For(PanelModel.St7789), inverted: false);
            panel.Initialize(1);
            Assert.Equal("C01 C11 C3A D55 C36 D60 C20 C29", _spi.Transcript());
            Assert.Equal(new[] { 120, 120 }, _clock.Delays);
            Assert.Equal(320, panel.Width);
            Assert.Equal(240, panel.Height);
        }

        [Fact]
        public void PartialWindowWriteIsByteExact()
        {
            var panel = new LcdPanel(_spi, _dc, _reset, _clock, PanelSpec.For(PanelModel.Ili9341), inverted: false);
            panel.SetRotation(1);
            _spi.Clear();
            panel.SetWindow(10, 20, 100, 50);
            panel.WritePixels(new byte[] { 0xF8, 0x00, 0x07, 0xE0 }, 0, 4);
            Assert.Equal("C2A D000A006D C2B D00140045 C2C DF80007E0", _spi.Transcript());
        }

        [Fact]
        public void FillSendsExactlyTheWindowsPixels()
        {
            var panel = new LcdPanel(_spi, _dc, _reset, _clock, PanelSpec.For(PanelModel.Ili9342), inverted: true);
            panel.Fill(0, 0, 10, 10, 0x1234);
            int pixelBytes = 0;
            foreach (var (data, bytes) in _spi.Transfers.GetRange(5, _spi.Transfers.Count - 5))
            {
                Assert.True(data);
                for (int i = 0; i < bytes.Length; i += 2) { Assert.Equal(0x12, bytes[i]); Assert.Equal(0x34, bytes[i + 1]); }
                pixelBytes += bytes.Length;
            }
            Assert.Equal(200, pixelBytes);
            Assert.StartsWith("C2A D00000009 C2B D00000009 C2C D", _spi.Transcript());
        }

        [Theory]
        [InlineData(-1, 0, 10, 10)]
        [InlineData(0, 0, 321, 10)]
        [InlineData(310, 0, 11, 1)]
        [InlineData(0, 0, 0, 1)]
        public void WindowOutsideThePanelIsRefused(int x, int y, int w, int h)
        {
            var panel = new LcdPanel(_spi, _dc, _reset, _clock, PanelSpec.For(PanelModel.Ili9342), inverted: true);
            Assert.Throws<System.ArgumentOutOfRangeException>(() => panel.SetWindow(x, y, w, h));
            Assert.Empty(_spi.Transfers);
        }

        [Fact]
        public void SleepAndWake()
        {
            var panel = new LcdPanel(_spi, _dc, _reset, _clock, PanelSpec.For(PanelModel.Ili9342), inverted: true);
            panel.Sleep();
            panel.Wake();
            Assert.Equal("C28 C10 C11 C29", _spi.Transcript());
            Assert.Equal(new[] { 120 }, _clock.Delays);
        }
    }

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
