using System.Text.Json;

namespace DeskPhone.Hil.Tests
{
    /// <summary>The web interface's System information as a bench technician reads it to find the phone again.</summary>
    public class SystemInfoScenarios
    {
        [Fact]
        public void TheStatusPageNamesTheAddressThePhoneAnswersSipOnAndItsMac()
        {
            using var phone = new PhoneUnderTest();
            JsonElement system = JsonDocument.Parse(phone.Get("api/system").Body).RootElement;

            // The simulator's status page said 192.168.1.50 (a made-up cable address) and no MAC, while it answered on
            // 127.0.0.1 and named {mac} 02:00:00:00:04:86 in provisioning URLs.
            Assert.Equal("ethernet", system.GetProperty("link").GetString());
            Assert.Equal(phone.SipHost, system.GetProperty("ip").GetString());
            Assert.Matches("^[0-9A-F]{2}(:[0-9A-F]{2}){5}$", system.GetProperty("mac").GetString());
        }
    }
}
