using System;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// Pieces of a date as text, by hand: nanoFramework formats numbers only with D, F, G, N and X and has no culture
    /// data. Names as code, not static arrays: nanoFramework runs every static initialiser at boot, so an array of
    /// literals would take heap from the start; a literal returned from code keeps its text in flash.
    /// </summary>
    public static class DateText
    {
        public static string Day(int dayOfWeek)
        {
            switch (dayOfWeek)
            {
                case 0: return "Sun";
                case 1: return "Mon";
                case 2: return "Tue";
                case 3: return "Wed";
                case 4: return "Thu";
                case 5: return "Fri";
                case 6: return "Sat";
                default: return "";
            }
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
