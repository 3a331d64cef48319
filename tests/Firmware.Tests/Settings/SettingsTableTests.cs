using System.Collections.Generic;
using DeskPhone.Domain.Leds;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;

namespace DeskPhone.Firmware.Tests.Settings
{
    public class SettingsTableTests
    {
        private readonly SettingsStore _store = new SettingsStore();

        /// <summary>
        /// The store's name lookup (a one-byte hash per row over the names' literal, docs/settings.md) finds every row by
        /// its name, with the row's own kind, range and default, and nothing for a near miss.
        /// </summary>
        [Fact]
        public void EveryNameFindsItsOwnRowAndNearMissesFindNothing()
        {
            var seen = new HashSet<string>();
            for (int i = 0; i < _store.DefinitionCount; i++)
            {
                SettingDefinition def = _store.GetDefinition(i);
                Assert.True(seen.Add(def.Name), "duplicate " + def.Name);
                SettingDefinition found = _store.FindDefinition(def.Name);
                Assert.NotNull(found);
                Assert.Equal(def.Name, found.Name);
                Assert.Equal(def.Kind, found.Kind);
                Assert.Equal(def.MaxIndex, found.MaxIndex);
                Assert.Equal(def.DefaultFor(def.IsIndexed ? 2 : 0), _store.Get(def.Name, def.IsIndexed ? 2 : 0));
                Assert.Null(_store.FindDefinition(def.Name + "_"));
                Assert.Null(_store.FindDefinition(def.Name.Substring(0, def.Name.Length - 1)));
                Assert.Null(_store.FindDefinition(def.Name.ToUpperInvariant()));
            }
            Assert.Null(_store.FindDefinition(""));
            Assert.Null(_store.FindDefinition(null));
        }

        [Fact]
        public void EveryDefaultIsTextAndEveryIndexReadsItsOwnDefault()
        {
            // The store keeps each distinct default once (SettingsIndex): a setting must still read its own text at
            // every index, including index 1's own default where a row has one.
            for (int i = 0; i < _store.DefinitionCount; i++)
            {
                SettingDefinition def = _store.GetDefinition(i);
                Assert.NotNull(def.Default);
                int last = def.IsIndexed ? def.MaxIndex : 0;
                for (int idx = def.IsIndexed ? 1 : 0; idx <= last; idx++)
                {
                    Assert.Equal(def.DefaultFor(idx), _store.Get(def.Name, idx));
                }
            }
        }

        [Fact]
        public void EveryDefaultPassesItsOwnValidationUnchanged()
        {
            for (int i = 0; i < _store.DefinitionCount; i++)
            {
                SettingDefinition def = _store.GetDefinition(i);
                for (int idx = def.IsIndexed ? 1 : 0; idx <= System.Math.Min(def.MaxIndex, 2); idx++)
                {
                    string error = SettingValidator.Check(def, def.DefaultFor(idx), out string normalized);
                    Assert.True(error == null, def.Name + ": " + error);
                    Assert.Equal(def.DefaultFor(idx), normalized);
                }
            }
        }

        [Fact]
        public void StatusAndLedDefaultsComeFromTheirOwners()
        {
            Assert.Equal(StatusCategories.DefaultBlocked, _store.Get("status_msgs_that_are_blocked"));
            Assert.Equal(StatusCategories.DefaultShowDirectly, _store.Get("status_msgs_that_show_directly"));
            Assert.Equal(StatusCategories.DefaultEssential, _store.Get("status_msgs_that_are_essential"));
            Assert.Equal(StatusCategories.DefaultImportant, _store.Get("status_msgs_that_are_important"));
            Assert.Equal(StatusCategories.DefaultAudioIndication, _store.Get("status_msgs_with_audio_indication"));
            Assert.Equal(StatusCategories.DefaultPopUp, _store.Get("status_msgs_to_pop_up"));
            Assert.Equal(LedPolicy.DefaultOn, _store.Get("led_on"));
            Assert.Equal(LedPolicy.DefaultBlinkFast, _store.Get("led_blink_fast"));
            Assert.Equal(LedPolicy.DefaultRed, _store.Get("led_red"));
            Assert.Equal(LedPolicy.DefaultCallIndicatorUsage, _store.Get("led_call_indicator_usage"));
        }

        [Fact]
        public void DocumentedDefaults()
        {
            Assert.True(_store.GetBool("user_active", 1));
            Assert.False(_store.GetBool("user_active", 2));
            Assert.False(_store.GetBool("user_active", 12));
            Assert.Equal(3600, _store.GetInt("user_expiry", 7));
            Assert.False(_store.GetBool("user_sipusername_as_line", 1));
            Assert.True(_store.GetBool("filter_registrar"));
            Assert.False(_store.GetBool("cancel_desktop"));
            Assert.Equal(5060, _store.GetInt("network_id_port"));
            Assert.Equal("", _store.Get("mb_trusted_hosts"));
            Assert.Equal("admin", _store.Get("http_user"));
            Assert.True(_store.GetBool("dhcp"));
            Assert.Equal(10, _store.GetInt("presence_at_desk_delay"));
            Assert.Equal(15, _store.GetInt("presence_available_idle"));
            Assert.True(_store.GetBool("presence_auto_available"));
            Assert.Equal(10, _store.GetInt("infobox_line_seconds"));
            Assert.Equal(512, _store.GetInt("desktop_message_max_bytes"));
            Assert.Equal(10, _store.GetInt("status_popup_default_seconds"));
            Assert.Equal("line", _store.Get("fkey", 1));
            Assert.Equal("none", _store.Get("fkey", 16));
            Assert.Equal("none", _store.Get("expansion_key", 54));
            Assert.False(_store.IsPasswordSet("admin_mode_password"));
            Assert.False(_store.IsPasswordSet("http_pass"));
        }

        [Fact]
        public void IndexedSettingsCoverTheirRanges()
        {
            Assert.Equal(12, _store.FindDefinition("user_name").MaxIndex);
            Assert.Equal(16, _store.FindDefinition("fkey").MaxIndex);
            Assert.Equal(54, _store.FindDefinition("expansion_key").MaxIndex);
            Assert.Null(_store.Get("user_name", 0));
            Assert.Null(_store.Get("user_name", 13));
            Assert.Equal("", _store.Get("user_name", 12));
        }

        [Fact]
        public void UnknownNamesReadAsNullAndZero()
        {
            Assert.False(_store.IsDefined("no_such_setting"));
            Assert.Null(_store.Get("no_such_setting"));
            Assert.Equal(0, _store.GetInt("no_such_setting"));
            Assert.False(_store.GetBool("no_such_setting", 3));
        }
    }
}
