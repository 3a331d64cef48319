using System;
using DeskPhone.Domain.Provisioning;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// Provisioning in the phone (docs/provisioning.md): the <see cref="ProvisioningClient"/> configured from
    /// <c>setting_server</c>, <c>prov_polling_enabled</c> and <c>prov_polling_period</c>, the daily run at
    /// <c>prov_polling_time</c> with <c>prov_polling_mode abs</c>, one run once the network is up after start, the MAC address for {mac} from the Ethernet link, and the three statuses:
    /// PhoneProvisioningStarting when a run starts, PhoneProvisioningInProgress (the retry count) while it fetches or
    /// waits for a retry, PhoneProvisioningFailed (the reason) when it ended without a document; a good run clears all three.
    /// A SIP NOTIFY <c>Event: check-sync</c> from the registrar or outbound proxy of a registered identity starts a run
    /// (<c>;reboot=true</c>: PhoneWantsReboot once it ends).
    /// </summary>
    public sealed class PhoneProvisioning
    {
        private const string Source = "provisioning";

        private readonly PhoneCore _phone;
        private readonly NetworkTime _time;
        /// <summary>With prov_polling_mode abs: the local time of the next daily run; MinValue until the time is known.</summary>
        private DateTime _dailyAt;
        // The boot's run was started (BootRunDone), prov_polling_mode abs runs daily (DailyBit), a check-sync asked for a
        // reboot after the run in progress (RebootBit): one int, not three bools (24 B at rest, docs/benchmarks.md
        // h-restfields).
        private int _flags;
        private const int BootRunDone = 1;
        private const int DailyBit = 2;
        private const int RebootBit = 4;

        /// <param name="channel">The TCP channel for HTTP; null: no provisioning (tests without sockets).</param>
        /// <param name="time">The phone's clock, for the daily run (prov_polling_mode abs).</param>
        public PhoneProvisioning(PhoneCore phone, IHttpChannel channel, NetworkTime time)
        {
            _phone = phone;
            _time = time;
            if (channel == null)
            {
                return;
            }
            Client = new ProvisioningClient(channel, phone.Settings);
            Client.StateChanged += OnStateChanged;
            phone.CheckSync = OnCheckSync;
            Configure();
        }

        /// <summary>A setting changed (from the composition root's one handler, PhoneApp.OnSettingChanged).</summary>
        internal void OnSettingChanged(string name)
        {
            if (Client != null && (name == SettingNames.SettingServer || name == SettingNames.ProvPollingEnabled || name == SettingNames.ProvPollingPeriod
                || name == SettingNames.ProvPollingMode || name == SettingNames.ProvPollingTime))
            {
                Configure();
            }
        }

        /// <summary>The client; null when the phone has no channel for it.</summary>
        public readonly ProvisioningClient Client;

        /// <summary>The phone's loop time (how long ago the last run ended, for the bench).</summary>
        public long Now => _phone.Now;

        /// <summary>Starts a run now (bench, menu); null, or why not.</summary>
        public string Run(string trigger) => Client == null ? "this phone has no HTTP channel" : Client.Run(trigger, _phone.Now);

        /// <summary>From the main loop: the boot run once the network is up, then the client's turn.</summary>
        public void Poll(long nowMs)
        {
            if (Client == null)
            {
                return;
            }
            bool networkUp = _phone.Drivers == null || _phone.Drivers.Ethernet.Ready;
            if (_phone.Drivers != null)
            {
                Client.Mac = _phone.Drivers.Ethernet.MacAddress;
            }
            if ((_flags & BootRunDone) == 0 && networkUp)
            {
                _flags |= BootRunDone;
                // A run asked for before the network came up (bench, menu) already was the boot's run.
                if (Client.Runs == 0 && _phone.Settings.Get(SettingNames.SettingServer).Length > 0 && Client.Run("boot", nowMs) == null)
                {
                    // PhoneProvisioningStarting stays for this turn; the request goes out on the next.
                    return;
                }
            }
            // The day's time is taken (and the next day's set) even while a run is in progress: that run is the day's.
            if ((_flags & DailyBit) != 0 && networkUp && DailyRunDue() && Client.State == ProvisioningClient.Idle)
            {
                Client.Run("schedule", nowMs);
            }
            if (networkUp || Client.State != ProvisioningClient.Idle)
            {
                Client.Poll(nowMs);
            }
        }

        /// <summary>
        /// Whether the daily run is due: the local clock has reached <see cref="_dailyAt"/>, which then moves to the next
        /// day. Until the clock is known nothing is due; the first time it is, the next run is at the coming
        /// prov_polling_time (today's, if still ahead). A clock set back by more than a day starts the count again.
        /// </summary>
        private bool DailyRunDue()
        {
            if (!_time.Known)
            {
                return false;
            }
            DateTime local = _time.Local();
            bool due = _dailyAt != DateTime.MinValue && local >= _dailyAt;
            if (due || _dailyAt == DateTime.MinValue || (_dailyAt - local).Ticks > TimeSpan.TicksPerDay)
            {
                int minute = SettingValidator.MinuteOfDay(_phone.Settings.Get(SettingNames.ProvPollingTime));
                DateTime next = local.Date.AddMinutes(minute);
                _dailyAt = next > local ? next : next.AddDays(1);
            }
            return due;
        }

        /// <summary>
        /// NOTIFY check-sync: only the registrar or outbound proxy of a registered identity may start a run (403 for
        /// anyone else, even with filter_registrar off: a run replaces settings and may ask for a reboot). A run already
        /// in progress is the one asked for; without a URL there is nothing to fetch and only the reboot is asked for.
        /// </summary>
        private int OnCheckSync(int identity, bool fromRegistrar, bool reboot)
        {
            if (!fromRegistrar || !_phone.IsRegistered(identity))
            {
                return 403;
            }
            Run("check-sync");
            if (reboot)
            {
                if (Client.State == ProvisioningClient.Idle)
                {
                    RaiseWantsReboot();
                }
                else
                {
                    _flags |= RebootBit;
                }
            }
            return 200;
        }

        private void RaiseWantsReboot() => _phone.Statuses.Raise(StatusId.PhoneWantsReboot, null, "check-sync", _phone.Now);

        /// <summary>
        /// The client's URL and schedule. With prov_polling_mode abs the client keeps no period of its own: the daily
        /// run is started here from the local clock, counted again from the new setting.
        /// </summary>
        private void Configure()
        {
            bool polling = _phone.Settings.GetBool(SettingNames.ProvPollingEnabled);
            bool daily = polling && _time != null && _phone.Settings.Get(SettingNames.ProvPollingMode) == "abs";
            _flags = daily ? _flags | DailyBit : _flags & ~DailyBit;
            _dailyAt = DateTime.MinValue;
            Client.Configure(_phone.Settings.Get(SettingNames.SettingServer), polling && !daily,
                _phone.Settings.GetInt(SettingNames.ProvPollingPeriod), _phone.Now);
        }

        private void OnStateChanged(int state)
        {
            StatusScheduler statuses = _phone.Statuses;
            long now = _phone.Now;
            if (state == ProvisioningClient.Starting)
            {
                statuses.Raise(StatusId.PhoneProvisioningStarting, null, Source, now);
                return;
            }
            statuses.Clear(StatusId.PhoneProvisioningStarting, now);
            if (state != ProvisioningClient.Idle)
            {
                statuses.Raise(StatusId.PhoneProvisioningInProgress, Client.Retry.ToString(), Source, now);
                return;
            }
            statuses.Clear(StatusId.PhoneProvisioningInProgress, now);
            if ((_flags & RebootBit) != 0)
            {
                _flags &= ~RebootBit;
                RaiseWantsReboot();
            }
            if (Client.LastOk)
            {
                statuses.Clear(StatusId.PhoneProvisioningFailed, now);
            }
            else
            {
                statuses.Raise(StatusId.PhoneProvisioningFailed, Client.LastResult, Source, now);
            }
        }
    }
}
