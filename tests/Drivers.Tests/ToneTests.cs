using System.Collections.Generic;
using DeskPhone.Drivers.Audio;
using DeskPhone.Host.Simulated;

namespace DeskPhone.Drivers.Tests
{
    public class ToneTests
    {
        private sealed class ToneRecorder : IToneOutput
        {
            public List<string> Log { get; } = new List<string>();
            public long Now;
            public void Tone(int hertz, int level) => Log.Add(Now + ":" + hertz + (level == 8 ? "" : "@" + level));
        }

        private readonly ToneRecorder _out = new ToneRecorder();
        private readonly ToneSequencer _seq;

        public ToneTests()
        {
            _seq = new ToneSequencer(_out);
        }

        private void RunTo(long end)
        {
            for (; _out.Now <= end; _out.Now += 5) _seq.Tick(_out.Now);
        }

        [Fact]
        public void IndicationPlaysItsStepsOnceInVirtualTime()
        {
            _seq.Play(Tones.StatusIndication, 0);
            RunTo(2000);
            Assert.Equal(new[] { "0:1400", "120:0", "200:1400", "320:0", "400:1400", "520:0" }, _out.Log);
            Assert.False(_seq.IsPlaying);
        }

        [Fact]
        public void RingRepeatsWithItsCadence()
        {
            _seq.Play(Tones.Ring, 0);
            RunTo(8100);
            Assert.Equal(3500, Tones.Ring.CycleMs);
            Assert.Contains("3500:1000", _out.Log);
            Assert.Contains("7000:1000", _out.Log);
            Assert.Contains("500:0", _out.Log);
            Assert.True(_seq.IsPlaying);
            _seq.Stop(Tones.Ring);
            Assert.Equal(0, _seq.Hertz);
        }

        [Fact]
        public void KeyClickDoesNotInterruptRingingButRingingInterruptsClick()
        {
            _seq.Play(Tones.Ring, 0);
            Assert.False(_seq.Play(Tones.KeyClick, 10));
            Assert.Same(Tones.Ring, _seq.Current);
            _seq.Stop();
            Assert.True(_seq.Play(Tones.KeyClick, 20));
            Assert.True(_seq.Play(Tones.Ring, 22));
            _seq.Stop(Tones.KeyClick); // not playing any more: ring continues
            Assert.True(_seq.IsPlaying);
        }

        [Fact]
        public void LateTickKeepsCadenceLockedToStart()
        {
            _seq.Play(Tones.CallWaiting, 0);
            _seq.Tick(10_050); // one big jump: 200 ms beep, 9800 ms pause, next beep since 10000
            Assert.Equal(440, _seq.Hertz);
            _seq.Tick(10_199);
            Assert.Equal(440, _seq.Hertz);
            _seq.Tick(10_200);
            Assert.Equal(0, _seq.Hertz);
        }

        [Fact]
        public void BadPatternsAreRefused()
        {
            Assert.Throws<System.ArgumentException>(() => new TonePattern("x", new[] { 440 }, false, 1));
            Assert.Throws<System.ArgumentException>(() => new TonePattern("x", new[] { 440, 0 }, false, 1));
            Assert.Null(Tones.ByName("nope"));
            Assert.Same(Tones.Ring, Tones.ByName("ring"));
        }

        [Fact]
        public void EachToneIsOnePatternMadeAtFirstUse()
        {
            // Made on first use (not at boot), then the same object each time: the call layer compares by reference.
            foreach (string name in new[] { "click", "indication", "ring", "waiting" })
            {
                TonePattern pattern = Tones.ByName(name);
                Assert.Equal(name, pattern.Name);
                Assert.Same(pattern, Tones.ByName(name));
            }
            Assert.Same(Tones.KeyClick, Tones.ByName("click"));
            Assert.Same(Tones.StatusIndication, Tones.ByName("indication"));
            Assert.Same(Tones.CallWaiting, Tones.ByName("waiting"));
            Assert.Equal(new[] { 4000, 8 }, Tones.KeyClick.Steps);
            Assert.Equal(new[] { 1400, 120, 0, 80, 1400, 120, 0, 80, 1400, 120 }, Tones.StatusIndication.Steps);
            Assert.Equal(new[] { 1000, 50, 1250, 50, 1000, 50, 1250, 50, 1000, 50, 1250, 50, 1000, 50, 1250, 50, 1000, 50, 1250, 50, 0, 3000 },
                Tones.Ring.Steps);
            Assert.Equal(new[] { 440, 200, 0, 9800 }, Tones.CallWaiting.Steps);
        }

        [Fact]
        public void PwmOutputStartsOnceAndStopsOnSilence()
        {
            var pwm = new RecordingPwm();
            var tone = new PwmToneOutput(pwm, 900);
            Assert.Equal(500, tone.Volume);
            tone.Tone(1000, ToneSequencer.MaxLevel);
            tone.Tone(1250, ToneSequencer.MaxLevel);
            tone.Tone(0, ToneSequencer.MaxLevel);
            Assert.Equal(new[] { "f=1000", "d=500", "start", "f=1250", "d=500", "stop" }, pwm.Log);
        }

        [Fact]
        public void TheLevelScalesTheDutyAndLevelZeroIsSilence()
        {
            var pwm = new RecordingPwm();
            var tone = new PwmToneOutput(pwm, 500);
            tone.Tone(1000, 3);
            tone.Tone(1000, 0);
            Assert.Equal(new[] { "f=1000", "d=100", "start", "stop" }, pwm.Log);
        }

        [Fact]
        public void ALevelChangedWhileATonePlaysReachesTheOutputAtOnce()
        {
            _seq.Play(Tones.Ring, 0);
            _out.Now = 20;
            _seq.Level = 12;
            _seq.Level = 12;
            _seq.Level = 99;
            Assert.Equal(ToneSequencer.MaxLevel, _seq.Level);
            _seq.Stop();
            _seq.Level = 1;
            Assert.Equal(new[] { "0:1000", "20:1000@12", "20:1000@15", "20:0@15" }, _out.Log);
        }
    }
}
