using System.Collections.Generic;
using DeskPhone.Domain.Settings;

namespace DeskPhone.Firmware.Tests.Settings
{
    public class SettingsNotificationTests
    {
        private readonly SettingsStore _store = new SettingsStore();
        private readonly List<string> _changes = new List<string>();
        private readonly List<string> _passwordEvents = new List<string>();
        private int _reboots;

        public SettingsNotificationTests()
        {
            _store.SettingChanged += (name, idx, reboot) => _changes.Add(name + "/" + idx + "/" + reboot);
            _store.PasswordStateChanged += (name, idx, isSet) => _passwordEvents.Add(name + "/" + idx + "=" + isSet);
            _store.RebootRequiredRaised += () => _reboots++;
        }

        [Fact]
        public void LiveChangeNotifiesOnceAndOnlyWhenTheValueChanges()
        {
            Assert.Null(_store.Set("cancel_desktop", 0, "on"));
            Assert.Null(_store.Set("cancel_desktop", 0, "true"));
            Assert.Null(_store.Set("user_dnd", 5, "1"));
            Assert.Equal(new[] { "cancel_desktop/0/False", "user_dnd/5/False" }, _changes);
            Assert.False(_store.RebootRequired);
            Assert.Equal(0, _reboots);
            Assert.True(_store.IsDirty);
        }

        [Fact]
        public void RebootSettingRaisesRebootRequiredOnce()
        {
            Assert.Null(_store.Set("network_id_port", 0, "5062"));
            Assert.Null(_store.Set("ip_adr", 0, "10.0.0.5"));
            Assert.True(_store.RebootRequired);
            Assert.Equal(1, _reboots);
            Assert.Equal(new[] { "network_id_port/0/True", "ip_adr/0/True" }, _changes);
        }

        [Fact]
        public void RefusedValueNotifiesNothing()
        {
            Assert.NotNull(_store.Set("network_id_port", 0, "70000"));
            Assert.Empty(_changes);
            Assert.False(_store.RebootRequired);
        }

        [Fact]
        public void PasswordStateEventsFollowSetAndClear()
        {
            Assert.Null(_store.Set("admin_mode_password", 0, "hunter2"));
            Assert.Null(_store.Set("admin_mode_password", 0, "hunter2"));
            Assert.Null(_store.Set("admin_mode_password", 0, "other"));
            Assert.Null(_store.Set("admin_mode_password", 0, ""));
            Assert.Equal(new[] { "admin_mode_password/0=True", "admin_mode_password/0=False" }, _passwordEvents);
            Assert.Equal(3, _changes.Count);
        }

        [Fact]
        public void HandlerMayReadTheNewValue()
        {
            string seen = null;
            _store.SettingChanged += (name, idx, reboot) => seen = _store.Get(name, idx);
            _store.Set("user_name", 2, "bob");
            Assert.Equal("bob", seen);
        }
    }
}
