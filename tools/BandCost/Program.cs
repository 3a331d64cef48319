using System;
using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Rendering;

namespace BandCost
{
    /// <summary>
    /// What drawing the idle screen's bands costs the interpreter on the board, without nanoFramework.Graphics: the
    /// board's own <see cref="BandedPanel"/> in front of its <see cref="Rgb565BandTarget"/> (a 320-pixel band of RGB565
    /// rows, block copies only) with the board's 8x16 font resource read through <see cref="GlyphRows"/>, fed the
    /// busiest idle screen the renderer makes: the 20-row status band and 13 lines of 40 ASCII characters, each
    /// region a fill and its text, as IdleScreen records them. The band is handed to a writer that does nothing: on
    /// the board that is one native SPI write per band. count.sh runs it with Runs.Full and Runs.Line redraws and
    /// takes the difference.
    /// </summary>
    public static class Program
    {
        private const int Width = 320;
        private const int Height = 240;
        private const int StatusHeight = 20;
        private const int LineHeight = 16;
        private const int Lines = 13;
        private const int Columns = 40;

        private static readonly string[] s_text = new string[Lines + 1];
        private static System.Resources.ResourceManager s_resources;

        public static void Main()
        {
            for (int l = 0; l <= Lines; l++)
            {
                var chars = new char[Columns];
                for (int c = 0; c < Columns; c++)
                {
                    chars[c] = (char)(0x20 + (l * 7 + c * 3) % 95);
                }
                s_text[l] = new string(chars);
            }
            s_resources = new System.Resources.ResourceManager("BandCost.Fonts", typeof(Program).Assembly);
            var glyphs = new GlyphRows(Read);
            var target = new Rgb565BandTarget(Width, Runs.BandRows, true, glyphs, glyphs, Send);
            var panel = new BandedPanel(target, Height, 64);
            for (int r = 0; r < Runs.Full; r++)
            {
                for (int l = 0; l <= Lines; l++)
                {
                    Line(panel, l);
                }
                panel.Flush(0, 0, Width, Height);
            }
            for (int r = 0; r < Runs.Line; r++)
            {
                // One line of the screen changed: its 16 rows are drawn and flushed.
                Line(panel, 5);
                panel.Flush(0, StatusHeight + 4 * LineHeight, Width, LineHeight);
            }
            Console.WriteLine("bandcost done " + panel.BandsSent.ToString());
        }

        private static void Line(BandedPanel panel, int l)
        {
            int y = l == 0 ? 0 : StatusHeight + (l - 1) * LineHeight;
            int height = l == 0 ? StatusHeight : LineHeight;
            panel.FillRect(0, y, Width, height, l == 0 ? 0x001F : 0xFFFF);
            panel.DrawText(s_text[l], 0, y + (height - LineHeight) / 2, l == 0 ? 0xFFFF : 0x0000, BitmapFont.Fixed8x16, Width);
        }

        private static byte[] Read(int offset, int count) =>
            (byte[])nanoFramework.Runtime.Native.ResourceUtility.GetObject(s_resources, FontResources.Fixed8x16, offset, count);

        private static void Send(int x, int y, int width, int height, byte[] band, int bandWidth)
        {
        }

        /// <summary>The resource generator's id for the name (as board/Display/DeviceResources.Designer.cs).</summary>
        private enum FontResources : short
        {
            Fixed8x16 = 12070,
        }
    }
}
