using System;
using System.Collections.Generic;
using DeskPhone.Domain.Time;
using Xunit;

namespace DeskPhone.Firmware.Tests.Time
{
    public class SntpClientTests
    {
        private static readonly DateTime Server = new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc);

        private readonly FakeNtpChannel _channel = new FakeNtpChannel();
        private readonly SntpClient _client;
        private readonly List<int> _states = new List<int>();

        public SntpClientTests()
        {
            _client = new SntpClient(_channel);
            _client.StateChanged += s => _states.Add(s);
        }

        private void PollUntil(ref long now, long until)
        {
            for (; now <= until; now += 10)
            {
                _channel.Now = now;
                _client.Poll(now);
            }
        }

        [Fact]
        public void WithoutAServerNothingIsSent()
        {
            _client.Configure("", 3600, 0);
            long now = 0;
            PollUntil(ref now, 10_000);
            Assert.Empty(_channel.Sent);
            Assert.Equal(SntpClient.Off, _client.State);
            Assert.False(_client.TimeKnown);
        }

        [Fact]
        public void TheFirstAnswerSetsTheTimeWithHalfTheRoundTrip()
        {
            _client.Configure("ntp.example.net", 3600, 1000);
            Assert.Equal(SntpClient.Waiting, _client.State);
            _client.Poll(1000);
            Assert.Single(_channel.Sent);
            Assert.Equal(("ntp.example.net", 123, 48), (_channel.Sent[0].Host, _channel.Sent[0].Port, _channel.Sent[0].Length));
            // The server held the request 10 ms; the round trip took 110 ms: 50 ms each way.
            _channel.Inbound.Enqueue(NtpServerAnswer.For(_channel.LastRequest, Server, Server.AddMilliseconds(10)));
            _client.Poll(1110);
            Assert.Equal(SntpClient.Synchronized, _client.State);
            Assert.True(_client.TimeKnown);
            Assert.Equal(Server.AddMilliseconds(60), DateTime.SpecifyKind(_client.UtcAt(1110), DateTimeKind.Utc));
            Assert.Equal(Server.AddMilliseconds(60 + 61_000), DateTime.SpecifyKind(_client.UtcAt(1110 + 61_000), DateTimeKind.Utc));
            Assert.Equal(new[] { SntpClient.Waiting, SntpClient.Synchronized }, _states);
        }

        [Fact]
        public void AnExplicitPortIsUsed()
        {
            _client.Configure("127.0.0.5:11123", 3600, 0);
            _client.Poll(0);
            Assert.Equal(("127.0.0.5", 11123), (_channel.Sent[0].Host, _channel.Sent[0].Port));
        }

        [Fact]
        public void UnansweredRequestsBackOffAndMakeTheServerUnreachable()
        {
            _client.Configure("10.0.0.1", 3600, 0);
            long now = 0;
            PollUntil(ref now, 60_000);
            // Each request waits 2 s for its answer, then 2, 4, 8, 16 s pass before the next.
            Assert.Equal(new long[] { 0, 4_000, 10_000, 20_000, 38_000 }, _channel.Sent.ConvertAll(x => x.At));
            Assert.Equal(new[] { SntpClient.Waiting, SntpClient.Unreachable }, _states);
            Assert.False(_client.TimeKnown);
        }

        [Fact]
        public void UnreachableAfterTheThirdFailureAndBackWhenItAnswers()
        {
            _client.Configure("10.0.0.1", 3600, 0);
            long now = 0;
            PollUntil(ref now, 13_990);
            // Requests at 0, 4 s (2 s timeout + 2 s), 10 s (+2 + 4): the third times out at 12 s.
            Assert.Equal(3, _channel.Sent.Count);
            Assert.Equal(SntpClient.Unreachable, _client.State);
            PollUntil(ref now, 20_000);
            Assert.Equal(4, _channel.Sent.Count); // at 20 s (12 + 8)
            _channel.Inbound.Enqueue(NtpServerAnswer.For(_channel.LastRequest, Server, Server));
            _client.Poll(now);
            Assert.Equal(SntpClient.Synchronized, _client.State);
        }

        [Fact]
        public void AfterAFailureTheNextServerIsAskedAtOnceAndTheOneThatAnswersIsKept()
        {
            _client.Configure("10.0.0.1 10.0.0.2:1123,ntp3.example", 60, 0);
            long now = 0;
            PollUntil(ref now, 2_000);
            // 10.0.0.1 at 0 is unanswered for 2 s; 10.0.0.2 is asked on the same turn.
            Assert.Equal(new[] { ("10.0.0.1", 123, 0L), ("10.0.0.2", 1123, 2_000L) }, _channel.Sent.ConvertAll(x => (x.Host, x.Port, x.At)));
            Assert.Equal(SntpClient.Waiting, _client.State);
            Assert.Equal("10.0.0.2:1123", _client.Server);
            _channel.Inbound.Enqueue(NtpServerAnswer.For(_channel.LastRequest, Server, Server));
            PollUntil(ref now, 2_100);
            Assert.Equal(SntpClient.Synchronized, _client.State);
            Assert.Equal(2_010, _client.LastSyncMs);

            // The refresh asks the server that answered.
            PollUntil(ref now, 62_100);
            Assert.Equal(("10.0.0.2", 1123, 62_010L), (_channel.Sent[2].Host, _channel.Sent[2].Port, _channel.Sent[2].At));
        }

        [Fact]
        public void EveryServerFailingMakesThemUnreachableAndTheRoundBacksOff()
        {
            _client.Configure("10.0.0.1 10.0.0.2", 3600, 0);
            long now = 0;
            PollUntil(ref now, 20_000);
            // A round: 10.0.0.1 at 0, 10.0.0.2 at 2 s; both failed at 4 s: 2 s back-off, then the next round at 6 s
            // (failed at 10 s), 4 s back-off: 14 s.
            Assert.Equal(new[] { ("10.0.0.1", 0L), ("10.0.0.2", 2_000L), ("10.0.0.1", 6_000L), ("10.0.0.2", 8_000L), ("10.0.0.1", 14_000L), ("10.0.0.2", 16_000L) },
                _channel.Sent.ConvertAll(x => (x.Host, x.At)));
            // Unreachable from the third failure in a row (at 8 s), not after the first server alone.
            Assert.Equal(new[] { SntpClient.Waiting, SntpClient.Unreachable }, _states);
        }

        [Fact]
        public void OnlyTheFirstFourServersAreUsed()
        {
            _client.Configure("10.0.0.1 10.0.0.2 10.0.0.3 10.0.0.4 10.0.0.5", 3600, 0);
            long now = 0;
            PollUntil(ref now, 12_000);
            Assert.DoesNotContain(_channel.Sent, x => x.Host == "10.0.0.5");
            Assert.Equal("10.0.0.1", _channel.Sent[4].Host);
        }

        [Fact]
        public void AnAnswerToAnotherRequestIsIgnored()
        {
            _client.Configure("10.0.0.1", 3600, 0);
            _client.Poll(0);
            byte[] stale = NtpServerAnswer.For(_channel.LastRequest, Server, Server);
            stale[24] ^= 0xFF;
            _channel.Inbound.Enqueue(stale);
            _client.Poll(50);
            Assert.Equal(SntpClient.Waiting, _client.State);
            Assert.Equal(SntpClient.NotOurs, _client.LastRefusal);
            _channel.Inbound.Enqueue(NtpServerAnswer.For(_channel.LastRequest, Server, Server));
            _client.Poll(60);
            Assert.Equal(SntpClient.Synchronized, _client.State);
        }

        [Fact]
        public void EachRequestCarriesANewNonce()
        {
            _client.Configure("10.0.0.1", 1, 0);
            long now = 0;
            _client.Poll(now);
            _channel.Inbound.Enqueue(NtpServerAnswer.For(_channel.LastRequest, Server, Server));
            PollUntil(ref now, 1_000);
            Assert.Equal(2, _channel.Sent.Count);
            Assert.NotEqual(_channel.Sent[0].Data[40..48], _channel.Sent[1].Data[40..48]);
        }

        [Fact]
        public void AKissOfDeathWaitsTheLongestInterval()
        {
            _client.Configure("10.0.0.1", 3600, 0);
            _client.Poll(0);
            _channel.Inbound.Enqueue(NtpServerAnswer.For(_channel.LastRequest, Server, Server, stratum: 0));
            long now = 10;
            PollUntil(ref now, SntpClient.MaxRetryMs);
            Assert.Single(_channel.Sent);
            PollUntil(ref now, SntpClient.MaxRetryMs + 20);
            Assert.Equal(2, _channel.Sent.Count);
            Assert.Equal(SntpClient.KissOfDeath, _client.LastRefusal);
        }

        [Fact]
        public void RefreshesAfterTheIntervalAndKeepsTheTimeWhenARefreshFails()
        {
            _client.Configure("10.0.0.1", 60, 0);
            _client.Poll(0);
            _channel.Inbound.Enqueue(NtpServerAnswer.For(_channel.LastRequest, Server, Server));
            long now = 10;
            PollUntil(ref now, 60_000);
            Assert.Single(_channel.Sent);
            PollUntil(ref now, 60_020);
            Assert.Equal(2, _channel.Sent.Count);
            PollUntil(ref now, 200_000);
            Assert.Equal(SntpClient.Unreachable, _client.State);
            Assert.True(_client.TimeKnown);
        }

        [Fact]
        public void AnUnresolvableServerCountsAsAFailure()
        {
            _channel.Unresolvable = true;
            _client.Configure("no-such-host.invalid", 3600, 0);
            long now = 0;
            PollUntil(ref now, 8_000);
            // At 0, 2 s and 6 s: no answer to wait for, only the back-off.
            Assert.Equal(3, _channel.Sent.Count);
            Assert.Equal(SntpClient.Unreachable, _client.State);
        }

        [Fact]
        public void ChangingTheServerStartsOverAndClearingItStops()
        {
            _client.Configure("10.0.0.1", 3600, 0);
            long now = 0;
            PollUntil(ref now, 20_000);
            Assert.Equal(SntpClient.Unreachable, _client.State);
            _client.Configure("10.0.0.2", 3600, now);
            Assert.Equal(SntpClient.Waiting, _client.State);
            _client.Poll(now);
            Assert.Equal("10.0.0.2", _channel.Sent[^1].Host);
            int sent = _channel.Sent.Count;
            _client.Configure("", 3600, now);
            Assert.Equal(SntpClient.Off, _client.State);
            PollUntil(ref now, 100_000);
            Assert.Equal(sent, _channel.Sent.Count);
        }

        [Fact]
        public void PollingAllocatesNothing()
        {
            _client.Configure("10.0.0.1", 60, 0);
            _client.Poll(0);
            _channel.Inbound.Enqueue(NtpServerAnswer.For(_channel.LastRequest, Server, Server));
            _client.Poll(10);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (long now = 20; now < 50_000; now += 10)
            {
                _client.Poll(now);
            }
            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        }
    }
}
