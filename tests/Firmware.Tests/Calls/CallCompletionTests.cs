using System.Text;
using System.Text.Json;
using DeskPhone.Domain.Status;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Completion;
using DeskPhone.Firmware.Tests.Phone;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// Call back on busy (RFC 6910 call completion, or the PBX's code) on the phone built by PhoneApp, driven through the
    /// bench's /api/calls/callback: the failed call's offer, the SUBSCRIBE and its NOTIFYs, the recall INVITE, the
    /// statuses at each step, and the bad input.
    /// </summary>
    public class CallCompletionTests
    {
        private const string Offer = "Call-Info: <sip:cc-200@10.0.0.1>;purpose=call-completion;m=BS\r\n";
        private const string Type = CallCompletion.ContentType;

        private readonly SipPhone _p;
        private readonly BenchRouter _router;

        public CallCompletionTests() : this(null)
        {
        }

        private CallCompletionTests(string code)
        {
            _p = new SipPhone(s =>
            {
                if (code != null)
                {
                    s.Set("call_completion_code", 0, code);
                }
            });
            _router = new BenchRouter(_p.Phone, null, (c, a) => { }, null, null) { CallLayer = _p.App };
            _p.Run(100);
            _p.Register();
        }

        private (int Status, string Body) Bench(string method, string path)
        {
            BenchResponse r = _router.Handle(method, path, null, null, null);
            return (r.Status, Encoding.UTF8.GetString(r.Body));
        }

        private string State => JsonDocument.Parse(Bench("GET", "/api/calls/callback").Body).RootElement.GetProperty("state").GetString();

        private bool Active(int id) => _p.Phone.Statuses.IsActive(id);

        /// <summary>The phone calls 200, which answers <paramref name="status"/> with <paramref name="extra"/> headers.</summary>
        private void FailedCall(int status, string extra)
        {
            Assert.NotNull(_p.App.Calls.Dial(1, "200", _p.Now, out _));
            _p.Answer(_p.Last("INVITE"), status, extra);
        }

        /// <summary>The only one of the four call-completion statuses active, by id (0: none).</summary>
        private void OnlyActive(int id)
        {
            foreach (int s in new[] { StatusId.PhoneKnowsCallCanBeCompleted, StatusId.CallBackOnBusyInProgress,
                                      StatusId.PhoneIsWaitingForCallCompletion, StatusId.CallBackOnBusyAvailable })
            {
                Assert.Equal(s == id, Active(s));
            }
        }

        [Fact]
        public void ABusyCallWithCallInfoIsOfferedRequestedQueuedReadyAndCalledBack()
        {
            FailedCall(486, Offer);
            Assert.Equal("offered", State);
            OnlyActive(StatusId.PhoneKnowsCallCanBeCompleted);
            Assert.Equal("200", _p.Phone.Statuses.ParamOf(StatusId.PhoneKnowsCallCanBeCompleted));

            Assert.Equal(200, Bench("POST", "/api/calls/callback").Status);
            string subscribe = _p.Last("SUBSCRIBE", "call-completion");
            Assert.StartsWith("SUBSCRIBE sip:cc-200@10.0.0.1;m=BS SIP/2.0\r\n", subscribe);
            Assert.Equal("application/call-completion", SipChannel.Header(subscribe, "Accept"));
            Assert.Equal("3600", SipChannel.Header(subscribe, "Expires"));
            Assert.Equal("<sip:cc-200@10.0.0.1;m=BS>", SipChannel.Header(subscribe, "To"));
            Assert.Equal("requesting", State);
            OnlyActive(StatusId.CallBackOnBusyInProgress);

            _p.Answer(subscribe, 200, "Expires: 3600\r\n");
            Assert.Equal("queued", State);
            OnlyActive(StatusId.PhoneIsWaitingForCallCompletion);
            Assert.Equal(200, _p.Notify(subscribe, "active;expires=3600", Type, "cc-state: queued\r\n"));
            OnlyActive(StatusId.PhoneIsWaitingForCallCompletion);

            Assert.Equal(200, _p.Notify(subscribe, "active;expires=3500", Type, "cc-state: ready\r\ncc-URI: <sip:200@10.0.0.1;m=BS>\r\n"));
            Assert.Equal("ready", State);
            OnlyActive(StatusId.CallBackOnBusyAvailable);
            Assert.Equal("200", _p.Phone.Statuses.ParamOf(StatusId.CallBackOnBusyAvailable));

            int before = _p.Channel.Sent.Count;
            Assert.Equal(200, Bench("POST", "/api/calls/callback").Status);
            Assert.StartsWith("INVITE sip:200@10.0.0.1;m=BS SIP/2.0\r\n", _p.Channel.Sent[before]);
            string unsubscribe = _p.Channel.Sent[before + 1];
            Assert.StartsWith("SUBSCRIBE sip:cc-200@10.0.0.1;m=BS SIP/2.0\r\n", unsubscribe);
            Assert.Equal("0", SipChannel.Header(unsubscribe, "Expires"));
            Assert.Equal(SipChannel.Header(subscribe, "Call-ID"), SipChannel.Header(unsubscribe, "Call-ID"));
            Assert.Equal("idle", State);
            OnlyActive(0);
        }

        [Fact]
        public void ACallbackCancelledFromThePhoneUnsubscribesAndClearsItsStatus()
        {
            FailedCall(600, Offer);
            Bench("POST", "/api/calls/callback");
            string subscribe = _p.Last("SUBSCRIBE", "call-completion");
            _p.Answer(subscribe, 202, "Expires: 3600\r\n");
            Assert.True(Active(StatusId.PhoneIsWaitingForCallCompletion));

            Assert.Equal(200, Bench("POST", "/api/calls/callback/cancel").Status);
            string unsubscribe = _p.Last("SUBSCRIBE", "call-completion");
            Assert.Equal("0", SipChannel.Header(unsubscribe, "Expires"));
            OnlyActive(0);
            Assert.Equal(404, Bench("POST", "/api/calls/callback/cancel").Status);
            // A NOTIFY after that finds no subscription any more.
            Assert.Equal(481, _p.Notify(subscribe, "active", Type, "cc-state: ready\r\n"));
            OnlyActive(0);
        }

        [Fact]
        public void AnUnansweredCallWhoseRingingOfferedCompletionIsOfferedWithNr()
        {
            Assert.NotNull(_p.App.Calls.Dial(1, "200", _p.Now, out _));
            string invite = _p.Last("INVITE");
            _p.Answer(invite, 180, "Call-Info: <sip:cc-200@10.0.0.1>;purpose=call-completion;m=NR\r\n");
            _p.Answer(invite, 480);
            Assert.Equal("offered", State);
            Bench("POST", "/api/calls/callback");
            Assert.StartsWith("SUBSCRIBE sip:cc-200@10.0.0.1;m=NR SIP/2.0\r\n", _p.Last("SUBSCRIBE", "call-completion"));
        }

        [Fact]
        public void WithoutCallInfoOrCodeNothingIsOffered()
        {
            FailedCall(486, "Call-Info: <http://10.0.0.1/photo.png>;purpose=icon\r\n");
            Assert.Equal("idle", State);
            OnlyActive(0);
            var (status, body) = Bench("POST", "/api/calls/callback");
            Assert.Equal(409, status);
            Assert.Contains("no call to call back", body);
        }

        [Fact]
        public void WithTheCodeABusyCallIsCalledBackThroughThePbx()
        {
            var t = new CallCompletionTests("*37");
            t.FailedCall(404, "");
            Assert.Equal("idle", t.State);
            t.FailedCall(486, "");
            Assert.Equal("offered", t.State);
            Assert.Equal(200, t.Bench("POST", "/api/calls/callback").Status);
            string invite = t._p.Last("INVITE");
            Assert.StartsWith("INVITE sip:*37200@10.0.0.1 SIP/2.0\r\n", invite);
            t.OnlyActive(StatusId.CallBackOnBusyInProgress);
            // The PBX answers the code call (an announcement) and ends it: the request is the PBX's now.
            t._p.Answer(invite, 486);
            t.OnlyActive(0);
            Assert.Equal("idle", t.State);
        }

        [Fact]
        public void TheOfferEndsAfterItsTimeOrWhenTheUserCallsSomeoneElse()
        {
            FailedCall(486, Offer);
            _p.Run(CallCompletion.OfferMs + 20);
            Assert.Equal("idle", State);
            OnlyActive(0);

            FailedCall(486, Offer);
            Assert.Equal("offered", State);
            Assert.NotNull(_p.App.Calls.Dial(1, "300", _p.Now, out _));
            Assert.Equal("idle", State);
            OnlyActive(0);
        }

        [Fact]
        public void ARefusedSubscribeEndsTheRequestAndSaysWhy()
        {
            FailedCall(486, Offer);
            Bench("POST", "/api/calls/callback");
            _p.Answer(_p.Last("SUBSCRIBE", "call-completion"), 489);
            Assert.Equal("idle", State);
            OnlyActive(0);
            Assert.Equal("Call back failed (489)", _p.Phone.Statuses.ParamOf(StatusId.StatusLineSystemMessage));
            Assert.Equal(1, _p.Count("SUBSCRIBE", "call-completion"));
        }

        [Fact]
        public void BadNotifyBodiesChangeNothingAndATerminatedRequestEnds()
        {
            FailedCall(486, Offer);
            Bench("POST", "/api/calls/callback");
            string subscribe = _p.Last("SUBSCRIBE", "call-completion");
            _p.Answer(subscribe, 200, "Expires: 3600\r\n");
            Assert.Equal(400, _p.Notify(subscribe, "active", Type, "cc-state ready\r\n"));
            Assert.Equal(415, _p.Notify(subscribe, "active", "text/plain", "cc-state: ready\r\n"));
            Assert.Equal("queued", State);

            Assert.Equal(200, _p.Notify(subscribe, "terminated;reason=noresource", Type, "cc-state: queued\r\n"));
            Assert.Equal("idle", State);
            OnlyActive(0);
            Assert.Equal("Call back ended (noresource)", _p.Phone.Statuses.ParamOf(StatusId.StatusLineSystemMessage));
            _p.Run(10000);
            Assert.Equal(1, _p.Count("SUBSCRIBE", "call-completion"));
        }

        [Theory]
        [InlineData("<sip:cc@pbx>;purpose=call-completion;m=BS", "sip:cc@pbx;m=BS")]
        [InlineData("<sip:cc@pbx;m=NR>;purpose=call-completion;m=BS", "sip:cc@pbx;m=NR")]
        [InlineData("<sip:cc@pbx>;purpose=call-completion", "sip:cc@pbx")]
        [InlineData("<http://pbx/cc>;purpose=call-completion", null)]
        [InlineData("garbage", null)]
        public void TheMonitorUriComesFromCallInfo(string callInfo, string uri) => Assert.Equal(uri, CallCompletion.MonitorUri(callInfo));
    }
}
