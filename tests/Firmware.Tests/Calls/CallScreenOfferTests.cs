using DeskPhone.Domain.Status;
using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Completion;
using DeskPhone.Firmware.Tests.Phone;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// The idle screen's offers on the phone built by PhoneApp (docs/calls.md, "Call screen"): while a BLF key's
    /// extension rings, who rings whom and a "Pick up" softkey that sends the pickup INVITE; after a failed call that
    /// can be completed, "Call back 200?" whose softkey subscribes, and once the callee is free a softkey that calls
    /// back; Cancel forgets the offer. Read from the bench's screen text and the SIP on the wire.
    /// </summary>
    public class CallScreenOfferTests
    {
        private const string Offer = "Call-Info: <sip:cc-200@10.0.0.1>;purpose=call-completion;m=BS\r\n";

        private readonly SipPhone _p;
        private readonly string _subscribe;

        public CallScreenOfferTests()
        {
            _p = SipPhone.WithBlfKey200(out _subscribe);
        }

        private string Screen => _p.App.Text.GetScreenText();

        [Fact]
        public void ARingingExtensionIsShownWithAPickUpSoftkeyThatSendsTheReplacesInvite()
        {
            Assert.DoesNotContain("Pick up", Screen);
            Assert.Equal(200, _p.Notify(_subscribe, "active;expires=3600", "application/dialog-info+xml", SipPhone.DialogInfo200(1,
                "<dialog id=\"d1\" call-id=\"cid-7@10.0.0.1\" local-tag=\"lt9\" remote-tag=\"rt4\" direction=\"recipient\"><state>early</state>" +
                "<remote><identity>sip:555@10.0.0.1</identity><target uri=\"sip:555@10.0.0.7:5062\"/></remote></dialog>")));
            _p.Run(10);
            Assert.Contains("[call] <call> Ringing at 200\n[call] Call from 555\n", Screen);
            Assert.Contains("[softkey 1] Pick up\n", Screen);

            _p.Key(KeyCode.Softkey1);
            string invite = _p.Last("INVITE");
            Assert.StartsWith("INVITE sip:555@10.0.0.7:5062 SIP/2.0\r\n", invite);
            Assert.Equal("cid-7@10.0.0.1;to-tag=rt4;from-tag=lt9;early-only", SipChannel.Header(invite, "Replaces"));
            Assert.Contains("[call] <call> Calling 555\n", Screen);
        }

        [Fact]
        public void AFailedCallOffersCallBackWhoseSoftkeySubscribesThenCallsTheFreeCallee()
        {
            Assert.NotNull(_p.App.Calls.Dial(1, "200", _p.Now, out _));
            _p.Answer(_p.Last("INVITE"), 486, Offer);
            _p.Run(10);
            Assert.Contains("[call] <call> Call back 200?\n", Screen);
            Assert.Contains("[softkey 1] Call back\n", Screen);
            Assert.Contains("[softkey 4] Cancel\n", Screen);
            Assert.Equal(0, _p.Count("SUBSCRIBE", "call-completion"));

            _p.Key(KeyCode.Softkey1);
            string subscribe = _p.Last("SUBSCRIBE", "call-completion");
            Assert.StartsWith("SUBSCRIBE sip:cc-200@10.0.0.1;m=BS SIP/2.0\r\n", subscribe);
            Assert.DoesNotContain("Call back 200?", Screen);
            _p.Answer(subscribe, 200, "Expires: 3600\r\n");
            Assert.Equal(200, _p.Notify(subscribe, "active", CallCompletion.ContentType, "cc-state: ready\r\ncc-URI: sip:200@10.0.0.1\r\n"));
            _p.Run(10);
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.CallBackOnBusyAvailable));
            Assert.Contains("[call] <call> 200 is free now\n", Screen);

            int invites = _p.Count("INVITE");
            _p.Key(KeyCode.Softkey1);
            Assert.Equal(invites + 1, _p.Count("INVITE"));
            Assert.StartsWith("INVITE sip:200@10.0.0.1 SIP/2.0\r\n", _p.Last("INVITE"));
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.CallBackOnBusyAvailable));
        }

        [Fact]
        public void CancelForgetsTheOfferAndTheIdleScreenComesBack()
        {
            Assert.NotNull(_p.App.Calls.Dial(1, "200", _p.Now, out _));
            _p.Answer(_p.Last("INVITE"), 486, Offer);
            _p.Run(10);
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.PhoneKnowsCallCanBeCompleted));
            _p.Key(KeyCode.Softkey4);
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.PhoneKnowsCallCanBeCompleted));
            Assert.DoesNotContain("[call]", Screen);
            Assert.DoesNotContain("[softkey", Screen);
            Assert.Equal(0, _p.Count("SUBSCRIBE", "call-completion"));
        }
    }
}
