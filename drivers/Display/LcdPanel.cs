using System;
using DeskPhone.Drivers.Hal;

namespace DeskPhone.Drivers.Display
{
    /// <summary>
    /// Generic 4-wire SPI path for ILI9341/ILI9342/ST7789 panels: reset, initialisation, orientation, sleep,
    /// and partial window writes of RGB565 pixels (big-endian, as the controllers expect).
    /// On the reference board nanoFramework.Graphics owns the pixels; this class serves boards without a
    /// native driver and documents the exact command sequence.
    /// </summary>
    public sealed class LcdPanel
    {
        private const int ResetPulseMs = 10;
        private const int ResetRecoveryMs = 120;
        private const int SleepOutMs = 120;

        private readonly ISpiBus _spi;
        private readonly IDigitalOutput _dc;
        private readonly IDigitalOutput _reset;
        private readonly IClock _clock;
        private readonly PanelSpec _spec;
        private readonly bool _inverted;
        private readonly byte[] _cmd = new byte[1];
        private readonly byte[] _args = new byte[4];
        private readonly byte[] _line = new byte[64];
        private int _rotation;

        /// <param name="reset">Reset pin (active low) or null when the panel shares the board reset.</param>
        /// <param name="inverted">Panels glued with inverted colour filters (common on ST7789 and the M5Stack Core's ILI9342C) need INVON.</param>
        public LcdPanel(ISpiBus spi, IDigitalOutput dc, IDigitalOutput reset, IClock clock, PanelSpec spec, bool inverted)
        {
            if (spi == null || dc == null || clock == null || spec == null)
            {
                throw new ArgumentNullException("spi/dc/clock/spec");
            }
            _spi = spi;
            _dc = dc;
            _reset = reset;
            _clock = clock;
            _spec = spec;
            _inverted = inverted;
        }

        public PanelModel Model
        {
            get { return _spec.Model; }
        }

        /// <summary>0..3 = 0, 90, 180, 270 degrees.</summary>
        public int Rotation
        {
            get { return _rotation; }
        }

        public int Width
        {
            get { return (_rotation & 1) == 0 ? _spec.NativeWidth : _spec.NativeHeight; }
        }

        public int Height
        {
            get { return (_rotation & 1) == 0 ? _spec.NativeHeight : _spec.NativeWidth; }
        }

        /// <summary>Hardware (or software) reset, wake, RGB565, orientation, inversion, display on.</summary>
        public void Initialize(int rotation)
        {
            if (_reset != null)
            {
                _reset.Write(false);
                _clock.Delay(ResetPulseMs);
                _reset.Write(true);
            }
            else
            {
                Command(PanelCommand.SoftwareReset, 0);
            }
            _clock.Delay(ResetRecoveryMs);
            Command(PanelCommand.SleepOut, 0);
            _clock.Delay(SleepOutMs);
            _args[0] = PanelCommand.Rgb565;
            Command(PanelCommand.PixelFormat, 1);
            SetRotation(rotation);
            Command(_inverted ? PanelCommand.InversionOn : PanelCommand.InversionOff, 0);
            Command(PanelCommand.DisplayOn, 0);
        }

        public void SetRotation(int rotation)
        {
            if (rotation < 0 || rotation > 3)
            {
                throw new ArgumentOutOfRangeException("rotation", "0..3");
            }
            _rotation = rotation;
            _args[0] = _spec.Madctl[rotation];
            Command(PanelCommand.MemoryAccessControl, 1);
        }

        /// <summary>Display off and sleep in: the controller draws microamps; backlight is separate.</summary>
        public void Sleep()
        {
            Command(PanelCommand.DisplayOff, 0);
            Command(PanelCommand.SleepIn, 0);
        }

        public void Wake()
        {
            Command(PanelCommand.SleepOut, 0);
            _clock.Delay(SleepOutMs);
            Command(PanelCommand.DisplayOn, 0);
        }

        /// <summary>Selects a window in the current orientation and starts a memory write (CASET, RASET, RAMWR).</summary>
        public void SetWindow(int x, int y, int width, int height)
        {
            if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > Width || y + height > Height)
            {
                throw new ArgumentOutOfRangeException("window", "outside the panel");
            }
            int x0 = x + _spec.ColumnOffset;
            int y0 = y + _spec.RowOffset;
            Range(PanelCommand.ColumnAddressSet, x0, x0 + width - 1);
            Range(PanelCommand.RowAddressSet, y0, y0 + height - 1);
            Command(PanelCommand.MemoryWrite, 0);
        }

        /// <summary>Pixel data for the window set last (2 bytes per pixel, high byte first).</summary>
        public void WritePixels(byte[] data, int offset, int count)
        {
            _dc.Write(true);
            _spi.Write(data, offset, count);
        }

        /// <summary>Fills a rectangle with one RGB565 colour in chunks of a small fixed buffer.</summary>
        public void Fill(int x, int y, int width, int height, ushort rgb565)
        {
            SetWindow(x, y, width, height);
            for (int i = 0; i < _line.Length; i += 2)
            {
                _line[i] = (byte)(rgb565 >> 8);
                _line[i + 1] = (byte)rgb565;
            }
            int remaining = width * height * 2;
            _dc.Write(true);
            while (remaining > 0)
            {
                int n = remaining < _line.Length ? remaining : _line.Length;
                _spi.Write(_line, 0, n);
                remaining -= n;
            }
        }

        private void Range(byte command, int start, int end)
        {
            _args[0] = (byte)(start >> 8);
            _args[1] = (byte)start;
            _args[2] = (byte)(end >> 8);
            _args[3] = (byte)end;
            Command(command, 4);
        }

        private void Command(byte command, int argCount)
        {
            _cmd[0] = command;
            _dc.Write(false);
            _spi.Write(_cmd, 0, 1);
            if (argCount > 0)
            {
                _dc.Write(true);
                _spi.Write(_args, 0, argCount);
            }
        }
    }
}
