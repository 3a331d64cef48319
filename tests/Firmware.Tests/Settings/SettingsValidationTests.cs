using DeskPhone.Domain.Settings;

namespace DeskPhone.Firmware.Tests.Settings
{
    public class SettingsValidationTests
    {
        private readonly SettingsStore _store = new SettingsStore();

        [Theory]
        [InlineData("on", "on")]
        [InlineData("TRUE", "on")]
        [InlineData(" 1 ", "on")]
        [InlineData("off", "off")]
        [InlineData("False", "off")]
        [InlineData("0", "off")]
        public void BooleansAreStoredAsOnOff(string given, string stored)
        {
            Assert.Null(_store.Set("cancel_desktop", 0, given));
            Assert.Equal(stored, _store.Get("cancel_desktop"));
        }

        [Theory]
        [InlineData("09:00", "09:00")]
        [InlineData(" 9:05 ", "09:05")]
        [InlineData("00:00", "00:00")]
        [InlineData("23:59", "23:59")]
        public void TimesOfDayAreStoredAsHhMm(string given, string stored)
        {
            Assert.Equal("03:00", _store.Get("prov_polling_time"));
            Assert.Null(_store.Set("prov_polling_time", 0, given));
            Assert.Equal(stored, _store.Get("prov_polling_time"));
            Assert.Equal(SettingValidator.MinuteOfDay(stored), SettingValidator.MinuteOfDay(given.Trim()));
        }

        [Theory]
        [InlineData("cancel_desktop", 0, "yes", "cancel_desktop: 'yes' is not a boolean")]
        [InlineData("user_expiry", 2, "59", "user_expiry[2]: 59 is out of range 60..86400")]
        [InlineData("user_expiry", 2, "86401", "user_expiry[2]: 86401 is out of range 60..86400")]
        [InlineData("user_expiry", 2, "1h", "user_expiry[2]: '1h' is not a whole number")]
        [InlineData("network_id_port", 0, "0", "network_id_port: 0 is out of range 1..65535")]
        [InlineData("network_id_port", 0, "99999999999999", "network_id_port: '99999999999999' is not a whole number")]
        [InlineData("ring_volume", 0, "16", "ring_volume: 16 is out of range 0..15")]
        [InlineData("presence_at_desk_delay", 0, "100", "presence_at_desk_delay: 100 is out of range 0..99")]
        [InlineData("ip_adr", 0, "192.168.1.256", "ip_adr: '192.168.1.256' is not an IPv4 address")]
        [InlineData("gateway", 0, "10.0.0", "gateway: '10.0.0' is not an IPv4 address")]
        [InlineData("user_host", 1, "pbx.example.com:70000", "user_host[1]: 'pbx.example.com:70000' has an invalid port")]
        [InlineData("user_host", 1, "pbx example", "user_host[1]: 'pbx example' is not a host name")]
        [InlineData("mb_trusted_hosts", 0, "a.example.com, bad/host", "mb_trusted_hosts: entry 2: 'bad/host' is not a host name")]
        [InlineData("fkey", 3, "blf", "fkey[3]: 'blf' needs an argument")]
        [InlineData("fkey", 3, "line 2", "fkey[3]: 'line' takes no argument")]
        [InlineData("fkey", 3, "teleport sip:x@y", "fkey[3]: unknown key type 'teleport'")]
        [InlineData("tone_scheme", 0, "Mars", "tone_scheme: 'Mars' is not one of USA, GER")]
        [InlineData("user_name", 1, "a\u0001b", "user_name[1]: contains a control character at position 2")]
        // The account is the user part of every SIP URI of the identity: '486@pbx' sent REGISTER sip:486@pbx@host.
        [InlineData("user_name", 1, "486@pbx.example", "user_name[1]: '486@pbx.example' is not a SIP user name (no spaces or @ : < > \"; the registrar goes in user_host)")]
        [InlineData("user_name", 1, "john smith", "user_name[1]: 'john smith' is not a SIP user name")]
        [InlineData("user_name", 1, "<486>", "user_name[1]: '<486>' is not a SIP user name")]
        [InlineData("user_name", 1, "486:secret", "user_name[1]: '486:secret' is not a SIP user name")]
        [InlineData("user_name", 1, "a\"b", "user_name[1]: 'a\"b' is not a SIP user name")]
        [InlineData("user_host", 1, "pbx.example.com;transport=tls", "user_host[1]: ")]
        [InlineData("user_host", 1, "pbx.example.com;lr", "user_host[1]: ")]
        [InlineData("ntp_server", 0, "pool.example.com;transport=tcp", "ntp_server: ")]
        [InlineData("user_name", 0, "x", "user_name: index 0 is out of range 1..12")]
        [InlineData("user_name", 13, "x", "user_name: index 13 is out of range 1..12")]
        [InlineData("dhcp", 1, "on", "dhcp: is not indexed (index 1 given)")]
        [InlineData("no_such_setting", 0, "1", "no_such_setting: unknown setting")]
        [InlineData("prov_polling_time", 0, "24:00", "prov_polling_time: '24:00' is not a time of day (HH:MM, 00:00 to 23:59)")]
        [InlineData("prov_polling_time", 0, "12:60", "prov_polling_time: '12:60' is not a time of day")]
        [InlineData("prov_polling_time", 0, "1200", "prov_polling_time: '1200' is not a time of day")]
        [InlineData("prov_polling_time", 0, "9:5", "prov_polling_time: '9:5' is not a time of day")]
        [InlineData("prov_polling_time", 0, "1a:00", "prov_polling_time: '1a:00' is not a time of day")]
        [InlineData("prov_polling_time", 0, "", "prov_polling_time: '' is not a time of day")]
        [InlineData("prov_polling_mode", 0, "rand", "prov_polling_mode: 'rand' is not one of rel, abs")]
        public void BadValuesAreRefusedWithNameAndReason(string name, int idx, string value, string messageStart)
        {
            string before = _store.Get(name, idx);
            string error = _store.Set(name, idx, value);
            Assert.NotNull(error);
            Assert.StartsWith(messageStart, error);
            Assert.Equal(error, _store.Validate(name, idx, value));
            Assert.Equal(before, _store.Get(name, idx));
            Assert.False(_store.IsDirty);
        }

        [Theory]
        [InlineData("user_host", "pbx.example.com")]
        [InlineData("user_host", "pbx.example.com:5070")]
        [InlineData("user_host", "192.168.0.10:5060")]
        [InlineData("user_host", "[2001:db8::1]:5060")]
        // The registrar's transport, as OwnConnections.OverTcp and the SRV lookup read it (was refused as no host name).
        [InlineData("user_host", "pbx.example.com;transport=tcp")]
        [InlineData("user_host", "pbx.example.com:5070;TRANSPORT=UDP")]
        [InlineData("user_outbound", "sip:proxy.example.com:5061;transport=tcp")]
        [InlineData("user_outbound", "<sip:10.0.0.1;lr>")]
        [InlineData("user_expiry", "60")]
        [InlineData("user_expiry", "86400")]
        [InlineData("fkey", "blf sip:bob@pbx")]
        [InlineData("fkey", "none")]
        [InlineData("user_name", "486")]
        [InlineData("user_name", "john.smith")]
        [InlineData("user_name", "+4930123;x=1")]
        [InlineData("user_name", "")]
        public void GoodIdentityValuesAreAccepted(string name, string value)
        {
            Assert.Null(_store.Set(name, 4, value));
            Assert.Equal(value, _store.Get(name, 4));
        }

        [Fact]
        public void ListsAreNormalisedToSingleSpaces()
        {
            Assert.Null(_store.Set("status_msgs_that_are_blocked", 0, "  PhoneIsLocked\n\tRingerIsSilent:5   AnonymousIdOn "));
            Assert.Equal("PhoneIsLocked RingerIsSilent:5 AnonymousIdOn", _store.Get("status_msgs_that_are_blocked"));
            Assert.Null(_store.Set("mb_trusted_hosts", 0, "10.0.0.1,pbx.example.com , 10.0.0.2:5060"));
            Assert.Equal("10.0.0.1 pbx.example.com 10.0.0.2:5060", _store.Get("mb_trusted_hosts"));
        }

        [Fact]
        public void ValuesAreNormalised()
        {
            Assert.Null(_store.Set("user_expiry", 1, " +120 "));
            Assert.Equal(120, _store.GetInt("user_expiry", 1));
            Assert.Equal("120", _store.Get("user_expiry", 1));
            Assert.Null(_store.Set("tone_scheme", 0, "ger"));
            Assert.Equal("GER", _store.Get("tone_scheme"));
            Assert.Null(_store.Set("fkey", 2, "BLF  sip:bob@pbx"));
            Assert.Equal("blf sip:bob@pbx", _store.Get("fkey", 2));
            Assert.Null(_store.Set("fkey", 2, ""));
            Assert.Equal("none", _store.Get("fkey", 2));
            Assert.Null(_store.Set("timezone_offset_minutes", 0, "-300"));
            Assert.Equal(-300, _store.GetInt("timezone_offset_minutes"));
        }

        [Fact]
        public void IdentitiesAreIndependent()
        {
            Assert.Null(_store.Set("user_name", 1, "486"));
            Assert.Null(_store.Set("user_name", 12, "999"));
            Assert.Null(_store.Set("user_sipusername_as_line", 3, "on"));
            Assert.Equal("486", _store.Get("user_name", 1));
            Assert.Equal("486", _store.Get("user_name"));
            Assert.Equal("", _store.Get("user_name", 2));
            Assert.Equal("999", _store.Get("user_name", 12));
            Assert.True(_store.GetBool("user_sipusername_as_line", 3));
            Assert.False(_store.GetBool("user_sipusername_as_line", 1));
        }

        [Fact]
        public void SecretsAreMaskedForDisplay()
        {
            Assert.Null(_store.Set("user_pass", 2, "s3cret"));
            Assert.Equal("s3cret", _store.Get("user_pass", 2));
            Assert.Equal("********", _store.GetForDisplay("user_pass", 2));
            Assert.Equal("", _store.GetForDisplay("user_pass", 1));
            Assert.Equal("on", _store.GetForDisplay("dhcp", 0));
        }
    }
}
