using DeskPhone.Domain.Provisioning;
using Xunit;

namespace DeskPhone.Firmware.Tests.Provisioning
{
    public class SchemeChannelTests
    {
        [Fact]
        public void HttpGoesToThePlainChannelAndHttpsToTheTlsOne()
        {
            var plain = new FakeHttpChannel();
            var tls = new FakeHttpChannel();
            plain.Script.Enqueue(FakeHttpChannel.Answer.Of("plain"));
            tls.Script.Enqueue(FakeHttpChannel.Answer.Of("secure"));
            var channel = new SchemeChannel(plain, tls);

            Assert.True(channel.Open("10.0.0.1", 80, false));
            Assert.Equal(HttpChannelState.Connected, channel.State);
            Assert.True(channel.Send(new byte[] { (byte)'G' }, 0, 1));
            var buffer = new byte[16];
            Assert.Equal("plain", System.Text.Encoding.ASCII.GetString(buffer, 0, channel.Receive(buffer, 0, 16)));

            Assert.True(channel.Open("example.test", 443, true));
            Assert.Equal("secure", System.Text.Encoding.ASCII.GetString(buffer, 0, channel.Receive(buffer, 0, 16)));
            Assert.Equal(new[] { "G" }, plain.Requests);
            Assert.Single(tls.Opens);
            Assert.Equal(("example.test", 443), (tls.Opens[0].Host, tls.Opens[0].Port));
            Assert.True(tls.Tls);
        }

        [Fact]
        public void EachOpenAndCloseClosesBothSoNoConnectionOutlivesTheFetch()
        {
            var plain = new FakeHttpChannel();
            var tls = new FakeHttpChannel();
            var channel = new SchemeChannel(plain, tls);

            channel.Open("10.0.0.1", 80, false);
            channel.Close();

            Assert.Equal(2, plain.Closes);
            Assert.Equal(2, tls.Closes);
            // A refused plain connection answers as failed through the scheme channel too.
            Assert.Equal(HttpChannelState.Failed, channel.State);
        }
    }
}
