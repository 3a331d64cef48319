using System.Collections.Generic;
using DeskPhone.Drivers.Leds;

namespace DeskPhone.Host.Simulated
{
    /// <summary>LED sink for tests and the simulator: current colour of every LED and one log line per change.</summary>
    public sealed class RecordingLedSink : ILedSink
    {
        private readonly LedColor[] _colors;

        public RecordingLedSink(int count) { _colors = new LedColor[count]; }

        public int Commits { get; private set; }
        public List<string> Changes { get; } = new List<string>();

        public LedColor this[int index] => _colors[index];

        public void Show(int index, LedColor color)
        {
            _colors[index] = color;
            Changes.Add(index + "=" + color);
        }

        public void Commit() => Commits++;
    }

    /// <summary>RGB strip in memory.</summary>
    public sealed class FakeRgbStrip : IRgbStrip
    {
        private readonly (byte R, byte G, byte B)[] _pixels;

        public FakeRgbStrip(int length) { _pixels = new (byte, byte, byte)[length]; }

        public int Length => _pixels.Length;
        public int Updates { get; private set; }
        public (byte R, byte G, byte B) this[int index] => _pixels[index];

        public void SetPixel(int index, byte red, byte green, byte blue) => _pixels[index] = (red, green, blue);
        public void Update() => Updates++;
    }
}
