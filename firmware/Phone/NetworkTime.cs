using System;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Domain.Time;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// The phone's clock. With <c>ntp_server</c> set, the time is the SNTP client's (<see cref="SntpClient"/>) and is
    /// unknown until the server first answers; PhoneWaitsOnNtpServer shows until then and PhoneCannotReachNtpServer
    /// when requests go unanswered. Without a server, the caller's clock (the board's RTC, the host's clock) is the
    /// time, known when it has been set at all (a year from 2000 on: an ESP32's RTC starts in 1970).
    /// </summary>
    public sealed partial class NetworkTime
    {
        /// <summary>Earlier than this, a clock has never been set.</summary>
        private const int FirstYear = 2000;

        private readonly PhoneCore _phone;
        private readonly WallClock _callerClock;
        /// <summary>The named zone of <c>timezone</c> (a <see cref="TimeZones"/> position), -1 for none: looked up on change, not per read.</summary>
        private int _zone;

        /// <param name="channel">The UDP channel for SNTP; null: no network time (tests without sockets).</param>
        /// <param name="callerClock">Local time from the caller (board or host), used while no NTP server is set; null: none.</param>
        public NetworkTime(PhoneCore phone, INtpChannel channel, WallClock callerClock)
        {
            _phone = phone;
            _callerClock = callerClock;
            _zone = TimeZones.Find(phone.Settings.Get(SettingNames.Timezone));
            if (channel != null)
            {
                Client = new SntpClient(channel);
                Client.StateChanged += OnStateChanged;
            }
            if (Client != null)
            {
                Configure();
            }
        }

        /// <summary>A setting changed (from the composition root's one handler, PhoneApp.OnSettingChanged).</summary>
        internal void OnSettingChanged(string name)
        {
            if (name == SettingNames.Timezone)
            {
                _zone = TimeZones.Find(_phone.Settings.Get(SettingNames.Timezone));
            }
            else if (Client != null && (name == SettingNames.NtpServer || name == SettingNames.NtpRefreshTimer))
            {
                Configure();
            }
        }

        /// <summary>The SNTP client; null when the phone has no channel for it.</summary>
        public readonly SntpClient Client;

        /// <summary>Whether <see cref="Local"/> is a real time (the status line shows no clock until it is).</summary>
        public bool Known => UsesNtp ? Client.TimeKnown : _callerClock != null && _callerClock().Year >= FirstYear;

        /// <summary>"ntp" (the server's), "clock" (the caller's) or "none" (not known yet): what the bench shows (GET /api/time).</summary>
        public string Source => !Known ? "none" : UsesNtp ? "ntp" : "clock";

        /// <summary>Local date and time; when not <see cref="Known"/>, DateTime.MinValue.</summary>
        public DateTime Local()
        {
            if (UsesNtp)
            {
                return Client.TimeKnown ? ToLocal(Client.UtcAt(_phone.Now)) : DateTime.MinValue;
            }
            DateTime t = _callerClock == null ? DateTime.MinValue : _callerClock();
            return t.Year >= FirstYear ? t : DateTime.MinValue;
        }

        /// <summary>
        /// Local time of <paramref name="utc"/>: in the named zone of <c>timezone</c> with its daylight saving, else
        /// (empty) UTC plus <c>timezone_offset_minutes</c>. The board's own clock (its RTC keeps UTC) is read through this too.
        /// </summary>
        public DateTime ToLocal(DateTime utc) => utc.AddMinutes(OffsetAt(utc));

        /// <summary>Minutes east of UTC at <paramref name="utc"/>, daylight saving included.</summary>
        public int OffsetAt(DateTime utc) =>
            _zone >= 0 ? TimeZones.OffsetAt(_zone, utc) : _phone.Settings.GetInt(SettingNames.TimezoneOffsetMinutes);

        /// <summary>Minutes east of UTC in force now (what the bench shows beside the zone).</summary>
        public int OffsetNow() => OffsetAt(UsesNtp && Client.TimeKnown ? Client.UtcAt(_phone.Now) : DateTime.UtcNow);

        /// <summary>From the main loop.</summary>
        public void Poll(long nowMs)
        {
            if (Client != null)
            {
                Client.Poll(nowMs);
            }
        }

        private bool UsesNtp => Client != null && Client.State != SntpClient.Off;

        private void Configure() =>
            Client.Configure(_phone.Settings.Get(SettingNames.NtpServer), _phone.Settings.GetInt(SettingNames.NtpRefreshTimer), _phone.Now);

        private void OnStateChanged(int state)
        {
            _phone.Statuses.Set(StatusId.PhoneWaitsOnNtpServer, state == SntpClient.Waiting, "ntp", _phone.Now);
            _phone.Statuses.Set(StatusId.PhoneCannotReachNtpServer, state == SntpClient.Unreachable, "ntp", _phone.Now);
        }
    }
}
