using System;

namespace BandCost
{
    /// <summary>
    /// What drawing the idle screen's bands without nanoFramework.Graphics would cost the interpreter: a 320-pixel
    /// band of RGB565 rows in a managed array, text expanded from 1-bit glyph rows through a 16-entry pattern table
    /// of the colour pair (two native Array.Copy calls per 8-pixel glyph row, nothing pixel by pixel), fills by
    /// doubling copies. The screen is the busiest idle screen the renderer makes: the 20-row status band and
    /// 13 lines of 40 characters in the 8x16 font, each band replaying the calls that reach into it as
    /// BandedPanel does. count.sh runs it with Runs.Full and Runs.Line redraws and takes the difference.
    /// </summary>
    public static class Program
    {
        private const int Width = 320;
        private const int Height = 240;
        private const int StatusHeight = 20;
        private const int LineHeight = 16;
        private const int Lines = 13;
        private const int Columns = 40;

        private static byte[] s_band;
        private static readonly byte[] s_glyphs = new byte[95 * LineHeight];
        private static readonly byte[] s_patterns = new byte[16 * 8];
        private static int s_fg = -1;
        private static int s_bg = -1;
        private static readonly string[] s_text = new string[Lines + 1];

        public static void Main()
        {
            s_band = new byte[Width * Runs.BandRows * 2];
            for (int i = 0; i < s_glyphs.Length; i++)
            {
                s_glyphs[i] = (byte)(i * 37 + 11);
            }
            for (int l = 0; l <= Lines; l++)
            {
                var chars = new char[Columns];
                for (int c = 0; c < Columns; c++)
                {
                    chars[c] = (char)(0x20 + (l * 7 + c * 3) % 95);
                }
                s_text[l] = new string(chars);
            }
            for (int r = 0; r < Runs.Full; r++)
            {
                Redraw(0, Height);
            }
            for (int r = 0; r < Runs.Line; r++)
            {
                // One line of the screen changed: its 16 rows are flushed.
                Redraw(StatusHeight + 5 * LineHeight, LineHeight);
            }
            Console.WriteLine("bandcost done " + s_band[100].ToString());
        }

        private static void Redraw(int y, int height)
        {
            for (int top = y; top < y + height; top += Runs.BandRows)
            {
                int rows = y + height - top < Runs.BandRows ? y + height - top : Runs.BandRows;
                // The status band, then the lines: each a fill of its row and its text, as IdleScreen records them.
                for (int l = 0; l <= Lines; l++)
                {
                    int ly = l == 0 ? 0 : StatusHeight + (l - 1) * LineHeight;
                    int lh = l == 0 ? StatusHeight : LineHeight;
                    if (ly < top + rows && ly + lh > top)
                    {
                        Fill(0, ly - top, Width, lh, rows, l == 0 ? 0x001F : 0xFFFF);
                        Text(s_text[l], 0, ly - top + (lh - LineHeight) / 2, rows, l == 0 ? 0xFFFF : 0x0000, l == 0 ? 0x001F : 0xFFFF);
                    }
                }
                // Here the board would send rows x width of the band to the panel (one native SPI write).
            }
        }

        private static void Fill(int x, int y, int width, int height, int rows, int color)
        {
            int from = y < 0 ? 0 : y;
            int to = y + height > rows ? rows : y + height;
            if (from >= to)
            {
                return;
            }
            int start = (from * Width + x) * 2;
            s_band[start] = (byte)(color >> 8);
            s_band[start + 1] = (byte)color;
            int done = 2;
            int bytes = width * 2;
            while (done < bytes)
            {
                int n = done < bytes - done ? done : bytes - done;
                Array.Copy(s_band, start, s_band, start + done, n);
                done += n;
            }
            for (int r = from + 1; r < to; r++)
            {
                Array.Copy(s_band, start, s_band, (r * Width + x) * 2, bytes);
            }
        }

        private static void Text(string text, int x, int y, int rows, int fg, int bg)
        {
            if (fg != s_fg || bg != s_bg)
            {
                Patterns(fg, bg);
            }
            char[] chars = text.ToCharArray();
            int from = y < 0 ? 0 : y;
            int to = y + LineHeight > rows ? rows : y + LineHeight;
            for (int i = 0; i < chars.Length; i++)
            {
                int glyph = (chars[i] - 0x20) * LineHeight;
                int at = (x + i * 8) * 2;
                for (int r = from; r < to; r++)
                {
                    int bits = s_glyphs[glyph + r - y];
                    int o = r * Width * 2 + at;
                    Array.Copy(s_patterns, (bits >> 4) * 8, s_band, o, 8);
                    Array.Copy(s_patterns, (bits & 15) * 8, s_band, o + 8, 8);
                }
            }
        }

        private static void Patterns(int fg, int bg)
        {
            for (int n = 0; n < 16; n++)
            {
                for (int p = 0; p < 4; p++)
                {
                    int c = (n & (8 >> p)) != 0 ? fg : bg;
                    s_patterns[n * 8 + p * 2] = (byte)(c >> 8);
                    s_patterns[n * 8 + p * 2 + 1] = (byte)c;
                }
            }
            s_fg = fg;
            s_bg = bg;
        }
    }
}
