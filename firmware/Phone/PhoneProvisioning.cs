using DeskPhone.Domain.Provisioning;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// Provisioning in the phone (docs/provisioning.md): the <see cref="ProvisioningClient"/> configured from
    /// <c>setting_server</c>, <c>prov_polling_enabled</c> and <c>prov_polling_period</c>, one run once the network is
    /// up after start, the MAC address for {mac} from the Ethernet link, and the three statuses:
    /// PhoneProvisioningStarting when a run starts, PhoneProvisioningInProgress (the retry count) while it fetches or
    /// waits for a retry, PhoneProvisioningFailed (the reason) when it ended without a document; a good run clears all three.
    /// </summary>
    public sealed class PhoneProvisioning
    {
        private const string Source = "provisioning";

        private readonly PhoneCore _phone;
        private bool _bootRunDone;

        /// <param name="channel">The TCP channel for HTTP; null: no provisioning (tests without sockets).</param>
        public PhoneProvisioning(PhoneCore phone, IHttpChannel channel)
        {
            _phone = phone;
            if (channel == null)
            {
                return;
            }
            Client = new ProvisioningClient(channel, phone.Settings);
            Client.StateChanged += OnStateChanged;
            phone.Settings.SettingChanged += (name, idx, reboot) =>
            {
                if (name == SettingNames.SettingServer || name == SettingNames.ProvPollingEnabled || name == SettingNames.ProvPollingPeriod)
                {
                    Configure();
                }
            };
            Configure();
        }

        /// <summary>The client; null when the phone has no channel for it.</summary>
        public ProvisioningClient Client { get; }

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
            if (!_bootRunDone && networkUp)
            {
                _bootRunDone = true;
                // A run asked for before the network came up (bench, menu) already was the boot's run.
                if (Client.Runs == 0 && _phone.Settings.Get(SettingNames.SettingServer).Length > 0 && Client.Run("boot", nowMs) == null)
                {
                    // PhoneProvisioningStarting stays for this turn; the request goes out on the next.
                    return;
                }
            }
            if (networkUp || Client.State != ProvisioningClient.Idle)
            {
                Client.Poll(nowMs);
            }
        }

        private void Configure() =>
            Client.Configure(_phone.Settings.Get(SettingNames.SettingServer), _phone.Settings.GetBool(SettingNames.ProvPollingEnabled),
                _phone.Settings.GetInt(SettingNames.ProvPollingPeriod), _phone.Now);

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
