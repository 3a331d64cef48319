using System.Text;
using DeskPhone.Domain.Provisioning;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Firmware.Updates;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// Application updates in the phone (docs/updates.md): the loader's decision at start, the check after every good
    /// provisioning run (and once at start, and from the bench), <c>update_policy</c>, the confirmation of a set that
    /// started well, and the three statuses: PhoneHasFirmwareUpdate (the staged version) while a verified set waits
    /// for the user, PhoneWantsToUpdate (the version) while one waits for the restart, FirmwareUpdateFailed (the
    /// reason) after a check or a start failed, until a check or a start succeeds.
    /// </summary>
    public sealed class PhoneUpdates
    {
        /// <summary>A set being tried becomes the active one after it ran this long.</summary>
        public const int ConfirmMs = 10000;

        private const string Source = "updates";
        private const string Auto = "auto_update";
        private const string Never = "never_update_firm";

        private readonly PhoneCore _phone;
        private readonly IUpdateMedium _medium;
        private readonly IUpdateLoader _loader;
        private long _startedMs;
        // The boot's check was started (BootCheckDone); an apply asked for during a call waits for its end
        // (ApplyAfterCall): one int, not two bools (a field is 12 B of heap at rest on nanoCLR).
        private int _flags;
        private const int BootCheckDone = 1;
        private const int ApplyAfterCall = 2;

        /// <param name="channel">A TCP channel of its own for HTTP (provisioning may run meanwhile); null: no updates.</param>
        /// <param name="medium">The flash for slots and boot record; null: no updates.</param>
        /// <param name="loader">What starts a staged set; null: none (sets are staged, not applied).</param>
        public PhoneUpdates(PhoneCore phone, IHttpChannel channel, IUpdateMedium medium, IUpdateLoader loader, PhoneProvisioning provisioning)
        {
            _phone = phone;
            _medium = medium;
            _loader = loader;
            if (channel == null || medium == null)
            {
                return;
            }
            Updater = new FirmwareUpdater(channel, medium, Boot());
            Updater.Changed += OnChanged;
            _provisioning = provisioning.Client;
            if (_provisioning != null)
            {
                _provisioning.StateChanged += OnProvisioningState;
            }
            OnChanged();
        }

        // A field and a method, not a lambda over the constructor's parameter: that would be a closure type of its own
        // in the runtime tables and an object on the heap (h-firmslim).
        private readonly ProvisioningClient _provisioning;

        private void OnProvisioningState(int state)
        {
            if (state == ProvisioningClient.Idle && _provisioning.LastOk)
            {
                Check("provisioning");
            }
        }

        /// <summary>The check and the record; null when the phone has no flash or channel for updates.</summary>
        public readonly FirmwareUpdater Updater;

        /// <summary>Whether a staged set can be started here (a loader exists).</summary>
        public bool CanApply => _loader != null;

        /// <summary>The version running: the active slot's, or "" for the set deployed with nanoff.</summary>
        public string Running => Updater == null ? "" : (Updater.Record.State == BootRecord.Trying ? Updater.Record.StagedVersion : Updater.Record.ActiveVersion);

        /// <summary>Starts a check of <c>firmware_status</c>; null, or why not.</summary>
        public string Check(string trigger)
        {
            if (Updater == null)
            {
                return "this phone has no flash or HTTP channel for updates";
            }
            SettingsStore settings = _phone.Settings;
            if (settings.Get(SettingNames.UpdatePolicy) == Never)
            {
                return "update_policy is never_update_firm";
            }
            string hex = settings.Get(SettingNames.UpdateKey);
            byte[] key = hex.Length == 2 * ChainMac.MacBytes ? ChainMac.FromHex(Encoding.UTF8.GetBytes(hex), 0, hex.Length) : null;
            string mac = _phone.Drivers == null ? null : _phone.Drivers.Ethernet.MacAddress;
            return Updater.Check(settings.Get(SettingNames.FirmwareStatus), mac, key, _phone.Now);
        }

        /// <summary>
        /// Applies the staged set: the record asks for it and the loader restarts into it; null, or why not. During a
        /// call the restart would cut it (a Snom phone updates when idle): the set is started when the call ends.
        /// </summary>
        public string Apply()
        {
            if (Updater == null)
            {
                return "this phone has no flash or HTTP channel for updates";
            }
            if (_loader == null)
            {
                return "this phone cannot start a staged set: its loader is not built (docs/updates.md)";
            }
            if (_phone.InCall && Updater.Record.State == BootRecord.Ready)
            {
                _flags |= ApplyAfterCall;
                return "a call is in progress: the update starts when it ends";
            }
            string error = Updater.Apply();
            if (error == null)
            {
                _loader.Restart(this);
            }
            return error;
        }

        /// <summary>The stub loader's restart: the loader decides again, as at a start.</summary>
        public void StartAgain()
        {
            Updater.Reload(Boot());
        }

        /// <summary>From the main loop: the first check once the network is up, the confirmation, the check's turn.</summary>
        public void Poll(long nowMs)
        {
            if (Updater == null)
            {
                return;
            }
            // A set being tried leaves no slot to write: the start's check waits for its confirmation.
            if ((_flags & BootCheckDone) == 0 && Updater.Record.State != BootRecord.Trying && (_phone.Drivers == null || _phone.Drivers.Ethernet.Ready))
            {
                _flags |= BootCheckDone;
                if (_phone.Settings.Get(SettingNames.FirmwareStatus).Length > 0)
                {
                    Check("boot");
                }
            }
            if (Updater.Record.State == BootRecord.Trying && nowMs - _startedMs >= ConfirmMs)
            {
                BootRecordStore.Confirm(new BootRecordStore(_medium), Updater.Record);
                Updater.Reload(Updater.Record);
            }
            if ((_flags & ApplyAfterCall) != 0 && !_phone.InCall)
            {
                _flags &= ~ApplyAfterCall;
                Apply();
            }
            Updater.Poll(nowMs);
        }

        private BootRecord Boot()
        {
            _startedMs = _phone.Now;
            return BootRecordStore.Boot(new BootRecordStore(_medium), _loader != null);
        }

        private void OnChanged()
        {
            StatusScheduler statuses = _phone.Statuses;
            long now = _phone.Now;
            BootRecord r = Updater.Record;
            if (Updater.State != FirmwareUpdater.Idle)
            {
                return;
            }
            if (r.State != BootRecord.Ready)
            {
                // Started, or discarded: an apply asked for during a call is not for a set staged later.
                _flags &= ~ApplyAfterCall;
            }
            // Apply raises Changed again with the new state; when it cannot, the statuses say where things stand.
            if (r.State == BootRecord.Ready && _phone.Settings.Get(SettingNames.UpdatePolicy) == Auto && _loader != null && Apply() == null)
            {
                return;
            }
            Set(statuses, StatusId.PhoneHasFirmwareUpdate, r.State == BootRecord.Ready, r.StagedVersion, now);
            Set(statuses, StatusId.PhoneWantsToUpdate, r.State == BootRecord.Apply, r.StagedVersion, now);
            string failure = Updater.LastFailed ? Updater.LastResult : r.Failure;
            Set(statuses, StatusId.FirmwareUpdateFailed, failure != null && failure.Length > 0, failure, now);
        }

        private static void Set(StatusScheduler statuses, int id, bool active, string parameter, long now)
        {
            if (active)
            {
                statuses.Raise(id, parameter, Source, now);
            }
            else
            {
                statuses.Clear(id, now);
            }
        }
    }
}
