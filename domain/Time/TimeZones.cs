using System;

namespace DeskPhone.Domain.Time
{
    /// <summary>
    /// The named time zones of the <c>timezone</c> setting, as Snom phones name them (country code, sign and standard
    /// hours: <c>GER+1</c>, <c>USA-5</c>, <c>IND+5.5</c>), each with its daylight-saving rule: the EU's (from the last
    /// Sunday of March to the last Sunday of October, both at 01:00 UTC), the US and Canada's (from the second Sunday of
    /// March at 02:00 local standard time to the first Sunday of November at 02:00 local daylight time), or none. A
    /// bounded table in code (no allocation when read); a name it does not hold is refused by the settings store.
    /// </summary>
    public static class TimeZones
    {
        public const int NoDst = 0;
        public const int EuDst = 1;
        public const int UsDst = 2;

        /// <summary>The names, space-separated, in the order the web interface lists them (the setting's choices).</summary>
        public const string Names =
            "USA-10 USA-9 USA-8 USA-7 USA2-7 USA-6 USA-5 CAN-8 CAN-7 CAN-6 CAN-5 CAN-4 CAN-3.5 BRA-3 " +
            "GBR-0 IRL-0 POR-0 ISL-0 " +
            "GER+1 AUT+1 BEL+1 CHE+1 CZE+1 DNK+1 ESP+1 FRA+1 HRV+1 HUN+1 ITA+1 LUX+1 NLD+1 NOR+1 POL+1 SVK+1 SVN+1 SWE+1 " +
            "BGR+2 EST+2 FIN+2 GRC+2 LTU+2 LVA+2 ROU+2 UKR+2 ZAF+2 " +
            "RUS+3 TUR+3 ARE+4 IND+5.5 THA+7 CHN+8 SGP+8 JPN+9 KOR+9";

        // Per name, in the order of Names, one character each (text constants, not static arrays: nanoFramework builds
        // every static array at boot and keeps it, 240 B for these two): the standard offset in half hours from UTC-10
        // ('0' + (minutes east of UTC + 600) / 30), and the rule (NoDst '0', EuDst '1', UsDst '2').
        private const string OffsetSteps = "024668:468:<=>DDDDFFFFFFFFFFFFFFFFFFHHHHHHHHHJJLORTTVV";
        private const string RuleDigits = "022202222222201110111111111111111111111111110000000000";

        /// <summary>
        /// The zone's position in the table, or -1 (empty or unknown: not a named zone). Splits the names for the
        /// look-up and keeps nothing: the phone looks a zone up when the setting changes, not per read.
        /// </summary>
        public static int Find(string name)
        {
            if (name == null || name.Length == 0)
            {
                return -1;
            }
            string[] names = Names.Split(' ');
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] == name)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>Minutes east of UTC of zone <paramref name="zone"/> (a <see cref="Find"/> result) at the instant <paramref name="utc"/>, daylight saving included.</summary>
        public static int OffsetAt(int zone, DateTime utc)
        {
            int standard = (OffsetSteps[zone] - '0') * 30 - 600;
            return IsDaylight(RuleDigits[zone] - '0', standard, utc) ? standard + 60 : standard;
        }

        /// <summary>Whether daylight saving time is in force at <paramref name="utc"/> under the rule.</summary>
        public static bool IsDaylight(int rule, int standardMinutes, DateTime utc)
        {
            int year = utc.Year;
            DateTime start;
            DateTime end;
            if (rule == EuDst)
            {
                start = LastSunday(year, 3).AddHours(1);
                end = LastSunday(year, 10).AddHours(1);
            }
            else if (rule == UsDst)
            {
                // 02:00 local standard time, 02:00 local daylight time, as UTC.
                start = NthSunday(year, 3, 2).AddMinutes(120 - standardMinutes);
                end = NthSunday(year, 11, 1).AddMinutes(120 - standardMinutes - 60);
            }
            else
            {
                return false;
            }
            return utc >= start && utc < end;
        }

        private static DateTime LastSunday(int year, int month)
        {
            DateTime last = new DateTime(year, month, DateTime.DaysInMonth(year, month));
            return last.AddDays(-(int)last.DayOfWeek);
        }

        private static DateTime NthSunday(int year, int month, int n)
        {
            DateTime first = new DateTime(year, month, 1);
            int toSunday = (7 - (int)first.DayOfWeek) % 7;
            return first.AddDays(toSunday + 7 * (n - 1));
        }
    }
}
