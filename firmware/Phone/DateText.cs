namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// Pieces of a date as text, by hand: nanoFramework formats numbers only with D, F, G, N and X and has no culture
    /// data. Names as code, not static arrays: nanoFramework runs every static initialiser at boot, so an array of
    /// literals would take heap from the start; a literal returned from code keeps its text in flash.
    /// </summary>
    internal static class DateText
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

        public static string Month(int month)
        {
            switch (month)
            {
                case 1: return "Jan";
                case 2: return "Feb";
                case 3: return "Mar";
                case 4: return "Apr";
                case 5: return "May";
                case 6: return "Jun";
                case 7: return "Jul";
                case 8: return "Aug";
                case 9: return "Sep";
                case 10: return "Oct";
                case 11: return "Nov";
                case 12: return "Dec";
                default: return "";
            }
        }

        /// <summary>Two digits, leading zero.</summary>
        public static string Two(int n) => n < 10 ? "0" + n.ToString() : n.ToString();
    }
}
