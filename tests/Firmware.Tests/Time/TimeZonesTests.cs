using System;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Time;
using Xunit;

namespace DeskPhone.Firmware.Tests.Time
{
    /// <summary>The named zones (timezone) and their daylight saving, the second before and after each change.</summary>
    public class TimeZonesTests
    {
        private static string Local(string zone, DateTime utc)
        {
            var settings = new SettingsStore();
            Assert.Null(settings.Set("timezone", 0, zone));
            int index = TimeZones.Find(settings.Get("timezone"));
            return utc.AddMinutes(TimeZones.OffsetAt(index, utc)).ToString("yyyy-MM-dd HH:mm:ss");
        }

        private static DateTime Utc(int month, int day, int hour, int minute, int second) => new DateTime(2026, month, day, hour, minute, second);

        [Theory]
        // EU: the last Sunday of March (29 March 2026) and of October (25 October 2026), both at 01:00 UTC.
        [InlineData("GER+1", 3, 29, 0, 59, 59, "2026-03-29 01:59:59")]
        [InlineData("GER+1", 3, 29, 1, 0, 0, "2026-03-29 03:00:00")]
        [InlineData("GER+1", 10, 25, 0, 59, 59, "2026-10-25 02:59:59")]
        [InlineData("GER+1", 10, 25, 1, 0, 0, "2026-10-25 02:00:00")]
        [InlineData("GBR-0", 3, 29, 0, 59, 59, "2026-03-29 00:59:59")]
        [InlineData("GBR-0", 3, 29, 1, 0, 0, "2026-03-29 02:00:00")]
        [InlineData("FIN+2", 10, 25, 0, 59, 59, "2026-10-25 03:59:59")]
        [InlineData("FIN+2", 10, 25, 1, 0, 0, "2026-10-25 03:00:00")]
        // US: the second Sunday of March (8 March 2026) at 02:00 standard, the first of November (1 November) at 02:00 daylight.
        [InlineData("USA-5", 3, 8, 6, 59, 59, "2026-03-08 01:59:59")]
        [InlineData("USA-5", 3, 8, 7, 0, 0, "2026-03-08 03:00:00")]
        [InlineData("USA-5", 11, 1, 5, 59, 59, "2026-11-01 01:59:59")]
        [InlineData("USA-5", 11, 1, 6, 0, 0, "2026-11-01 01:00:00")]
        [InlineData("USA-8", 3, 8, 9, 59, 59, "2026-03-08 01:59:59")]
        [InlineData("USA-8", 3, 8, 10, 0, 0, "2026-03-08 03:00:00")]
        [InlineData("USA-8", 11, 1, 8, 59, 59, "2026-11-01 01:59:59")]
        [InlineData("USA-8", 11, 1, 9, 0, 0, "2026-11-01 01:00:00")]
        [InlineData("CAN-3.5", 7, 1, 12, 0, 0, "2026-07-01 09:30:00")]
        // No daylight saving.
        [InlineData("USA2-7", 7, 1, 12, 0, 0, "2026-07-01 05:00:00")]
        [InlineData("IND+5.5", 7, 1, 12, 0, 0, "2026-07-01 17:30:00")]
        [InlineData("JPN+9", 1, 1, 12, 0, 0, "2026-01-01 21:00:00")]
        public void LocalTimeAroundEachChange(string zone, int month, int day, int hour, int minute, int second, string local) =>
            Assert.Equal(local, Local(zone, Utc(month, day, hour, minute, second)));

        [Fact]
        public void AnUnknownNameIsRefusedAndTheZoneStays()
        {
            var settings = new SettingsStore();
            Assert.Null(settings.Set("timezone", 0, "ger+1"));
            Assert.Equal("GER+1", settings.Get("timezone"));
            string error = settings.Set("timezone", 0, "XYZ+1");
            Assert.Contains("'XYZ+1' is not one of", error);
            Assert.Equal("GER+1", settings.Get("timezone"));
        }

        [Fact]
        public void EveryNameHasAnOffsetAndARule()
        {
            string[] names = TimeZones.Names.Split(' ');
            for (int i = 0; i < names.Length; i++)
            {
                Assert.Equal(i, TimeZones.Find(names[i]));
                // The name says the standard offset: "GER+1" is 60, "CAN-3.5" -210, "USA2-7" -420.
                string hours = names[i].Substring(names[i].IndexOfAny(new[] { '+', '-' }));
                int expected = (int)Math.Round(double.Parse(hours, System.Globalization.CultureInfo.InvariantCulture) * 60);
                Assert.Equal(expected, TimeZones.OffsetAt(i, new DateTime(2026, 1, 15, 12, 0, 0)));
            }
        }
    }
}
