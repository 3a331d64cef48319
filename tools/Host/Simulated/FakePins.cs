using System.Collections.Generic;
using DeskPhone.Drivers;
using DeskPhone.Drivers.Hal;

namespace DeskPhone.Host.Simulated
{
    /// <summary>Output pin that remembers every level written.</summary>
    public sealed class RecordingOutputPin : IDigitalOutput
    {
        public RecordingOutputPin(int pin = -1) { Pin = pin; }

        public int Pin { get; }
        public bool Level { get; private set; }
        public List<bool> Writes { get; } = new List<bool>();

        public void Write(bool high)
        {
            Level = high;
            Writes.Add(high);
        }
    }

    /// <summary>Input pin whose level the test or simulator sets; raises Edge on change.</summary>
    public sealed class FakeInputPin : IDigitalInput
    {
        private bool _level;

        public FakeInputPin(int pin, bool level)
        {
            Pin = pin;
            _level = level;
        }

        public int Pin { get; }
        public int Reads { get; private set; }
        public event NumberFlagHandler Edge;

        public bool Level
        {
            get => _level;
            set
            {
                if (value == _level) return;
                _level = value;
                Edge?.Invoke(Pin, value);
            }
        }

        public bool Read()
        {
            Reads++;
            return _level;
        }
    }

    /// <summary>Virtual clock: Delay advances time and is recorded, nothing sleeps.</summary>
    public sealed class FakeClock : IClock
    {
        public long NowMs { get; set; }
        public List<int> Delays { get; } = new List<int>();

        public void Delay(int milliseconds)
        {
            Delays.Add(milliseconds);
            NowMs += milliseconds;
        }
    }

    /// <summary>PWM channel that records frequency, duty and run state changes as text ("f=1000", "d=500", "start", "stop").</summary>
    public sealed class RecordingPwm : IPwmOutput
    {
        public int Frequency { get; private set; }
        public int Duty { get; private set; }
        public bool Running { get; private set; }
        public List<string> Log { get; } = new List<string>();

        public void SetFrequency(int hertz) { Frequency = hertz; Log.Add("f=" + hertz); }
        public void SetDutyPerMille(int duty) { Duty = duty; Log.Add("d=" + duty); }
        public void Start() { Running = true; Log.Add("start"); }
        public void Stop() { Running = false; Log.Add("stop"); }
    }
}
