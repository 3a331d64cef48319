using System.Collections.Generic;
using DeskPhone.Domain.Presence;
using DeskPhone.Sip.Events;

namespace DeskPhone.Firmware.Tests.Presence
{
    /// <summary>A key whose subscription the heap reserve refuses (<see cref="IMonitoredListener.AdmitKey"/>): no SUBSCRIBE, no state, taken on when asked again.</summary>
    public class MonitoredRefusalTests
    {
        private sealed class Sender : ISubscribeSender
        {
            public readonly List<string> Sent = new List<string>();

            public void SendSubscribe(Subscription s, bool newDialog, int expires) => Sent.Add(s.Target);
        }

        private readonly Sender _sender = new Sender();
        private readonly MonitoredExtensions _blf;
        private readonly RecordingMonitoredListener _listener = new RecordingMonitoredListener { Room = false };

        public MonitoredRefusalTests()
        {
            _blf = new MonitoredExtensions(_sender) { Listener = _listener };
        }

        [Fact]
        public void ARefusedKeySendsNothingShowsNothingAndIsTakenOnWhenConfiguredAgainWithRoom()
        {
            Assert.Null(_blf.Configure(3, "blf sip:bob@pbx", 1, 0));
            Assert.Null(_blf.Configure(68, "presence sip:carol@pbx", 1, 0));
            Assert.Empty(_sender.Sent);
            Assert.True(_blf.IsRefused(3));
            Assert.True(_blf.IsRefused(68));
            Assert.Equal(2, _blf.RefusedCount);
            Assert.Equal(0, _blf.Count);
            Assert.Null(_blf.StateOf(3));
            Assert.Equal(481, KeyNotify.Send(_blf, 3, null, new byte[0], "active", 3600, 0));

            _listener.Room = true;
            Assert.Null(_blf.Configure(3, "blf sip:bob@pbx", 1, 0));
            Assert.Equal(new[] { "sip:bob@pbx" }, _sender.Sent);
            Assert.False(_blf.IsRefused(3));
            Assert.Equal("IDLE", _blf.StateOf(3));
            Assert.Equal(1, _blf.RefusedCount);
            Assert.Equal(0, _listener.TakenBefore);

            // The admission is told the keys taken on before the one asked for (the reserve keeps room for them to ring).
            Assert.Null(_blf.Configure(68, "presence sip:carol@pbx", 1, 0));
            Assert.Equal(1, _listener.TakenBefore);
        }

        [Fact]
        public void AKeyConfiguredToNothingOrToSomethingInvalidIsNoLongerRefused()
        {
            _blf.Configure(5, "blf sip:bob@pbx", 1, 0);
            _blf.Configure(6, "blf sip:dave@pbx", 1, 0);
            Assert.Null(_blf.Configure(5, "none", 1, 0));
            Assert.NotNull(_blf.Configure(6, "blf bob", 1, 0));
            Assert.False(_blf.IsRefused(5));
            Assert.False(_blf.IsRefused(6));
            Assert.Equal(0, _blf.RefusedCount);
        }
    }
}
