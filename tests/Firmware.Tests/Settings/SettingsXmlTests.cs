using System;
using System.Linq;
using System.Text;
using DeskPhone.Domain.Settings;

namespace DeskPhone.Firmware.Tests.Settings
{
    public class SettingsXmlTests
    {
        private readonly SettingsStore _store = new SettingsStore(null, new Random(3));

        private SettingsImportReport Import(string xml)
        {
            byte[] data = Encoding.UTF8.GetBytes("xx" + xml + "yy");
            return _store.ImportXml(data, 2, data.Length - 4);
        }

        private string Export(bool includeDefaults = false) => Encoding.UTF8.GetString(_store.ExportXml(includeDefaults));

        /// <summary>A file saved with a UTF-8 byte order mark imports (it was "malformed XML: text outside the root element at byte 0").</summary>
        [Fact]
        public void AFileWithAByteOrderMarkIsImported()
        {
            SettingsImportReport report = Import("\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<settings><phone-settings><ring_volume>3</ring_volume></phone-settings></settings>");
            Assert.Null(report.Malformed);
            Assert.Equal(1, report.Applied);
            Assert.Equal(3, _store.GetInt("ring_volume"));
        }

        [Fact]
        public void ProvisioningFileIsApplied()
        {
            SettingsImportReport report = Import(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<settings>\n <phone-settings e=\"2\">\n" +
                "  <user_active idx=\"2\" perm=\"\">on</user_active>\n" +
                "  <user_name idx=\"2\" perm=\"R\">486</user_name>\n" +
                "  <user_host idx=\"2\" perm=\"\">pbx.example.com:5060</user_host>\n" +
                "  <user_pass idx=\"2\" perm=\"\">s&amp;cret</user_pass>\n" +
                "  <filter_registrar perm=\"\">off</filter_registrar>\n" +
                "  <status_msgs_that_are_blocked perm=\"\">PhoneIsLocked\n   RingerIsSilent</status_msgs_that_are_blocked>\n" +
                "  <http_pass perm=\"\">secret</http_pass>\n" +
                " </phone-settings>\n" +
                " <functionKeys>\n  <fkey idx=\"0\" context=\"active\" perm=\"\">blf sip:bob@pbx</fkey>\n </functionKeys>\n" +
                "</settings>\n");
            Assert.Null(report.Malformed);
            Assert.True(report.Ok, string.Join("; ", report.Errors));
            Assert.Equal(8, report.Applied);
            Assert.Empty(report.Unknown);
            Assert.True(_store.GetBool("user_active", 2));
            Assert.Equal("486", _store.Get("user_name", 2));
            Assert.Equal("s&cret", _store.Get("user_pass", 2));
            Assert.False(_store.GetBool("filter_registrar"));
            Assert.Equal("PhoneIsLocked RingerIsSilent", _store.Get("status_msgs_that_are_blocked"));
            Assert.True(_store.CheckPassword("http_pass", "secret"));
            Assert.Equal("blf sip:bob@pbx", _store.Get("fkey", 1));
        }

        [Fact]
        public void BadValuesAreReportedAndTheRestApplied()
        {
            SettingsImportReport report = Import(
                "<settings><phone-settings>" +
                "<user_expiry idx=\"1\" perm=\"\">30</user_expiry>" +
                "<user_name idx=\"1\" perm=\"\">alice</user_name>" +
                "<network_id_port perm=\"\">http</network_id_port>" +
                "<user_name perm=\"\">no index</user_name>" +
                "<user_name idx=\"x\" perm=\"\">bad index</user_name>" +
                "<cancel_desktop perm=\"\">on</cancel_desktop>" +
                "<dhcp perm=\"\"><b>on</b></dhcp>" +
                "</phone-settings><tbook/></settings>");
            Assert.Null(report.Malformed);
            Assert.False(report.Ok);
            Assert.Equal(2, report.Applied);
            Assert.Equal("alice", _store.Get("user_name", 1));
            Assert.True(_store.GetBool("cancel_desktop"));
            Assert.Equal(3600, _store.GetInt("user_expiry", 1));
            Assert.Equal(5060, _store.GetInt("network_id_port"));
            Assert.True(_store.GetBool("dhcp"));
            Assert.Equal(6, report.Errors.Length);
            Assert.Contains(report.Errors, e => e.StartsWith("user_expiry[1]: 30 is out of range 60..86400"));
            Assert.Contains(report.Errors, e => e.StartsWith("network_id_port: 'http' is not a whole number"));
            Assert.Contains(report.Errors, e => e.StartsWith("user_name: index 0 is out of range 1..12"));
            Assert.Contains(report.Errors, e => e.StartsWith("user_name: idx 'x' is not an index"));
            Assert.Contains(report.Errors, e => e.StartsWith("dhcp: elements inside a setting are not allowed"));
            Assert.Contains(report.Errors, e => e.StartsWith("<tbook>: section not supported"));
        }

        [Fact]
        public void UnknownSettingsAreKeptReportedAndExported()
        {
            SettingsImportReport report = Import(
                "<settings><phone-settings><vendor_gizmo perm=\"\">a&lt;b</vendor_gizmo>" +
                "<vendor_line idx=\"4\" perm=\"\">x</vendor_line></phone-settings></settings>");
            Assert.True(report.Ok);
            Assert.Equal(new[] { "vendor_gizmo", "vendor_line[4]" }, report.Unknown);
            Assert.Equal(2, _store.UnknownCount);
            Assert.True(_store.IsDirty);
            string xml = Export();
            Assert.Contains("<vendor_gizmo perm=\"\">a&lt;b</vendor_gizmo>", xml);
            Assert.Contains("<vendor_line idx=\"4\" perm=\"\">x</vendor_line>", xml);

            // Importing the same unknown setting again replaces its value instead of duplicating it.
            Import("<settings><phone-settings><vendor_gizmo>c</vendor_gizmo></phone-settings></settings>");
            Assert.Equal(2, _store.UnknownCount);
            Assert.Equal("c", _store.GetUnknown(0).Value);
        }

        [Theory]
        [InlineData("<settings><phone-settings><user_name idx=\"1\">evil</user_name>")]
        [InlineData("<settings><phone-settings><user_name idx=\"1\">evil</user_nam></phone-settings></settings>")]
        [InlineData("<settings><phone-settings><user_name idx=\"1\">a & b</user_name></phone-settings></settings>")]
        [InlineData("<config><user_name idx=\"1\">evil</user_name></config>")]
        [InlineData("")]
        [InlineData("just text")]
        public void MalformedFileChangesNothing(string xml)
        {
            _store.Set("user_name", 1, "before");
            SettingsImportReport report = Import(xml);
            Assert.NotNull(report.Malformed);
            Assert.False(report.Ok);
            Assert.Equal(0, report.Applied);
            Assert.Equal("before", _store.Get("user_name", 1));
            Assert.Equal(0, _store.UnknownCount);
        }

        [Fact]
        public void ExportEscapesAndHidesSecrets()
        {
            _store.Set("user_realname", 1, "Tom & \"Jerry\" <tj>");
            _store.Set("user_pass", 1, "digest-secret");
            _store.Set("admin_mode_password", 0, "adm1n");
            string xml = Export();
            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<settings>\n<phone-settings>\n", xml);
            Assert.Contains("<user_realname idx=\"1\" perm=\"\">Tom &amp; &quot;Jerry&quot; &lt;tj&gt;</user_realname>", xml);
            Assert.DoesNotContain("digest-secret", xml);
            Assert.DoesNotContain("user_pass", xml);
            Assert.DoesNotContain("adm1n", xml);
            Assert.Contains("<admin_mode_password perm=\"\">" + PasswordHash.Prefix, xml);
            // Only changed values unless asked for all.
            Assert.DoesNotContain("<dhcp", xml);
            Assert.Contains("<dhcp perm=\"\">on</dhcp>", Export(true));
            Assert.Contains("<user_name idx=\"12\" perm=\"\"></user_name>", Export(true));
        }

        [Fact]
        public void ExportImportRoundTrip()
        {
            _store.Set("user_realname", 1, "Tom & \"Jerry\" <tj>");
            _store.Set("user_expiry", 5, "120");
            _store.Set("mb_trusted_hosts", 0, "a.example.com b.example.com");
            _store.Set("fkey", 16, "speed 1234");
            _store.Set("http_pass", 0, "pw");
            _store.Set("user_pass", 1, "keep-me");
            Import("<settings><phone-settings><vendor_x idx=\"2\">&amp;</vendor_x></phone-settings></settings>");
            byte[] exported = _store.ExportXml(true);

            var copy = new SettingsStore();
            copy.Set("user_pass", 1, "other-phone");
            SettingsImportReport report = copy.ImportXml(exported, 0, exported.Length);
            Assert.True(report.Ok, report.Malformed + string.Join("; ", report.Errors));
            for (int i = 0; i < _store.DefinitionCount; i++)
            {
                SettingDefinition def = _store.GetDefinition(i);
                if (def.Kind == SettingKind.Secret)
                {
                    continue;
                }
                for (int idx = def.IsIndexed ? 1 : 0; idx <= def.MaxIndex; idx++)
                {
                    Assert.Equal(_store.Get(def.Name, idx), copy.Get(def.Name, idx));
                }
            }
            Assert.True(copy.CheckPassword("http_pass", "pw"));
            Assert.Equal("other-phone", copy.Get("user_pass", 1));
            Assert.Equal(new[] { "vendor_x[2]" }, report.Unknown);
            Assert.Equal("&", copy.GetUnknown(0).Value);
            Assert.Equal(Export(true), Encoding.UTF8.GetString(copy.ExportXml(true)));
        }

        [Fact]
        public void ImportRaisesChangeEventsAndRebootFlag()
        {
            int changes = 0;
            _store.SettingChanged += (n, i, r) => changes++;
            Import("<settings><phone-settings><network_id_port>5070</network_id_port><key_click>off</key_click></phone-settings></settings>");
            Assert.Equal(2, changes);
            Assert.True(_store.RebootRequired);
        }

        [Fact]
        public void LargeProvisioningFileWithLongListsIsAccepted()
        {
            var sb = new StringBuilder("<settings><phone-settings>\n");
            for (int i = 0; i < 400; i++)
            {
                sb.Append("<vendor_").Append(i).Append(" perm=\"\">v").Append(i).Append("</vendor_").Append(i).Append(">\n");
            }
            string longList = string.Join(" ", Enumerable.Repeat("PhoneIsLocked", 290));
            sb.Append("<status_msgs_to_pop_up perm=\"\">").Append(longList).Append("</status_msgs_to_pop_up>\n");
            sb.Append("</phone-settings></settings>");
            SettingsImportReport report = Import(sb.ToString());
            Assert.Null(report.Malformed);
            Assert.Equal(longList, _store.Get("status_msgs_to_pop_up"));
            // Unknown settings are kept up to the store's bound; the rest are named as not kept, the list itself bounded.
            Assert.Equal(SettingsStore.MaxUnknown, report.Unknown.Length);
            Assert.Equal(SettingsStore.MaxUnknown, _store.UnknownCount);
            Assert.Equal(SettingsStore.MaxImportErrors + 1, report.Errors.Length);
            Assert.Equal("vendor_64: unknown setting not kept (64 are kept already)", report.Errors[0]);
            Assert.Equal("more refused values, not listed", report.Errors[SettingsStore.MaxImportErrors]);
            // The count is every one of them: 400 unknown names, 64 kept.
            Assert.Equal(400 - SettingsStore.MaxUnknown, report.Refused);
        }

        [Fact]
        public void ADocumentWithTooManySettingsChangesNothing()
        {
            var sb = new StringBuilder("<settings><phone-settings><key_click>off</key_click>");
            for (int i = 0; i < SettingsStore.MaxImportEntries; i++)
            {
                sb.Append("<v").Append(i).Append("/>");
            }
            SettingsImportReport report = Import(sb.Append("</phone-settings></settings>").ToString());
            Assert.Equal("more than 512 settings in one document", report.Malformed);
            Assert.True(_store.GetBool("key_click"));
            Assert.Equal(0, _store.UnknownCount);
        }

        [Fact]
        public void EntityExpansionIsRefusedAsMalformed()
        {
            SettingsImportReport report = Import(
                "<?xml version=\"1.0\"?><!DOCTYPE settings [<!ENTITY a \"on\">]>" +
                "<settings><phone-settings><cancel_desktop>&a;</cancel_desktop></phone-settings></settings>");
            Assert.NotNull(report.Malformed);
            Assert.False(_store.GetBool("cancel_desktop"));
        }

        [Fact]
        public void BarePhoneSettingsRootIsAccepted()
        {
            SettingsImportReport report = Import("<phone-settings><ring_volume perm=\"\">3</ring_volume></phone-settings>");
            Assert.True(report.Ok);
            Assert.Equal(3, _store.GetInt("ring_volume"));
        }

        [Fact]
        public void BadRangeIsRefusedWithoutThrowing()
        {
            Assert.NotNull(_store.ImportXml(new byte[4], 2, 10).Malformed);
            Assert.NotNull(_store.ImportXml(null, 0, 0).Malformed);
        }
    }
}
