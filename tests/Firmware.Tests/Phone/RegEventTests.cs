using DeskPhone.Domain.Presence;

namespace DeskPhone.Firmware.Tests.Phone
{
    /// <summary>The reg event subscription of the current identity feeding "Available on PBX".</summary>
    public class RegEventTests
    {
        private const string Type = "application/reginfo+xml";
        private const string Own = "<contact id=\"c1\" state=\"active\" event=\"registered\"><uri>sip:100@192.0.2.10:5060;line=dp1</uri></contact>";
        private const string Desk = "<contact id=\"c2\" state=\"active\" event=\"registered\"><uri>sip:100@192.0.2.77:5062</uri></contact>";

        private static string Doc(int version, string state, string contacts, string registrationState = "active") =>
            "<?xml version=\"1.0\"?><reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"" + version + "\" state=\"" + state + "\">" +
            "<registration aor=\"sip:100@10.0.0.1\" id=\"r1\" state=\"" + registrationState + "\">" + contacts + "</registration></reginfo>";

        private readonly SipPhone _p = new SipPhone();

        /// <summary>
        /// The registrar refuses the REGISTER: the phone stays unregistered, and its own subscriptions, held until the
        /// REGISTER has an answer, go out.
        /// </summary>
        private void Refused()
        {
            _p.Run(100);
            _p.Answer(_p.Last("REGISTER"), 403);
            _p.Own("reg");
        }

        private string Subscribed()
        {
            Refused();
            string s = _p.Last("SUBSCRIBE", "reg");
            _p.Answer(s, 200, "Expires: 3600\r\n");
            return s;
        }

        [Fact]
        public void SubscribesTheOwnAddressAtTheRegistrar()
        {
            Refused();
            string s = _p.Last("SUBSCRIBE", "reg");
            Assert.StartsWith("SUBSCRIBE sip:100@10.0.0.1 SIP/2.0\r\n", s);
            Assert.Equal(Type, SipChannel.Header(s, "Accept"));
            Assert.Equal("<sip:100@10.0.0.1>", SipChannel.Header(s, "To"));
        }

        /// <summary>
        /// At boot the reg and message-summary SUBSCRIBEs wait for the REGISTER's answer, so that they are not in flight
        /// beside it (the board's heap); its 200 sends the message-summary one, and the reg one follows its answer (one
        /// at a time, sip/Events/OneAtATime), the presence PUBLISH after that.
        /// </summary>
        [Fact]
        public void TheOwnSubscriptionsWaitForTheRegisterAnswerAndGoOneAtATime()
        {
            _p.Run(2000);
            Assert.NotNull(_p.Last("REGISTER"));
            Assert.Equal(0, _p.Count("SUBSCRIBE"));

            _p.Register();
            _p.Run(100);
            Assert.Equal(1, _p.Count("SUBSCRIBE", "message-summary"));
            Assert.Equal(0, _p.Count("SUBSCRIBE", "reg"));
            Assert.Equal(0, _p.Count("PUBLISH"));

            _p.Answer(_p.Last("SUBSCRIBE", "message-summary"), 200, "Expires: 3600\r\n");
            Assert.Equal(1, _p.Count("SUBSCRIBE", "reg"));
            Assert.Equal(0, _p.Count("PUBLISH"));

            _p.Answer(_p.Last("SUBSCRIBE", "reg"), 200, "Expires: 3600\r\n");
            Assert.Equal(1, _p.Count("PUBLISH"));
        }

        /// <summary>A server that never answers the first holds the next back for 2 s, no longer.</summary>
        [Fact]
        public void AnUnansweredOwnSubscribeHoldsTheNextForTwoSecondsOnly()
        {
            _p.Run(100);
            _p.Register();
            _p.Run(1500);
            Assert.Equal(0, _p.Count("SUBSCRIBE", "reg"));
            _p.Run(600);
            Assert.Equal(1, _p.Count("SUBSCRIBE", "reg"));
        }

        [Fact]
        public void OtherContactsMakeTheUnregisteredPhoneAvailableOnPbx()
        {
            string s = Subscribed();
            Assert.Equal(PresenceState.Offline, _p.Phone.Presence.State);

            Assert.Equal(200, _p.Notify(s, "active;expires=3600", Type, Doc(0, "full", Own)));
            Assert.Equal(PresenceState.Offline, _p.Phone.Presence.State);

            Assert.Equal(200, _p.Notify(s, "active", Type, Doc(1, "partial", Desk)));
            Assert.Equal(PresenceState.AvailableOnPbx, _p.Phone.Presence.State);

            // The refused REGISTER's retry is accepted.
            _p.Run(DeskPhone.Sip.Registration.RegistrationClient.FirstRetryMs + 100);
            _p.Register();
            Assert.Equal(PresenceState.Online, _p.Phone.Presence.State);
        }

        [Fact]
        public void TerminatedContactsAndRegistrationsGoAway()
        {
            string s = Subscribed();
            Assert.Equal(200, _p.Notify(s, "active", Type, Doc(0, "full", Desk)));
            Assert.Equal(PresenceState.AvailableOnPbx, _p.Phone.Presence.State);

            Assert.Equal(200, _p.Notify(s, "active", Type, Doc(1, "partial",
                "<contact id=\"c2\" state=\"terminated\" event=\"unregistered\"><uri>sip:100@192.0.2.77:5062</uri></contact>")));
            Assert.Equal(PresenceState.Offline, _p.Phone.Presence.State);

            Assert.Equal(200, _p.Notify(s, "active", Type, Doc(2, "partial", Desk)));
            Assert.Equal(PresenceState.AvailableOnPbx, _p.Phone.Presence.State);
            Assert.Equal(200, _p.Notify(s, "active", Type, Doc(3, "partial", "", "terminated")));
            Assert.Equal(PresenceState.Offline, _p.Phone.Presence.State);
        }

        [Fact]
        public void AFullDocumentReplacesWhatWasKnown()
        {
            string s = Subscribed();
            Assert.Equal(200, _p.Notify(s, "active", Type, Doc(0, "full", Desk)));
            Assert.Equal(200, _p.Notify(s, "active", Type, Doc(1, "full", Own)));
            Assert.Equal(PresenceState.Offline, _p.Phone.Presence.State);
        }

        [Fact]
        public void AVersionGapRefreshesInTheDialogAndKeepsTheState()
        {
            string s = Subscribed();
            Assert.Equal(200, _p.Notify(s, "active", Type, Doc(4, "full", Desk)));
            int before = _p.Count("SUBSCRIBE", "reg");

            Assert.Equal(200, _p.Notify(s, "active", Type, Doc(6, "partial",
                "<contact id=\"c2\" state=\"terminated\"><uri>sip:100@192.0.2.77:5062</uri></contact>")));

            Assert.Equal(PresenceState.AvailableOnPbx, _p.Phone.Presence.State);
            Assert.Equal(before + 1, _p.Count("SUBSCRIBE", "reg"));
            string refresh = _p.Last("SUBSCRIBE", "reg");
            Assert.Equal(SipChannel.Header(s, "Call-ID"), SipChannel.Header(refresh, "Call-ID"));

            // A stale duplicate is ignored.
            Assert.Equal(200, _p.Notify(s, "active", Type, Doc(3, "partial", "")));
            Assert.Equal(PresenceState.AvailableOnPbx, _p.Phone.Presence.State);
        }

        [Theory]
        [InlineData("<reginfo version=\"1\" state=\"full\"><registration id=\"r1\" state=\"active\">")]
        [InlineData("<reginfo version=\"x\" state=\"full\"/>")]
        [InlineData("<reginfo version=\"1\" state=\"sometimes\"/>")]
        [InlineData("<reginfo version=\"1\" state=\"full\"><registration id=\"r1\" state=\"active\"><contact id=\"c9\" state=\"active\"/></registration></reginfo>")]
        [InlineData("<reginfo version=\"1\" state=\"full\"><registration id=\"r1\" state=\"active\"><contact id=\"c9\" state=\"odd\"><uri>sip:a@b</uri></contact></registration></reginfo>")]
        [InlineData("<presence/>")]
        public void MalformedDocumentsAreRefusedWith400AndChangeNothing(string body)
        {
            string s = Subscribed();
            Assert.Equal(200, _p.Notify(s, "active", Type, Doc(0, "full", Desk)));

            Assert.Equal(400, _p.Notify(s, "active", Type, body));

            Assert.Equal(PresenceState.AvailableOnPbx, _p.Phone.Presence.State);
            Assert.Equal(200, _p.Notify(s, "active", Type, Doc(1, "partial", "<contact id=\"c2\" state=\"terminated\"/>")));
            Assert.Equal(PresenceState.Offline, _p.Phone.Presence.State);
        }

        [Fact]
        public void APbxWithoutTheRegPackageIsAskedOnceUntilTheIdentityChanges()
        {
            Refused();
            _p.Answer(_p.Last("SUBSCRIBE", "reg"), 489);
            _p.Run(3_600_000);
            Assert.Equal(1, _p.Count("SUBSCRIBE", "reg"));

            _p.Settings.Set("user_name", 1, "101");
            _p.Run(10);
            // The new address's subscription waits for its REGISTER's answer.
            Assert.Equal(1, _p.Count("SUBSCRIBE", "reg"));
            _p.Answer(_p.Last("REGISTER"), 403);
            _p.Own("reg", 1);
            Assert.Equal(2, _p.Count("SUBSCRIBE", "reg"));
            Assert.StartsWith("SUBSCRIBE sip:101@10.0.0.1 ", _p.Last("SUBSCRIBE", "reg"));
        }

        [Fact]
        public void ForbiddenBacksOffUpToFiveMinutes()
        {
            Refused();
            long end = _p.Now + 3_600_000;
            while (_p.Now < end)
            {
                string last = _p.Last("SUBSCRIBE", "reg");
                if (last != null && !_answered.Contains(SipChannel.Header(last, "CSeq") + SipChannel.Header(last, "Call-ID")))
                {
                    _answered.Add(SipChannel.Header(last, "CSeq") + SipChannel.Header(last, "Call-ID"));
                    _p.Answer(last, 403);
                }
                _p.Run(1000);
            }
            // 2, 4 ... 256 s, then every 300 s: 9 + about 10 in the hour, never a loop.
            int count = _p.Count("SUBSCRIBE", "reg");
            Assert.InRange(count, 15, 22);
        }

        private readonly System.Collections.Generic.HashSet<string> _answered = new System.Collections.Generic.HashSet<string>();

        [Fact]
        public void UnregisteringTheIdentityStopsTheSubscriptionAndForgetsTheContacts()
        {
            string s = Subscribed();
            Assert.Equal(200, _p.Notify(s, "active", Type, Doc(0, "full", Desk)));
            Assert.Equal(PresenceState.AvailableOnPbx, _p.Phone.Presence.State);

            _p.Settings.Set("user_host", 1, "");
            _p.Run(10);

            Assert.Equal("0", SipChannel.Header(_p.Last("SUBSCRIBE", "reg"), "Expires"));
            Assert.Null(_p.Subscriptions.Reg);
            Assert.NotEqual(PresenceState.AvailableOnPbx, _p.Phone.Presence.State);
        }
    }
}
