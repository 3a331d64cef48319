using DeskPhone.Drivers;
using DeskPhone.Drivers.Hal;
using DeskPhone.Drivers.Leds;

namespace DeskPhone.Boot
{
    /// <summary>A GPIO input that reads a level the script sets (released buttons read high).</summary>
    internal sealed class FakeInput : IDigitalInput
    {
        public FakeInput(int pin)
        {
            Pin = pin;
            Level = true;
        }

        public int Pin { get; }
        public bool Level;

        public bool Read()
        {
            return Level;
        }

        // Nothing raises edges: the drivers poll.
#pragma warning disable 67
        public event NumberFlagHandler Edge;
#pragma warning restore 67
    }

    /// <summary>A GPIO output (the panel's reset and data/command lines) that keeps its last level.</summary>
    internal sealed class FakeOutput : IDigitalOutput
    {
        public bool Level;

        public void Write(bool high)
        {
            Level = high;
        }
    }

    /// <summary>
    /// The keypad's MCP23017 on its I2C bus: takes every register write, and port B reads all high (no key down, the
    /// columns pulled up), so the board's own expander driver scans it.
    /// </summary>
    internal sealed class FakeKeypadChip : II2cDevice
    {
        public void Write(byte[] data, int offset, int count)
        {
        }

        public void WriteRead(byte[] write, int writeOffset, int writeCount, byte[] read, int readOffset, int readCount)
        {
            for (int i = 0; i < readCount; i++)
            {
                read[readOffset + i] = 0xFF;
            }
        }
    }

    /// <summary>A PWM channel (backlight, speaker) that keeps its duty.</summary>
    internal sealed class FakePwm : IPwmOutput
    {
        public int Hertz;
        public int Duty;
        public bool Running;

        public void SetFrequency(int hertz)
        {
            Hertz = hertz;
        }

        public void SetDutyPerMille(int duty)
        {
            Duty = duty;
        }

        public void Start()
        {
            Running = true;
        }

        public void Stop()
        {
            Running = false;
        }
    }

    /// <summary>A UART with nothing on the other end (expansion chain, HID bridge): reads nothing, counts what is written.</summary>
    internal sealed class FakeUart : IUart
    {
        public int Written;

        public int Read(byte[] buffer, int offset, int count)
        {
            return 0;
        }

        public void Write(byte[] data, int offset, int count)
        {
            Written += count;
        }
    }

    /// <summary>The LED strip's RMT channel (board/Drivers/RmtStripOutput): counts the updates and the items sent.</summary>
    internal sealed class RecordingRmtOutput : IRmtOutput
    {
        public int Updates;
        public int Bytes;

        public void Send(byte[] items)
        {
            Updates++;
            Bytes += items.Length;
        }
    }
}
