using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using DeskPhone.Hil.Tests;
using Xunit;

namespace DeskPhone.Peers.Tests
{
    /// <summary>The simulator takes its clock from chronyd when ntp_server is set: statuses and the drawn status line.</summary>
    public class SimulatorTimeTests
    {
        private static bool Active(PhoneUnderTest phone, string id) =>
            phone.Status().GetProperty("active").EnumerateArray().Any(s => s.GetProperty("id").GetString() == id);

        private static string ScreenStatusLine(PhoneUnderTest phone) =>
            phone.Screen().Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith("[status]"));

        private static string Clock(DateTime t) =>
            "[status] " + t.ToString("ddd dd.MM. HH:mm", CultureInfo.InvariantCulture);

        [SkippableFact]
        public void TheStatusLineShowsTheServersTimeInTheConfiguredZone()
        {
            Skip.IfNot(File.Exists(Chrony.Binary), Chrony.Missing);
            using var phone = PhoneUnderTest.Simulator("");
            // The clock alone on the status line: the password reminders blocked, nothing shown directly.
            phone.Set("status_msgs_that_are_blocked", "PhoneHasNoAdminPassword PhoneHasNoHttpPassword");
            phone.Set("status_msgs_that_show_directly", "");
            // Ten hours east of this machine's UTC, so the host's own clock cannot pass for the server's.
            phone.Set("timezone_offset_minutes", "600");

            using var silent = new Chrony();
            silent.Stop();
            phone.Set("ntp_server", silent.Server);
            Assert.True(phone.WaitFor(() => Active(phone, "PhoneWaitsOnNtpServer"), a => a), "PhoneWaitsOnNtpServer not raised");
            // No time yet: the status line is empty, not the host's clock.
            Assert.Equal("[status]", phone.WaitFor(() => ScreenStatusLine(phone).TrimEnd(), l => l == "[status]"));

            using var chrony = new Chrony();
            phone.Set("ntp_server", chrony.Server);
            Assert.False(phone.WaitFor(() => Active(phone, "PhoneWaitsOnNtpServer"), a => !a, 30000),
                "no answer from chronyd; its log:\n" + chrony.Log);
            Assert.False(Active(phone, "PhoneCannotReachNtpServer"));
            string shown = phone.WaitFor(() => ScreenStatusLine(phone), l => l != null && l.Length > 9);
            DateTime local = DateTime.UtcNow.AddMinutes(600);
            // The minute may turn between the phone's drawing and this line.
            Assert.Contains(shown, new[] { Clock(local), Clock(local.AddMinutes(-1)) });
        }

        /// <summary>
        /// Two servers: a dead port first, then chronyd. The phone waits on the first (PhoneWaitsOnNtpServer), moves on
        /// to chronyd and takes its time, in a named zone with daylight saving (JPN+9 has none, so the expected clock
        /// does not depend on the date the test runs).
        /// </summary>
        [SkippableFact]
        public void ADeadServerIsPassedOverForTheNextInTheList()
        {
            Skip.IfNot(File.Exists(Chrony.Binary), Chrony.Missing);
            using var phone = PhoneUnderTest.Simulator("");
            phone.Set("status_msgs_that_are_blocked", "PhoneHasNoAdminPassword PhoneHasNoHttpPassword");
            phone.Set("status_msgs_that_show_directly", "");
            phone.Set("timezone", "JPN+9");
            using var dead = new Chrony();
            dead.Stop();
            using var chrony = new Chrony();

            phone.Set("ntp_server", dead.Server + " " + chrony.Server);
            Assert.True(phone.WaitFor(() => Active(phone, "PhoneWaitsOnNtpServer"), a => a), "PhoneWaitsOnNtpServer not raised");
            Assert.False(phone.WaitFor(() => Active(phone, "PhoneWaitsOnNtpServer"), a => !a, 30000),
                "no answer from chronyd; its log:\n" + chrony.Log + "\ntime: " + phone.Get("api/time").Body);
            Assert.False(Active(phone, "PhoneCannotReachNtpServer"));
            JsonElement time = JsonDocument.Parse(phone.Get("api/time").Body).RootElement;
            Assert.Equal(("ntp", "synchronized", chrony.Server), (time.GetProperty("source").GetString(), time.GetProperty("ntpState").GetString(),
                time.GetProperty("ntpActive").GetString()));
            Assert.Equal(540, time.GetProperty("offsetMinutes").GetInt32());
            Assert.True(time.GetProperty("ntpRequests").GetInt32() >= 2);
            string shown = phone.WaitFor(() => ScreenStatusLine(phone), l => l != null && l.Length > 9);
            DateTime local = DateTime.UtcNow.AddHours(9);
            Assert.Contains(shown, new[] { Clock(local), Clock(local.AddMinutes(-1)) });

            // Both silent: unreachable once each has failed (three requests in a row).
            chrony.Stop();
            phone.Set("ntp_server", chrony.Server + "," + dead.Server);
            Assert.True(phone.WaitFor(() => Active(phone, "PhoneCannotReachNtpServer"), a => a, 30000), phone.Get("api/time").Body);
            Assert.False(Active(phone, "PhoneWaitsOnNtpServer"));
        }
    }
}
