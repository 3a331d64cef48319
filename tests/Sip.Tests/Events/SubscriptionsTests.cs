using System.Collections.Generic;
using DeskPhone.Sip.Events;
using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Tests.Events
{
    /// <summary>
    /// The events layer at its boundary: the SUBSCRIBE bytes it gives the core (new dialog, refresh, unsubscribe),
    /// its pacing against the core's client transaction slots, its bounded queue and dialog table, and the answers to
    /// NOTIFYs (the owner's status in a dialog, 481 for a dialog it does not hold).
    /// </summary>
    public class SubscriptionsTests
    {
        private sealed class Owner : INotifyConsumer
        {
            public readonly List<string> Seen = new List<string>();
            public int Status = 200;

            public ISubscribeSender Sender { get; set; }

            public Subscription First { get; set; }

            public string AcceptOf(string eventPackage) => "application/dialog-info+xml";

            public int OnNotify(Subscription subscription, SipMessage notify, long nowMs)
            {
                int status = subscription.OnNotify(notify, nowMs);
                // What the subscription read from the Subscription-State: its state after, its dialog (gone when terminated).
                Seen.Add(subscription.Target + " " + (notify.GetHeader(HeaderNames.SubscriptionState) ?? "-") + " " + subscription.State + " " +
                         subscription.HasDialog + " " + notify.ContentType + " " + notify.BodyLength);
                return status == 200 ? Status : status;
            }
        }

        private readonly FakeClientCore _core = new FakeClientCore();
        private readonly Owner _owner = new Owner();
        private readonly Subscriptions _events;

        public SubscriptionsTests()
        {
            _core.SetIdentity(1, "100", "10.0.0.1");
            _events = new Subscriptions(_core, 8);
            _owner.Sender = _events;
        }

        /// <summary>
        /// A NOTIFY as the phone's routing (IdentityRouting) hands it to the layer: the dialog's subscription to its owner,
        /// 481 for a dialog (a To tag) the layer does not hold, -1 for one that is not the layer's.
        /// </summary>
        private int Deliver(SipMessage notify, long nowMs)
        {
            Subscription s = _events.InDialog(notify, nowMs);
            return s != null ? s.Owner.OnNotify(s, notify, nowMs) : notify.ToTag != null ? 481 : -1;
        }

        private Subscription Start(string target = "sip:200@10.0.0.1", long nowMs = 0)
        {
            var s = new Subscription(_owner, "dialog", target, 1, 3600);
            s.Start(nowMs);
            return s;
        }

        private static string Notify(string callId, string fromTag, string toTag, string state, string body = "")
        {
            return "NOTIFY sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKn1\r\n" +
                   "Max-Forwards: 70\r\nFrom: <sip:200@10.0.0.1>;tag=" + fromTag + "\r\nTo: <sip:100@10.0.0.1>" +
                   (toTag != null ? ";tag=" + toTag : "") + "\r\nCall-ID: " + callId + "\r\nCSeq: 1 NOTIFY\r\nEvent: dialog\r\n" +
                   (state != null ? "Subscription-State: " + state + "\r\n" : "") +
                   (body.Length > 0 ? "Content-Type: application/dialog-info+xml\r\n" : "") + "Content-Length: " + body.Length + "\r\n\r\n" + body;
        }

        /// <summary>
        /// The local tag of a SUBSCRIBE: the layer's random number in 8 hex digits and the dialog's number in hex
        /// (<paramref name="dialog"/>), not kept per subscription.
        /// </summary>
        private static string TagOf(string request, int dialog)
        {
            string from = FakeClientCore.Header(request, "From");
            string tag = from.Substring(from.IndexOf(";tag=") + 5);
            Assert.Matches("^[0-9a-f]{8}" + dialog.ToString("x") + "$", tag);
            return tag;
        }

        [Fact]
        public void NothingGoesOutBeforeTheFirstPollThenTheSubscribeIsByteExact()
        {
            Start();
            Assert.Empty(_core.Sent);
            Assert.Equal(1, _events.WaitingCount);

            _events.Poll(10);

            FakeClientCore.Request r = Assert.Single(_core.Sent);
            Assert.Equal(("SUBSCRIBE", "sip:200@10.0.0.1", "10.0.0.1", 5060), (r.Method, r.Uri, r.Address, r.Port));
            string tag = TagOf(r.Text, 1);
            Assert.Equal(
                "SUBSCRIBE sip:200@10.0.0.1 SIP/2.0\r\n" +
                "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKb;rport\r\n" +
                "Max-Forwards: 70\r\n" +
                "From: <sip:100@10.0.0.1>;tag=" + tag + "\r\n" +
                "To: <sip:200@10.0.0.1>\r\n" +
                "Call-ID: " + tag + "-sub\r\n" +
                "CSeq: 1 SUBSCRIBE\r\n" +
                "Contact: <sip:100@192.0.2.10:5060;line=dp1>\r\n" +
                "Event: dialog\r\n" +
                "Accept: application/dialog-info+xml\r\n" +
                "Expires: 3600\r\n" +
                "User-Agent: DeskPhone\r\n" +
                "Content-Length: 0\r\n\r\n", r.Text);
            Assert.Equal(0, _events.WaitingCount);
        }

        [Fact]
        public void TheRefreshAndTheUnsubscribeStayInTheDialog()
        {
            Subscription s = Start();
            _events.Poll(0);
            string tag = TagOf(_core.Last.Text, 1);
            _core.Answer(_core.Last, 200, "Expires: 600\r\n", 100);
            Assert.Equal(SubscriptionState.Active, s.State);

            s.Tick(100 + 540_000);
            Assert.Equal(2, _core.Sent.Count);
            Assert.Equal(
                "SUBSCRIBE sip:200@10.0.0.1 SIP/2.0\r\n" +
                "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKb;rport\r\n" +
                "Max-Forwards: 70\r\n" +
                "From: <sip:100@10.0.0.1>;tag=" + tag + "\r\n" +
                "To: <sip:200@10.0.0.1>;tag=srv\r\n" +
                "Call-ID: " + tag + "-sub\r\n" +
                "CSeq: 2 SUBSCRIBE\r\n" +
                "Contact: <sip:100@192.0.2.10:5060;line=dp1>\r\n" +
                "Event: dialog\r\n" +
                "Accept: application/dialog-info+xml\r\n" +
                "Expires: 3600\r\n" +
                "User-Agent: DeskPhone\r\n" +
                "Content-Length: 0\r\n\r\n", _core.Last.Text);
            _core.Answer(_core.Last, 200, "Expires: 600\r\n", 540_200);

            s.Stop();
            s.Drop();

            Assert.Equal(3, _core.Sent.Count);
            Assert.Equal(
                "SUBSCRIBE sip:200@10.0.0.1 SIP/2.0\r\n" +
                "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKb;rport\r\n" +
                "Max-Forwards: 70\r\n" +
                "From: <sip:100@10.0.0.1>;tag=" + tag + "\r\n" +
                "To: <sip:200@10.0.0.1>;tag=srv\r\n" +
                "Call-ID: " + tag + "-sub\r\n" +
                "CSeq: 3 SUBSCRIBE\r\n" +
                "Contact: <sip:100@192.0.2.10:5060;line=dp1>\r\n" +
                "Event: dialog\r\n" +
                "Accept: application/dialog-info+xml\r\n" +
                "Expires: 0\r\n" +
                "User-Agent: DeskPhone\r\n" +
                "Content-Length: 0\r\n\r\n", _core.Last.Text);
            Assert.Equal(0, _events.DialogCount);
        }

        [Fact]
        public void AMinExpiresInTheDialogRaisesExpiresAndTheCSeqGoesOn()
        {
            // The CSeq and the Expires asked for share one long: each half changes alone.
            Subscription s = Start();
            _events.Poll(0);
            _core.Answer(_core.Last, 200, "Expires: 600\r\n", 100);
            s.Tick(100 + 540_000);
            Assert.Contains("\r\nCSeq: 2 SUBSCRIBE\r\n", _core.Last.Text);

            _core.Answer(_core.Last, 423, "Min-Expires: 7200\r\n", 540_200);

            Assert.Equal(3, _core.Sent.Count);
            Assert.Contains("\r\nCSeq: 3 SUBSCRIBE\r\n", _core.Last.Text);
            Assert.Contains("\r\nExpires: 7200\r\n", _core.Last.Text);
            Assert.Equal(7200, s.RequestedExpires);
            _core.Answer(_core.Last, 200, "Expires: 7200\r\n", 540_300);
            s.Stop();
            s.Drop();
            Assert.Contains("\r\nCSeq: 4 SUBSCRIBE\r\n", _core.Last.Text);
            Assert.Contains("\r\nExpires: 0\r\n", _core.Last.Text);
        }

        [Fact]
        public void ABodyGoesOutInTheDialogWithItsType()
        {
            Subscription s = Start();
            _events.Poll(0);
            _core.Answer(_core.Last, 200, "Expires: 600\r\n", 100);

            Assert.True(s.SendBody(System.Text.Encoding.UTF8.GetBytes("<x/>"), "application/x-as-feature-event+xml", 200));

            string sent = _core.Last.Text;
            Assert.Contains("CSeq: 2 SUBSCRIBE\r\n", sent);
            Assert.EndsWith("Content-Type: application/x-as-feature-event+xml\r\nContent-Length: 4\r\n\r\n<x/>", sent);
            s.OnResponse(200, 600, -1, 300);
            s.Refresh(400);
            Assert.EndsWith("Content-Length: 0\r\n\r\n", _core.Last.Text);
        }

        [Fact]
        public void AnIdentityTurnedOffStillEndsItsSubscriptionWithTheIdentityThatMadeIt()
        {
            Subscription s = Start();
            _events.Poll(0);
            _core.Answer(_core.Last, 200, "", 100);
            _core.SetIdentity(1, "100", "10.0.0.1", active: false);

            s.Stop();

            Assert.Equal(2, _core.Sent.Count);
            Assert.Equal("100", _core.Last.Identity.User);
            Assert.Contains("Expires: 0\r\n", _core.Last.Text);
        }

        [Fact]
        public void FourGoOutAtATimeTheRestWaitInOrder()
        {
            var subs = new List<Subscription>();
            for (int i = 0; i < 7; i++)
            {
                subs.Add(Start("sip:2" + i + "@10.0.0.1"));
            }
            _events.Poll(0);

            Assert.Equal(Subscriptions.MaxInFlight, _core.Sent.Count);
            Assert.Equal(3, _events.WaitingCount);

            _core.Answer(_core.Sent[0], 200, "", 10);
            _core.Answer(_core.Sent[1], 200, "", 10);
            _events.Poll(20);

            Assert.Equal(new[] { "sip:20@10.0.0.1", "sip:21@10.0.0.1", "sip:22@10.0.0.1", "sip:23@10.0.0.1", "sip:24@10.0.0.1", "sip:25@10.0.0.1" },
                _core.Sent.ConvertAll(r => r.Uri));
            Assert.Equal(1, _events.WaitingCount);
        }

        [Fact]
        public void TheQueueGrowsToItsBoundKeepingTheOrderAndRefusesBeyondIt()
        {
            // The queue's array starts small and doubles (docs/sip-stack.md, "Transactions"): 30 wait in order, the
            // 31st of a layer holding 30 dialogs is refused locally as before.
            var events = new Subscriptions(_core, 30);
            _owner.Sender = events;
            var subs = new List<Subscription>();
            for (int i = 0; i < 31; i++)
            {
                var s = new Subscription(_owner, "dialog", "sip:2" + i.ToString("00") + "@10.0.0.1", 1, 3600);
                s.Start(0);
                subs.Add(s);
            }
            Assert.Equal(30, events.WaitingCount);
            Assert.Equal("503", subs[30].LastError);

            long now = 0;
            while (_core.Sent.Count < 30 && now < 10000)
            {
                events.Poll(now += 10);
                foreach (FakeClientCore.Request r in _core.Sent)
                {
                    if (!r.Answered)
                    {
                        _core.Answer(r, 200, "", now);
                    }
                }
            }
            var expected = new List<string>();
            for (int i = 0; i < 30; i++)
            {
                expected.Add("sip:2" + i.ToString("00") + "@10.0.0.1");
            }
            Assert.Equal(expected, _core.Sent.ConvertAll(r => r.Uri));
            Assert.Equal(0, events.WaitingCount);
        }

        [Fact]
        public void AnUnsubscribeLeavesOnlyTwoSlotsToTheOthers()
        {
            Subscription s = Start();
            _events.Poll(0);
            _core.Answer(_core.Last, 200, "", 10);
            _core.HeldByOthers = SipUserAgent_Slots - Subscriptions.SlotsLeftByUnsubscribe;

            s.Stop();
            Assert.Single(_core.Sent);
            Assert.Equal(1, _events.WaitingCount);

            _core.HeldByOthers--;
            _events.Poll(20);

            Assert.Equal(2, _core.Sent.Count);
            Assert.Contains("Expires: 0\r\n", _core.Last.Text);
        }

        private const int SipUserAgent_Slots = DeskPhone.Sip.UserAgent.SipUserAgent.MaxClientTransactions;

        [Fact]
        public void AFullQueueRefusesLocallyWith503()
        {
            var subs = new List<Subscription>();
            for (int i = 0; i < 9; i++)
            {
                subs.Add(Start("sip:2" + i + "@10.0.0.1"));
            }

            Assert.Equal(8, _events.WaitingCount);
            Assert.Equal(SubscriptionState.Waiting, subs[8].State);
            Assert.Equal("503", subs[8].LastError);
        }

        [Fact]
        public void AFullDialogTableRefusesANewDialogAfterDroppingTheEndedOnes()
        {
            var subs = new List<Subscription>();
            for (int i = 0; i < 8; i++)
            {
                subs.Add(Start("sip:2" + i + "@10.0.0.1"));
                _events.Poll(i);
                _core.Answer(_core.Last, 200, "", i);
            }
            Assert.Equal(8, _events.DialogCount);

            Subscription refused = Start("sip:299@10.0.0.1");
            _events.Poll(100);
            Assert.Equal("503", refused.LastError);

            // A key turned to something else: its owner stops it without forgetting it; the table makes room then.
            subs[3].Stop();
            _core.Answer(_core.Last, 200, "", 110);
            Subscription next = Start("sip:298@10.0.0.1");
            _events.Poll(120);

            Assert.Equal(SubscriptionState.Sent, next.State);
            Assert.Equal("sip:298@10.0.0.1", _core.Last.Uri);
            Assert.Equal(8, _events.DialogCount);
        }

        [Fact]
        public void ADroppedSubscriptionLeavesTheTableAndALateNotifyInItsDialogGets481()
        {
            Subscription a = Start("sip:201@10.0.0.1");
            Subscription b = Start("sip:202@10.0.0.1");
            _events.Poll(0);
            _core.Answer(_core.Sent[0], 200, "", 10);
            _core.Answer(_core.Sent[1], 200, "", 10);
            Assert.Equal(2, _events.DialogCount);
            string callId = FakeClientCore.Header(_core.Sent[0].Text, "Call-ID");

            a.Stop();
            a.Drop();

            Assert.Equal(1, _events.DialogCount);
            Assert.Same(b, _owner.First);
            Assert.Equal(481, Deliver(FakeClientCore.Parse(Notify(callId, "pbx1", "t1", "active;expires=600")), 20));
            Assert.Empty(_owner.Seen);
        }

        [Fact]
        public void TheIdentityOfANotifyIsItsSubscriptions()
        {
            _core.SetIdentity(3, "300", "10.0.0.1");
            var s = new Subscription(_owner, "dialog", "sip:200@10.0.0.1", 3, 3600);
            s.Start(0);
            _events.Poll(0);
            string callId = FakeClientCore.Header(_core.Last.Text, "Call-ID");

            SipMessage notify = FakeClientCore.Parse(Notify(callId, "pbx1", "t1", "active;expires=599"));
            Assert.Equal(3, _events.IdentityOf(notify));
            Assert.Equal(0, _events.IdentityOf(FakeClientCore.Parse(Notify("x" + callId, "pbx1", "t1", "active;expires=599"))));
            Assert.Equal(0, _events.IdentityOf(FakeClientCore.Parse(Notify("abc", "pbx1", "t1", "active;expires=599"))));
        }

        [Fact]
        public void ANotifyInTheDialogGoesToTheOwnerWithItsStateAndGetsItsAnswer()
        {
            Subscription s = Start();
            _events.Poll(0);
            string callId = FakeClientCore.Header(_core.Last.Text, "Call-ID");
            _owner.Status = 400;

            int status = Deliver(FakeClientCore.Parse(Notify(callId, "pbx1", "t1", "active;expires=599", "<dialog-info/>")), 50);

            Assert.Equal(400, status);
            Assert.Equal(new[] { "sip:200@10.0.0.1 active;expires=599 2 True application/dialog-info+xml 14" }, _owner.Seen);
            Assert.Equal(SubscriptionState.Active, s.State);

            // The NOTIFY came before the 2xx: its From tag is the dialog's remote tag from now on.
            s.Refresh(100);
            Assert.Contains("To: <sip:200@10.0.0.1>;tag=pbx1\r\n", _core.Last.Text);
        }

        [Fact]
        public void ANotifyWithoutSubscriptionStateIsActiveAndATerminatedOneEndsTheDialog()
        {
            Start();
            _events.Poll(0);
            string callId = FakeClientCore.Header(_core.Last.Text, "Call-ID");

            Deliver(FakeClientCore.Parse(Notify(callId, "pbx1", "t1", null)), 50);
            Deliver(FakeClientCore.Parse(Notify(callId, "pbx1", "t1", "terminated;reason=noresource")), 60);

            Assert.Equal(new[] { "sip:200@10.0.0.1 - 2 True  0", "sip:200@10.0.0.1 terminated;reason=noresource 3 False  0" }, _owner.Seen);
        }

        [Fact]
        public void TheSubscriptionStateTerminatesInAnyCaseBeforeWhiteSpaceAndOnlyAsTheWholeToken()
        {
            // Judged on the received bytes (SipMessage.Names): a longer token is not terminated (its expires kept), upper
            // case and white space before the ';' still are.
            Subscription s = Start();
            _events.Poll(0);
            string callId = FakeClientCore.Header(_core.Last.Text, "Call-ID");

            Deliver(FakeClientCore.Parse(Notify(callId, "pbx1", "t1", "terminatedx;expires=30")), 50);
            long due = s.DueMs;
            Deliver(FakeClientCore.Parse(Notify(callId, "pbx1", "t1", "TERMINATED ;reason=noresource")), 60);

            Assert.Equal(new[] { "sip:200@10.0.0.1 terminatedx;expires=30 2 True  0", "sip:200@10.0.0.1 TERMINATED ;reason=noresource 3 False  0" }, _owner.Seen);
            // 30 s granted: refreshed 5 s before the end (RefreshMarginMs).
            Assert.Equal(50 + 25000, due);
        }

        /// <summary>The expires of an active or pending state read on the received bytes (SipMessage.ParamNumber).</summary>
        [Theory]
        [InlineData("active;expires=30", 30)]
        [InlineData("active ; EXPIRES = \"30\" ;retry-after=5", 30)]
        [InlineData("pending;x=\"a;expires=9\";expires=30", 30)]
        [InlineData("active;expiresx=9;expires=30", 30)]
        [InlineData("active;expires", -1)]
        [InlineData("active;expires=3o", -1)]
        [InlineData("active;expires=99999999999", -1)]
        [InlineData("active", -1)]
        public void TheExpiresOfTheStateIsReadInAnyCaseQuotedOrNotAndOnlyAsANumber(string state, int seconds)
        {
            Subscription s = Start();
            _events.Poll(0);
            string callId = FakeClientCore.Header(_core.Last.Text, "Call-ID");

            Deliver(FakeClientCore.Parse(Notify(callId, "pbx1", "t1", state)), 50);

            // 30 s granted: refreshed 5 s before their end (RefreshMarginMs); none read (-1): the 3,600 s asked for,
            // refreshed at 90 % of them.
            Assert.Equal(50 + (seconds == 30 ? 25_000 : 3_240_000), s.DueMs);
        }

        [Fact]
        public void ANotifyInADialogThePhoneDoesNotHoldGets481AndOneOutsideEveryDialogIsNotTheLayers()
        {
            Start();
            _events.Poll(0);

            Assert.Equal(481, Deliver(FakeClientCore.Parse(Notify("other@pbx", "pbx1", "t9", "active")), 50));
            Assert.Equal(-1, Deliver(FakeClientCore.Parse(Notify("other@pbx", "pbx1", null, "active")), 50));
            Assert.Empty(_owner.Seen);
        }

        [Fact]
        public void ANotifyMatchesOnlyTheWholeCallIdOfOneDialogAndNotItsTagsOrTarget()
        {
            // The Call-ID is not kept but made from the dialog's number (the local tag and -sub): the tag alone, with
            // another suffix, a leading zero, another dialog's number, the remote tag or the target in its place finds
            // no subscription.
            Start();
            _events.Poll(0);
            string tag = TagOf(_core.Last.Text, 1);
            Assert.Equal(tag + "-sub", FakeClientCore.Header(_core.Last.Text, "Call-ID"));
            Deliver(FakeClientCore.Parse(Notify(tag + "-sub", "pbx1", "t1", "active")), 40);

            string random = tag.Substring(0, 8);
            foreach (string other in new[] { tag, tag + "@192.0.2.10", "x" + tag + "-sub", tag + "-subx", random + "01-sub", random + "2-sub",
                                             random + "-sub", "pbx1-sub", "dialog-sub", "-sub", "sip:200@10.0.0.1-sub",
                                             random + "+1-sub", random + "1-SUB", random + "100000-sub", random + "1 -sub",
                                             (random[0] == 'a' ? 'b' : 'a') + random.Substring(1) + "1-sub" })
            {
                Assert.Equal(481, Deliver(FakeClientCore.Parse(Notify(other, "pbx1", "t1", "active")), 50));
            }
            Assert.Equal(new[] { "sip:200@10.0.0.1 active 2 True  0" }, _owner.Seen);
        }

        [Fact]
        public void ACallIdWithWhiteSpaceOrALineFoldAroundItStillFindsItsDialog()
        {
            // The Call-ID's bytes are compared without the white space around the value (line folds included), as the
            // value's string was trimmed and unfolded.
            Start();
            _events.Poll(0);
            string callId = TagOf(_core.Last.Text, 1) + "-sub";
            Assert.Equal(200, Deliver(FakeClientCore.Parse(Notify("\r\n \t" + callId + "  ", "pbx1", "t1", "active")), 40));
            Assert.Equal(200, Deliver(FakeClientCore.Parse(Notify(callId, "pbx1", "t1", "active")), 41));
            Assert.Equal(2, _owner.Seen.Count);
        }

        [Fact]
        public void EachDialogHasItsOwnNumberAndANotifyReachesOnlyItsOwn()
        {
            Subscription a = Start();
            Subscription b = Start("sip:201@10.0.0.1");
            _events.Poll(0);
            string tagA = TagOf(_core.Sent[0].Text, 1);
            string tagB = TagOf(_core.Sent[1].Text, 2);
            Assert.Equal(tagA.Substring(0, 8), tagB.Substring(0, 8));

            Assert.Equal(200, Deliver(FakeClientCore.Parse(Notify(tagB + "-sub", "pbx2", tagB, "active")), 40));
            Assert.Equal(200, Deliver(FakeClientCore.Parse(Notify(tagA + "-sub", "pbx1", tagA, "active")), 41));

            Assert.Equal(new[] { "sip:201@10.0.0.1 active 2 True  0", "sip:200@10.0.0.1 active 2 True  0" }, _owner.Seen);
            // A new dialog takes the next number no dialog holds.
            a.Start(50);
            _events.Poll(50);
            TagOf(_core.Last.Text, 3);
        }

        [Fact]
        public void ADialogWhoseCSeqNearsSixteenBitsGoesOnInANewOne()
        {
            Subscription s = Start();
            _events.Poll(0);
            string tag = TagOf(_core.Last.Text, 1);
            long now = 0;
            for (int cseq = 1; cseq < 0xFF00; cseq++)
            {
                _core.Answer(_core.Last, 200, "Expires: 600\r\n", now);
                // Only the last request is looked at (the fake counts its busy slots over every one it keeps).
                _core.Sent.RemoveAt(0);
                s.Refresh(++now);
            }
            Assert.Equal("65280 SUBSCRIBE", FakeClientCore.Header(_core.Last.Text, "CSeq"));
            Assert.Equal(tag + "-sub", FakeClientCore.Header(_core.Last.Text, "Call-ID"));
            _core.Answer(_core.Last, 200, "Expires: 600\r\n", now);

            s.Refresh(++now);

            Assert.Equal("1 SUBSCRIBE", FakeClientCore.Header(_core.Last.Text, "CSeq"));
            Assert.Equal(TagOf(_core.Last.Text, 2) + "-sub", FakeClientCore.Header(_core.Last.Text, "Call-ID"));
            Assert.DoesNotContain(";tag=", FakeClientCore.Header(_core.Last.Text, "To"));
        }

        [Fact]
        public void ANotifyAfterTheUnsubscribeGets481()
        {
            Subscription s = Start();
            _events.Poll(0);
            string callId = FakeClientCore.Header(_core.Last.Text, "Call-ID");
            _core.Answer(_core.Last, 200, "", 10);
            s.Stop();

            Assert.Equal(481, Deliver(FakeClientCore.Parse(Notify(callId, "srv", "t1", "terminated")), 50));
        }
    }
}
