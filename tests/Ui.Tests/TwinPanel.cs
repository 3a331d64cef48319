using System;
using DeskPhone.Host.Panel;
using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Ui.Tests
{
    /// <summary>
    /// Draws every call on the host's full-frame software panel and on a banded panel in front of a band target, to
    /// compare their glass pixel for pixel: the host's one-band canvas (<see cref="SoftwareBandTarget"/>, whose bytes
    /// flushed are compared too) or any other target with a reader of the glass it sends to.
    /// </summary>
    internal sealed class TwinPanel : IPanel
    {
        private readonly Func<int, int, ushort> _glass;
        private readonly Func<int> _writes;

        public TwinPanel(DisplayProfile profile, int bandHeight, int capacity)
        {
            Full = new SoftwarePanel(profile);
            Bands = new SoftwareBandTarget(profile, bandHeight);
            Banded = new BandedPanel(Bands, profile.Height, capacity);
            _glass = Bands.Pixel;
        }

        /// <param name="glass">The pixel (x, y) the target has sent to its glass.</param>
        /// <param name="writes">How many times the target has sent (checked non-zero, as a stand-in for the byte count).</param>
        public TwinPanel(DisplayProfile profile, IBandTarget target, Func<int, int, ushort> glass, Func<int> writes, int capacity)
        {
            Full = new SoftwarePanel(profile);
            Banded = new BandedPanel(target, profile.Height, capacity);
            _glass = glass;
            _writes = writes;
        }

        public SoftwarePanel Full { get; }

        /// <summary>The host's band target, or null for another target.</summary>
        public SoftwareBandTarget Bands { get; }

        public BandedPanel Banded { get; }

        public int Width => Full.Width;
        public int Height => Full.Height;
        public bool IsColor => Full.IsColor;

        public ushort Glass(int x, int y) => _glass(x, y);

        public void FillRect(int x, int y, int width, int height, int color)
        {
            Full.FillRect(x, y, width, height, color);
            Banded.FillRect(x, y, width, height, color);
        }

        public void DrawText(string text, int x, int y, int color, BitmapFont font, int maxWidth)
        {
            Full.DrawText(text, x, y, color, font, maxWidth);
            Banded.DrawText(text, x, y, color, font, maxWidth);
        }

        public void DrawIcon(int icon, int x, int y)
        {
            Full.DrawIcon(icon, x, y);
            Banded.DrawIcon(icon, x, y);
        }

        public void Flush(int x, int y, int width, int height)
        {
            Full.Flush(x, y, width, height);
            Banded.Flush(x, y, width, height);
        }

        public void ResetCounters()
        {
            Full.ResetCounters();
            Bands?.ResetCounters();
        }

        public void AssertSame(string what)
        {
            if (Bands != null)
            {
                Assert.Equal(Full.FlushedBytes, Bands.FlushedBytes);
            }
            else
            {
                Assert.True(_writes() > 0, what + ": nothing was sent");
            }
            int differing = 0;
            string first = null;
            for (int y = 0; y < Height; y++)
            {
                for (int x = 0; x < Width; x++)
                {
                    if (Full.Pixel(x, y) != _glass(x, y))
                    {
                        differing++;
                        first ??= "(" + x + ", " + y + ")";
                    }
                }
            }
            Assert.True(differing == 0, what + ": " + differing + " pixels differ from the full frame, first at " + first);
        }
    }
}
