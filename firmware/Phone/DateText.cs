using System;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// Pieces of a date as text, by hand: nanoFramework formats numbers only with D, F, G, N and X and has no culture
    /// data. Names as code, not static arrays: nanoFramework runs every static initialiser at boot, so an array of
    /// literals would take heap from the start; a literal returned from code keeps its text in flash.
    /// </summary>
    // Part of NetworkTime (partial, a file each): a type of its own is 8 B of runtime tables (h-firmslim).
    public sealed partial class NetworkTime
    {
        public static string Day(int dayOfWeek)
        {
            // One exit: a return per case made nanoFramework's MetadataProcessor count a stack slot per case in the
            // frame of every call (docs/benchmarks.md, h-frames).
            string day;
            switch (dayOfWeek)
            {
                case 0: day = "Sun"; break;
                case 1: day = "Mon"; break;
                case 2: day = "Tue"; break;
                case 3: day = "Wed"; break;
                case 4: day = "Thu"; break;
                case 5: day = "Fri"; break;
                case 6: day = "Sat"; break;
                default: day = ""; break;
            }
            return day;
        }

        /// <summary>
        /// The status line's date and time, "Tue 24.11. 10:15": day and month as numbers, as Snom phones show them
        /// with <c>date_us_format</c> off (the default), the same in the picture and in its text description.
        /// </summary>
        public static string Clock(DateTime t)
        {
            return Day((int)t.DayOfWeek) + " " + Two(t.Day) + "." + Two(t.Month) + ". " + Two(t.Hour) + ":" + Two(t.Minute);
        }

        /// <summary>ISO 8601 without a zone, "2026-12-03 14:05:09": the bench's and the logs' form.</summary>
        public static string Iso(DateTime t)
        {
            return t.Year.ToString() + "-" + Two(t.Month) + "-" + Two(t.Day) + " " + Two(t.Hour) + ":" + Two(t.Minute) + ":" + Two(t.Second);
        }

        /// <summary>Two digits, leading zero.</summary>
        public static string Two(int n) => n < 10 ? "0" + n.ToString() : n.ToString();
    }
}
