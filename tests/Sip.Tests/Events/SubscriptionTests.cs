using System.Collections.Generic;
using DeskPhone.Sip.Events;

namespace DeskPhone.Sip.Tests.Events
{
    public class SubscriptionTests
    {
        private sealed class RecordingSender : ISubscribeSender
        {
            public readonly List<string> Sent = new List<string>();

            public void SendSubscribe(Subscription subscription, bool newDialog, int expiresSeconds) =>
                Sent.Add((newDialog ? "new" : "refresh") + " " + expiresSeconds +
                         (subscription.Body != null ? " " + subscription.BodyContentType + " " + subscription.Body.Length : ""));
        }

        /// <summary>An owner that only names the sender: these tests drive the subscription's own calls.</summary>
        private sealed class SenderOnly : INotifyConsumer
        {
            public SenderOnly(ISubscribeSender sender) => Sender = sender;

            public ISubscribeSender Sender { get; }

            public Subscription First { get; set; }

            public string AcceptOf(string eventPackage) => null;

            public int OnNotify(Subscription subscription, DeskPhone.Sip.Message.SipMessage notify, long nowMs) => 200;
        }

        private readonly RecordingSender _sender = new RecordingSender();

        private Subscription Make(int expires = 600) => new Subscription(new SenderOnly(_sender), "dialog", "sip:bob@pbx", 1, expires);

        [Fact]
        public void AnOwnersSubscriptionsChainInTheOrderMadeAndADroppedOneLeavesTheChain()
        {
            // The owner keeps no array of them: its chain through the subscriptions themselves, ended by the owner.
            var owner = new SenderOnly(_sender);
            var a = new Subscription(owner, "dialog", "sip:a@pbx", 1, 600);
            var b = new Subscription(owner, "presence", "sip:b@pbx", 1, 600);
            var c = new Subscription(owner, "dialog", "sip:c@pbx", 2, 600);
            Assert.Same(a, owner.First);
            Assert.Same(b, a.Next);
            Assert.Same(c, b.Next);
            Assert.Null(c.Next);
            Assert.Same(owner, a.Owner);
            Assert.Same(owner, c.Owner);

            b.Drop();
            Assert.Same(c, a.Next);
            Assert.Null(b.Next);
            Assert.Same(owner, b.Owner);
            a.Drop();
            Assert.Same(c, owner.First);
            c.Drop();
            Assert.Null(owner.First);
            Assert.Same(owner, c.Owner);
        }

        [Fact]
        public void RefreshesBeforeExpiry()
        {
            var s = Make();
            s.Start(0);
            s.OnResponse(200, 600, -1, 100);
            Assert.Equal(SubscriptionState.Active, s.State);

            s.Tick(100 + 539_999);
            Assert.Single(_sender.Sent);
            s.Tick(100 + 540_000);

            Assert.Equal(new[] { "new 600", "refresh 600" }, _sender.Sent);
            Assert.Equal(SubscriptionState.Sent, s.State);
        }

        [Fact]
        public void ShortGrantStillRefreshesAheadOfExpiry()
        {
            var s = Make(60);
            s.Start(0);
            s.OnResponse(202, 10, -1, 0);
            s.Tick(4_999);
            Assert.Single(_sender.Sent);
            s.Tick(5_000);
            Assert.Equal(2, _sender.Sent.Count);
        }

        [Fact]
        public void FailuresBackOffExponentiallyUpToTheCap()
        {
            var s = Make();
            s.Start(0);
            long now = 0;
            var waits = new List<long>();
            for (int i = 0; i < 10; i++)
            {
                s.OnResponse(503, -1, -1, now);
                long due = s.DueMs;
                waits.Add(due - now);
                now = due;
                s.Tick(now);
            }
            Assert.Equal(new long[] { 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000 }, waits);
            Assert.Equal(10, s.Failures);
            Assert.Equal("503", s.LastError);
        }

        [Fact]
        public void TheFailureCountStopsAt2047AndLeavesTheIdentityStateAndBackOffAlone()
        {
            // State, identity, back-off and failures share one int (docs/sip-stack.md, "Events"): none spills into another.
            var s = new Subscription(new SenderOnly(_sender), "dialog", "sip:bob@pbx", 12, 600);
            s.Start(0);
            long now = 0;
            for (int i = 0; i < 2100; i++)
            {
                s.OnResponse(503, -1, -1, now);
                now = s.DueMs;
                s.Tick(now);
            }
            Assert.Equal(2047, s.Failures);
            Assert.Equal(12, s.Identity);
            Assert.Equal(SubscriptionState.Sent, s.State);
            Assert.False(s.HasDialog);
            s.OnResponse(503, -1, -1, now);
            Assert.Equal(300000, s.DueMs - now);
            Assert.Equal(SubscriptionState.Waiting, s.State);

            s.Tick(s.DueMs);
            s.OnResponse(200, 600, -1, now);
            Assert.Equal(0, s.Failures);
            Assert.True(s.HasDialog);
            Assert.Equal(SubscriptionState.Active, s.State);
            Assert.Equal(12, s.Identity);
            Assert.Null(s.LastError);
        }

        [Fact]
        public void SuccessResetsTheBackOff()
        {
            var s = Make();
            s.Start(0);
            s.OnResponse(500, -1, -1, 0);
            s.Tick(2000);
            s.OnResponse(500, -1, -1, 2000);
            s.Tick(6000);
            s.OnResponse(200, 600, -1, 6000);
            Assert.Equal(0, s.Failures);
            s.Tick(6000 + 540_000);
            s.OnResponse(500, -1, -1, 546_000);
            Assert.Equal(546_000 + 2000, s.DueMs);
        }

        [Fact]
        public void Answer481StartsANewDialogAtOnce()
        {
            var s = Make();
            s.Start(0);
            s.OnResponse(200, 600, -1, 0);
            s.Tick(540_000);
            s.OnResponse(481, -1, -1, 540_010);

            Assert.False(s.HasDialog);
            s.Tick(540_010);
            Assert.Equal(new[] { "new 600", "refresh 600", "new 600" }, _sender.Sent);
        }

        [Fact]
        public void IntervalTooBriefRetriesWithMinExpires()
        {
            var s = Make(60);
            s.Start(0);
            s.OnResponse(423, -1, 3600, 5);
            Assert.Equal(new[] { "new 60", "new 3600" }, _sender.Sent);
            Assert.Equal(3600, s.RequestedExpires);
        }

        [Fact]
        public void NotifyBeforeTheOkActivatesAndTheLateOkIsHarmless()
        {
            var s = Make();
            s.Start(0);
            Assert.Equal(200, s.OnNotify("active", 300, null, 10));
            Assert.Equal(SubscriptionState.Active, s.State);
            s.OnResponse(200, 600, -1, 20);
            Assert.Equal(SubscriptionState.Active, s.State);
            s.Tick(10 + 270_000);
            Assert.Equal(2, _sender.Sent.Count);
        }

        [Fact]
        public void TerminatedNotifyResubscribesWithBackOffOrAtOnceWhenDeactivated()
        {
            var s = Make();
            s.Start(0);
            s.OnResponse(200, 600, -1, 0);
            Assert.Equal(200, s.OnNotify("terminated", -1, "deactivated", 100));
            Assert.Equal(SubscriptionState.Waiting, s.State);
            Assert.Equal(100, s.DueMs);

            s.Tick(100);
            s.OnResponse(200, 600, -1, 110);
            s.OnNotify("terminated", -1, "noresource", 200);
            Assert.Equal(200 + Subscription.MaxRetryMs, s.DueMs);
            Assert.Equal("terminated;reason=noresource", s.LastError);
        }

        [Fact]
        public void NoAnswerCountsAsAFailure()
        {
            var s = Make();
            s.Start(0);
            s.Tick(Subscription.AnswerTimeoutMs);
            Assert.Equal(SubscriptionState.Waiting, s.State);
            Assert.Equal("no answer", s.LastError);
        }

        [Fact]
        public void StopUnsubscribesAndRefusesLaterNotifies()
        {
            var s = Make();
            s.Start(0);
            s.OnResponse(200, 600, -1, 0);
            s.Stop();
            Assert.Equal("refresh 0", _sender.Sent[1]);
            Assert.Equal(481, s.OnNotify("active", 600, null, 10));
            s.Tick(10_000_000);
            Assert.Equal(2, _sender.Sent.Count);
        }
    
        [Fact]
        public void BadEventIsNeverRetriedAndLaterNotifiesAreRefused()
        {
            var s = Make();
            s.Start(0);
            s.OnResponse(489, -1, -1, 10);

            Assert.Equal(SubscriptionState.Refused, s.State);
            Assert.Equal(1, s.Failures);
            s.Tick(Subscription.MaxRetryMs * 10);
            Assert.Single(_sender.Sent);
            Assert.Equal(481, s.OnNotify("active", 600, null, 20));
            s.Start(30);
            Assert.Equal(2, _sender.Sent.Count);
        }

        [Theory]
        [InlineData("dialog")]
        [InlineData("presence")]
        [InlineData("message-summary")]
        [InlineData("reg")]
        [InlineData("as-feature-event")]
        [InlineData("call-completion")]
        [InlineData("x")]
        public void EveryPackageIsGivenBackAsAskedForWhetherKeptAsACodeOrAsItIs(string package)
        {
            // The phone's own packages are kept as one character of the subscription's text (docs/benchmarks.md, h-officerest).
            var s = new Subscription(new SenderOnly(_sender), package, "sip:bob@pbx", 1, 600);
            s.Start(0);
            s.OnResponse(503, -1, -1, 10);
            Assert.Equal(package, s.EventPackage);
            Assert.Equal("sip:bob@pbx", s.Target);
            Assert.Equal("503", s.LastError);
        }

        [Fact]
        public void TheLastFailureIsKeptBesideThePackageAndTargetUntilTheNextSuccess()
        {
            // The failure is kept at the end of the subscription's one string (docs/benchmarks.md, h-office4).
            var s = Make();
            s.Start(0);
            s.OnResponse(503, -1, -1, 10);
            Assert.Equal("503", s.LastError);
            Assert.Equal("dialog", s.EventPackage);
            Assert.Equal("sip:bob@pbx", s.Target);
            s.Tick(s.DueMs);
            Assert.Equal("503", s.LastError);
            Assert.Equal(200, s.OnNotify("terminated", -1, "timeout", s.DueMs + 1));
            Assert.Equal("terminated;reason=timeout", s.LastError);
            s.Tick(s.DueMs);
            Assert.Equal(200, s.OnNotify("active", 600, null, s.DueMs + 1));
            Assert.Null(s.LastError);
            Assert.Equal(0, s.Failures);
            Assert.Equal("sip:bob@pbx", s.Target);

            // A body waiting to go out keeps the text; a failure lets it go, as before.
            Assert.True(s.SendBody(new byte[3], "x/y", 40000));
            Assert.Equal(3, s.Body.Length);
            Assert.Equal("sip:bob@pbx", s.Target);
            s.OnResponse(500, -1, -1, 40010);
            Assert.Null(s.Body);
            Assert.Equal("500", s.LastError);
            Assert.Equal("dialog", s.EventPackage);
        }

        [Fact]
        public void BodyGoesOutOnlyInAnActiveDialogAndOnlyForThatSend()
        {
            var s = Make();
            Assert.False(s.SendBody(new byte[3], "x/y", 0));
            s.Start(0);
            Assert.False(s.SendBody(new byte[3], "x/y", 0));
            s.OnResponse(200, 600, -1, 10);

            Assert.True(s.SendBody(new byte[3], "x/y", 20));
            Assert.Equal("refresh 600 x/y 3", _sender.Sent[1]);
            Assert.False(s.SendBody(new byte[3], "x/y", 30));
            s.OnResponse(200, 600, -1, 40);
            s.Refresh(50);
            Assert.Equal("refresh 600", _sender.Sent[2]);
        }
    }
}
