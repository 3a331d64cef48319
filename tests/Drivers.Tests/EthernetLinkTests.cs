using System.Collections.Generic;
using DeskPhone.Drivers.Network;

namespace DeskPhone.Drivers.Tests
{
    public class EthernetLinkTests
    {
        private readonly EthernetLink _link = new EthernetLink();
        private readonly List<string> _log = new List<string>();
        private long _now;

        public EthernetLinkTests()
        {
            _link.Changed += change => _log.Add(
                change == EthernetChange.Unplugged ? (_link.EthernetUnplugged ? "unplugged" : "plugged")
                : change == EthernetChange.Restored ? "restored"
                : change == EthernetChange.Lost ? "lost"
                : "address " + (_link.Address ?? "none"));
        }

        private void RunFor(int ms)
        {
            for (int t = 0; t < ms; t += 50)
            {
                _link.Tick(_now);
                _now += 50;
            }
        }

        private void BootWithAddress()
        {
            _link.ReportLink(true, _now);
            _link.ReportAddress("192.168.1.20");
            RunFor(1000);
            _log.Clear();
        }

        [Fact]
        public void BootWithCableGivesRestoredOnceReady()
        {
            _link.ReportLink(true, 0);
            RunFor(300);
            Assert.Empty(_log);
            _link.ReportAddress("10.0.0.5");
            RunFor(400);
            Assert.Equal(new[] { "address 10.0.0.5", "restored" }, _log);
            Assert.True(_link.Ready);
            Assert.False(_link.EthernetUnplugged);
        }

        [Fact]
        public void BootWithoutCableRaisesUnpluggedAfterTheDownDebounce()
        {
            RunFor(1900);
            Assert.Empty(_log);
            RunFor(200);
            Assert.Equal(new[] { "unplugged" }, _log);
            Assert.True(_link.EthernetUnplugged);
        }

        [Fact]
        public void ShortFlapsAreIgnored()
        {
            BootWithAddress();
            for (int i = 0; i < 5; i++)
            {
                _link.ReportLink(false, _now);
                RunFor(800);
                _link.ReportLink(true, _now);
                RunFor(300);
            }
            Assert.Empty(_log);
            Assert.True(_link.Ready);
        }

        [Fact]
        public void UnplugAndReplugRaiseAndClearTheStatusAndRestoreTheNetwork()
        {
            BootWithAddress();
            _link.ReportLink(false, _now);
            RunFor(2100);
            Assert.Equal(new[] { "unplugged", "lost" }, _log);
            _link.ReportLink(true, _now);
            RunFor(400);
            Assert.Equal(2, _log.Count); // up debounce not yet over
            RunFor(200);
            Assert.Equal(new[] { "unplugged", "lost", "plugged", "restored" }, _log);
        }

        [Fact]
        public void NewDhcpAddressWhileUpMeansRestoredAgain()
        {
            BootWithAddress();
            _link.ReportAddress("192.168.1.77");
            RunFor(100);
            Assert.Equal(new[] { "address 192.168.1.77", "restored" }, _log);
            _link.ReportAddress("0.0.0.0");
            RunFor(100);
            Assert.Equal(new[] { "address 192.168.1.77", "restored", "address none", "lost" }, _log);
        }

        [Fact]
        public void StaticSettingsAreValidatedWithClearMessages()
        {
            string error;
            var ok = NetworkSettings.FromValues(false, " 192.168.1.20 ", "255.255.255.0", "192.168.1.1", "192.168.1.1", "", out error);
            Assert.Null(error);
            Assert.False(ok.Dhcp);
            Assert.Equal("192.168.1.20", ok.Address);
            Assert.Equal("192.168.1.1", ok.Gateway);
            Assert.Equal(new[] { "192.168.1.1" }, ok.Dns);

            Assert.Null(NetworkSettings.FromValues(false, "192.168.1.300", "255.255.255.0", null, null, null, out error));
            Assert.Contains("ip address", error);
            Assert.Null(NetworkSettings.FromValues(false, "192.168.1.20", "255.0.255.0", null, null, null, out error));
            Assert.Contains("netmask", error);
            Assert.Null(NetworkSettings.FromValues(false, "192.168.1.20", "255.255.255.0", "10.0.0.1", null, null, out error));
            Assert.Contains("outside the subnet", error);
            Assert.Null(NetworkSettings.FromValues(false, "192.168.1.255", "255.255.255.0", null, null, null, out error));
            Assert.Contains("broadcast", error);
            Assert.Null(NetworkSettings.FromValues(false, "192.168.1.20", "255.255.255.0", null, "dns.example", null, out error));
            Assert.Contains("dns1", error);

            Assert.True(NetworkSettings.FromValues(true, "garbage", null, null, null, null, out error).Dhcp);
            Assert.Null(error);
        }

        [Theory]
        [InlineData("1.2.3.4", true)]
        [InlineData("255.255.255.255", true)]
        [InlineData("1.2.3", false)]
        [InlineData("1.2.3.4.5", false)]
        [InlineData("1..3.4", false)]
        [InlineData("1.2.3.256", false)]
        [InlineData("1.2.3.0004", false)]
        [InlineData("a.b.c.d", false)]
        [InlineData(null, false)]
        public void Ipv4Parsing(string text, bool valid)
        {
            Assert.Equal(valid, Ipv4.TryParse(text, out uint value));
            if (valid) Assert.Equal(text, Ipv4.Format(value));
        }
    }
}
