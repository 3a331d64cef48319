namespace DeskPhone.Host.Panel
{
    /// <summary>
    /// What the panel's glass shows: only what was flushed to it, from a full frame or from a band, with the bytes
    /// that cost on the bus (2 per pixel in colour, 1 bit in monochrome).
    /// </summary>
    public sealed class Rgb565Glass
    {
        private readonly ushort[] _pixels;

        public Rgb565Glass(int width, int height, bool isColor)
        {
            Width = width;
            Height = height;
            IsColor = isColor;
            _pixels = new ushort[width * height];
        }

        public int Width { get; }
        public int Height { get; }
        public bool IsColor { get; }

        /// <summary>Bytes sent since the last <see cref="ResetCounters"/> (a monochrome panel's pixels counted as bits and
        /// summed before the division, so a rectangle sent in bands counts as the same rectangle sent whole).</summary>
        public long FlushedBytes => IsColor ? _pixels2 : _pixels2 / 16;

        // Pixels sent, twice (a colour pixel's two bytes; a monochrome panel's bytes are these / 16).
        private long _pixels2;
        public int Flushes { get; private set; }

        public void ResetCounters()
        {
            _pixels2 = 0;
            Flushes = 0;
        }

        /// <summary>Copies the source's columns x..x+width-1 of rows srcY.. to the glass at (x, screenY).</summary>
        public void Receive(Rgb565Canvas source, int x, int srcY, int width, int height, int screenY)
        {
            Flushes++;
            _pixels2 += (long)width * height * 2;
            int columns = System.Math.Min(width, Width - x);
            for (int row = 0; row < height && screenY + row < Height && srcY + row < source.Height; row++)
            {
                System.Array.Copy(source.Pixels, (srcY + row) * source.Width + x, _pixels, (screenY + row) * Width + x, columns);
            }
        }

        public ushort Pixel(int x, int y) => _pixels[y * Width + x];

        public byte[] ToPng() => PngWriter.Rgb565(Width, Height, _pixels);
    }
}
