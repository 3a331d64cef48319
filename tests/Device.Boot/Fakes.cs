using DeskPhone.Drivers.Hal;
using DeskPhone.Drivers.Leds;
using DeskPhone.Domain.Settings;

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
        public event PinEdgeHandler Edge;
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

    /// <summary>
    /// The settings flash, as the board's FileSettingsMedium (I:\\) uses it: nothing of the provisioned settings stays in
    /// the heap between reads. The blob the script provisioned is made anew from its profile on each read
    /// (<see cref="BootProgram.Provisioned"/>: the same store, values and save, so the same bytes, checked once by
    /// <see cref="Seal"/>); what the phone writes afterwards (the call lists after a call, a settings save) is kept as
    /// written, byte for byte, until it is written again or deleted. Each read returns a copy, as File.ReadAllBytes does.
    /// </summary>
    internal sealed class FlashSettingsMedium : ISettingsMedium
    {
        // The profile whose provisioning is in _provisioned (null: a plain medium, as the provisioning's own).
        private readonly LoadProfile _profile;
        private string _provisioned;

        // The blobs written (by name), made by the first write: two slots, grown when a third name comes.
        private string[] _names;
        private byte[][] _blobs;

        public FlashSettingsMedium(LoadProfile profile)
        {
            _profile = profile;
        }

        /// <summary>
        /// Ends the provisioning: the blob it wrote is let go and from now on made anew from the profile when read.
        /// Returns whether the blob made anew is, byte for byte, the one written.
        /// </summary>
        public bool Seal()
        {
            string name = _names[0];
            byte[] written = TakeWritten();
            _provisioned = name;
            byte[] made = Read(name);
            if (made == null || made.Length != written.Length)
            {
                return false;
            }
            for (int i = 0; i < made.Length; i++)
            {
                if (made[i] != written[i])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The one blob written (the provisioning's), let go here: the medium is empty again.</summary>
        public byte[] TakeWritten()
        {
            byte[] blob = _blobs[0];
            _names = null;
            _blobs = null;
            return blob;
        }

        public byte[] Read(string name)
        {
            int i = IndexOf(name);
            if (i >= 0)
            {
                byte[] copy = new byte[_blobs[i].Length];
                System.Array.Copy(_blobs[i], copy, copy.Length);
                return copy;
            }
            return Provisioned(name) ? BootProgram.Provisioned(_profile) : null;
        }

        public void Write(string name, byte[] data, int offset, int count)
        {
            byte[] copy = new byte[count];
            System.Array.Copy(data, offset, copy, 0, count);
            if (Provisioned(name))
            {
                _provisioned = null;
            }
            if (_names == null)
            {
                _names = new string[2];
                _blobs = new byte[2][];
            }
            int i = IndexOf(name);
            if (i < 0)
            {
                i = IndexOf(null);
            }
            if (i < 0)
            {
                i = _names.Length;
                var names = new string[i * 2];
                var blobs = new byte[i * 2][];
                System.Array.Copy(_names, names, i);
                System.Array.Copy(_blobs, blobs, i);
                _names = names;
                _blobs = blobs;
            }
            _names[i] = name;
            _blobs[i] = copy;
        }

        public void Delete(string name)
        {
            if (Provisioned(name))
            {
                _provisioned = null;
            }
            int i = IndexOf(name);
            if (i >= 0)
            {
                _names[i] = null;
                _blobs[i] = null;
            }
        }

        private bool Provisioned(string name) => (object)_provisioned != null && _provisioned == name;

        /// <summary>The slot holding the name (null: a free slot), -1 for none (or nothing written yet).</summary>
        private int IndexOf(string name)
        {
            for (int i = 0; _names != null && i < _names.Length; i++)
            {
                // References first: comparing with a never-written slot (a null string) can crash nanoCLR, and the
                // conditional form of this test ((object)name == null ? ... : ...) never found a free slot there.
                object slot = _names[i];
                if (slot == null ? (object)name == null : (object)name != null && (string)slot == name)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
