using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Status;
using DeskPhone.Sip.Events;

namespace DeskPhone.Firmware.Tests.Phone
{
    /// <summary>as-feature-event over the fake channel: subscription life cycle, server state in, user changes out.</summary>
    public class FeatureSyncTests
    {
        private const string Csta = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";
        private const string Type = "application/x-as-feature-event+xml";

        private static string Dnd(bool on) =>
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DoNotDisturbEvent xmlns=\"" + Csta + "\"><device>100</device><doNotDisturbOn>" +
            (on ? "true" : "false") + "</doNotDisturbOn></DoNotDisturbEvent>";

        private static string Forward(string type, bool on, string to, int rings = -1) =>
            "<ForwardingEvent xmlns=\"" + Csta + "\"><device>100</device><forwardingType>" + type + "</forwardingType><forwardStatus>" +
            (on ? "true" : "false") + "</forwardStatus><forwardTo>" + to + "</forwardTo>" + (rings >= 0 ? "<ringCount>" + rings + "</ringCount>" : "") +
            "</ForwardingEvent>";

        private static string Multipart(params string[] parts)
        {
            string body = "";
            foreach (string p in parts)
            {
                body += "--b1\r\nContent-Type: " + Type + "\r\nContent-Length: " + p.Length + "\r\n\r\n" + p + "\r\n";
            }
            return body + "--b1--\r\n";
        }

        private readonly SipPhone _p = new SipPhone(s => s.Set("dfks_enabled", 0, "on"));

        private string Subscribed()
        {
            _p.Run(100);
            _p.Register();
            string subscribe = _p.Own("as-feature-event");
            Assert.NotNull(subscribe);
            _p.Answer(subscribe, 200, "Expires: 3600\r\n");
            return subscribe;
        }

        [Fact]
        public void SubscribesToTheOwnAddressOnlyOnceRegistered()
        {
            _p.Run(100);
            Assert.Null(_p.Last("SUBSCRIBE", "as-feature-event"));
            _p.Register();

            string s = _p.Own("as-feature-event");
            Assert.StartsWith("SUBSCRIBE sip:100@10.0.0.1 SIP/2.0\r\n", s);
            Assert.Equal("<sip:100@10.0.0.1>", SipChannel.Header(s, "To"));
            Assert.StartsWith("<sip:100@10.0.0.1>;tag=", SipChannel.Header(s, "From"));
            Assert.Equal(Type, SipChannel.Header(s, "Accept"));
            Assert.Equal("3600", SipChannel.Header(s, "Expires"));
            Assert.Equal("0", SipChannel.Header(s, "Content-Length"));
            Assert.Null(SipChannel.Header(s, "Content-Type"));
        }

        [Fact]
        public void NothingIsSubscribedWithFeatureSyncOffAndTurningItOnSubscribesLive()
        {
            var p = new SipPhone();
            p.Run(100);
            p.Register();
            p.Run(60_000);
            Assert.Null(p.Last("SUBSCRIBE", "as-feature-event"));

            p.Settings.Set("dfks_enabled", 0, "on");
            Assert.NotNull(p.Own("as-feature-event"));
        }

        [Fact]
        public void AnIdentityTurnedInactiveUnsubscribes()
        {
            Subscribed();
            int before = _p.Count("SUBSCRIBE", "as-feature-event");

            Assert.Null(_p.Settings.Set("user_active", 1, "off"));
            _p.Run(10);

            Assert.Equal(before + 1, _p.Count("SUBSCRIBE", "as-feature-event"));
            Assert.Equal("0", SipChannel.Header(_p.Last("SUBSCRIBE", "as-feature-event"), "Expires"));
            Assert.Null(_p.Subscriptions.GetFeatureSync(1));
        }

        [Fact]
        public void ServerDndSetsTheSettingTheStatusAndThePresenceWithoutEchoing()
        {
            string s = Subscribed();
            int before = _p.Count("SUBSCRIBE");

            Assert.Equal(200, _p.Notify(s, "active;expires=3600", Type, Dnd(true)));

            Assert.True(_p.Settings.GetBool("user_dnd", 1));
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.CurrentIdentityIsDnd));
            Assert.Equal(PresenceState.DoNotDisturb, _p.Phone.Presence.State);
            _p.Run(5000);
            Assert.Equal(before, _p.Count("SUBSCRIBE"));

            Assert.Equal(200, _p.Notify(s, "active;expires=3600", Type, Dnd(false)));
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.CurrentIdentityIsDnd));
            Assert.Equal(PresenceState.Online, _p.Phone.Presence.State);
            _p.Run(5000);
            Assert.Equal(before, _p.Count("SUBSCRIBE"));
        }

        [Fact]
        public void MultipartFullStateSetsDndAndEveryForward()
        {
            string s = Subscribed();
            string body = Multipart(Dnd(true), Forward("forwardImmediate", true, "200"), Forward("forwardBusy", true, "300"),
                                    Forward("forwardNoAns", true, "400", 3));

            Assert.Equal(200, _p.Notify(s, "active;expires=3600", "multipart/mixed;boundary=b1", body));

            Assert.True(_p.Settings.GetBool("user_dnd", 1));
            Assert.Equal("200", _p.Settings.Get("user_fwd_always", 1));
            Assert.Equal("300", _p.Settings.Get("user_fwd_busy", 1));
            Assert.Equal("400", _p.Settings.Get("user_fwd_timeout", 1));
            Assert.Equal(3, _p.Settings.GetInt("user_fwd_timeout_rings", 1));
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.CurrentIdentityForewardsAlways));
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.CurrentIdentityForewardsWhenBusy));
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.CurrentIdentityForewardsAfterTimeout));

            Assert.Equal(200, _p.Notify(s, "active", "multipart/mixed; boundary=\"b1\"", Multipart(Forward("forwardImmediate", false, "200"))));
            Assert.Equal("", _p.Settings.Get("user_fwd_always", 1));
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.CurrentIdentityForewardsAlways));
            Assert.Equal("300", _p.Settings.Get("user_fwd_busy", 1));
        }

        [Theory]
        [InlineData(Type, "<DoNotDisturbEvent><doNotDisturbOn>true</doNotDisturbOn>")]
        [InlineData(Type, "<DoNotDisturbEvent><doNotDisturbOn>maybe</doNotDisturbOn></DoNotDisturbEvent>")]
        [InlineData(Type, "<SomethingElse/>")]
        [InlineData("multipart/mixed;boundary=b1", "--b1\r\nContent-Type: application/x-as-feature-event+xml\r\n\r\n<DoNotDisturbEvent><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>\r\n--b1\r\n\r\n<ForwardingEvent><forwardingType>forwardSometimes</forwardingType><forwardStatus>true</forwardStatus></ForwardingEvent>\r\n--b1--\r\n")]
        [InlineData("multipart/mixed;boundary=b1", "--b1\r\nContent-Type: application/x-as-feature-event+xml\r\n\r\n<DoNotDisturbEvent><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>")]
        [InlineData("multipart/mixed", "--b1\r\n\r\n<DoNotDisturbEvent><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>\r\n--b1--")]
        public void MalformedBodiesAreRefusedWith400AndChangeNothing(string contentType, string body)
        {
            string s = Subscribed();
            _p.Settings.Set("user_fwd_busy", 1, "300");

            Assert.Equal(400, _p.Notify(s, "active", contentType, body));

            Assert.False(_p.Settings.GetBool("user_dnd", 1));
            Assert.Equal("300", _p.Settings.Get("user_fwd_busy", 1));
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.CurrentIdentityIsDnd));
            Assert.Equal(200, _p.Notify(s, "active", Type, Dnd(true)));
            Assert.True(_p.Settings.GetBool("user_dnd", 1));
        }

        [Fact]
        public void MenuDndGoesToTheServerInTheSameDialogWithItsBody()
        {
            string s = Subscribed();

            Assert.True(_p.Phone.ChoosePresence(PresenceState.DoNotDisturb, _p.Now));
            Assert.True(_p.Settings.GetBool("user_dnd", 1));
            _p.Run(10);

            string change = _p.Last("SUBSCRIBE", "as-feature-event");
            Assert.NotSame(s, change);
            Assert.Equal(SipChannel.Header(s, "Call-ID"), SipChannel.Header(change, "Call-ID"));
            Assert.Equal("<sip:100@10.0.0.1>;tag=srv", SipChannel.Header(change, "To"));
            Assert.Equal(SipChannel.Header(s, "From"), SipChannel.Header(change, "From"));
            Assert.Equal("2 SUBSCRIBE", SipChannel.Header(change, "CSeq"));
            Assert.Equal(Type, SipChannel.Header(change, "Content-Type"));
            string expected = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<SetDoNotDisturb xmlns=\"" + Csta + "\"><device>sip:100@10.0.0.1</device>" +
                              "<doNotDisturbOn>true</doNotDisturbOn></SetDoNotDisturb>\r\n";
            Assert.Equal(expected, SipChannel.Body(change));
            Assert.Equal(expected.Length.ToString(), SipChannel.Header(change, "Content-Length"));
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.CurrentIdentityIsDnd));

            _p.Answer(change, 200, "Expires: 3600\r\n");
            Assert.True(_p.Phone.ChoosePresence(PresenceState.Online, _p.Now));
            _p.Run(10);
            Assert.Contains("<doNotDisturbOn>false</doNotDisturbOn>", SipChannel.Body(_p.Last("SUBSCRIBE", "as-feature-event")));
            Assert.False(_p.Settings.GetBool("user_dnd", 1));
        }

        [Fact]
        public void ForwardSettingChangesSendSetForwardingOneAtATime()
        {
            string s = Subscribed();
            _p.Settings.Set("user_fwd_always", 1, "200");
            _p.Settings.Set("user_fwd_timeout_rings", 1, "4");
            _p.Run(10);

            string first = _p.Last("SUBSCRIBE", "as-feature-event");
            Assert.Equal("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<SetForwarding xmlns=\"" + Csta + "\"><device>sip:100@10.0.0.1</device>" +
                         "<forwardingType>forwardImmediate</forwardingType><activateForward>true</activateForward><forwardDN>200</forwardDN>" +
                         "</SetForwarding>\r\n", SipChannel.Body(first));
            _p.Run(1000);
            Assert.Equal("2 SUBSCRIBE", SipChannel.Header(_p.Last("SUBSCRIBE", "as-feature-event"), "CSeq"));

            _p.Answer(first, 200, "Expires: 3600\r\n");
            _p.Run(10);
            string second = _p.Last("SUBSCRIBE", "as-feature-event");
            Assert.Equal("3 SUBSCRIBE", SipChannel.Header(second, "CSeq"));
            Assert.Contains("<forwardingType>forwardNoAns</forwardingType><activateForward>false</activateForward><forwardDN></forwardDN><ringCount>4</ringCount>",
                            SipChannel.Body(second));
        }

        [Fact]
        public void ServerStateWinsOverAChangeNotSentYet()
        {
            _p.Run(100);
            _p.Register();
            string s = _p.Own("as-feature-event");
            _p.Settings.Set("user_fwd_busy", 1, "555");
            Assert.Equal(200, _p.Notify(s, "active;expires=3600", Type, Forward("forwardBusy", false, "")));
            _p.Answer(s, 200, "Expires: 3600\r\n");
            _p.Run(1000);

            Assert.Equal("", _p.Settings.Get("user_fwd_busy", 1));
            Assert.Equal(1, _p.Count("SUBSCRIBE", "as-feature-event"));
        }

        [Fact]
        public void DfksFailedFollowsTheSubscription()
        {
            _p.Run(100);
            _p.Register();
            _p.Answer(_p.Own("as-feature-event"), 403);
            _p.Run(10);
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.DfksFailed));

            _p.Run(Subscription.FirstRetryMs);
            // The retry waits for the presence PUBLISH that went out meanwhile (one at a time).
            string retry = _p.Own("as-feature-event", 1);
            Assert.Equal(2, _p.Count("SUBSCRIBE", "as-feature-event"));
            _p.Answer(retry, 200, "Expires: 3600\r\n");
            _p.Run(10);
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.DfksFailed));

            Assert.Equal(200, _p.Notify(retry, "terminated;reason=rejected", null, null));
            _p.Run(10);
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.DfksFailed));
        }

        [Fact]
        public void BadEventIsNotRetriedAndStaysFailed()
        {
            _p.Run(100);
            _p.Register();
            _p.Answer(_p.Own("as-feature-event"), 489);

            _p.Run(3_600_000);

            Assert.Equal(1, _p.Count("SUBSCRIBE", "as-feature-event"));
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.DfksFailed));
            _p.Settings.Set("dfks_enabled", 0, "off");
            _p.Run(10);
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.DfksFailed));
        }

        [Fact]
        public void NoAnswerCountsAsFailureAfterTheTransactionTimeout()
        {
            _p.Run(100);
            _p.Register();
            // The message-summary and reg SUBSCRIBEs go first, unanswered here: the feature sync's waits for them up to
            // OneAtATime.MaxHoldMs.
            _p.Run(OneAtATime.MaxHoldMs + Subscription.AnswerTimeoutMs + 100);

            Assert.True(_p.Phone.Statuses.IsActive(StatusId.DfksFailed));
        }
    }
}
