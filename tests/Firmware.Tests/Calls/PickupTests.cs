using DeskPhone.Domain.Status;
using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Tests.Phone;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// Call pickup of a ringing monitored extension on the phone built by PhoneApp: CallForPickupAvailable follows the
    /// dialog-info NOTIFYs of a BLF key, and pressing the key sends the pickup INVITE (Replaces from the dialog-info,
    /// else the PBX's pickup code and the extension's number); the dialing screen's Pick up of a typed extension does
    /// the same when that key watches it and it rings.
    /// </summary>
    public class PickupTests
    {
        private const string Type = "application/dialog-info+xml";

        private readonly SipPhone _p;
        private readonly string _subscribe;

        public PickupTests()
        {
            _p = SipPhone.WithBlfKey200(out _subscribe);
        }

        private const string Ringing =
            "<dialog id=\"d1\" call-id=\"cid-7@10.0.0.1\" local-tag=\"lt9\" remote-tag=\"rt4\" direction=\"recipient\"><state>early</state>" +
            "<local><identity>sip:200@10.0.0.1</identity></local>" +
            "<remote><identity>sip:555@10.0.0.1</identity><target uri=\"sip:555@10.0.0.7:5062\"/></remote></dialog>";

        [Fact]
        public void WhileTheExtensionRingsTheKeyPicksItsCallUpWithReplaces()
        {
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.CallForPickupAvailable));
            Assert.Equal(200, _p.Notify(_subscribe, "active;expires=3600", Type, SipPhone.DialogInfo200(1, Ringing)));
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.CallForPickupAvailable));

            _p.Key(KeyCode.FunctionKey1);
            string invite = _p.Last("INVITE");
            Assert.StartsWith("INVITE sip:555@10.0.0.7:5062 SIP/2.0\r\n", invite);
            Assert.Equal("cid-7@10.0.0.1;to-tag=rt4;from-tag=lt9;early-only", SipChannel.Header(invite, "Replaces"));

            // The caller's dialog ends at the extension: no call to pick up any more.
            Assert.Equal(200, _p.Notify(_subscribe, "active;expires=3600", Type,
                SipPhone.DialogInfo200(2, "<dialog id=\"d1\" direction=\"recipient\"><state>terminated</state></dialog>")));
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.CallForPickupAvailable));
        }

        [Fact]
        public void WithoutDialogIdsThePickupCodeAndTheExtensionAreDialled()
        {
            _p.Settings.Set("pickup_code", 0, "*8");
            _p.Notify(_subscribe, "active;expires=3600", Type,
                SipPhone.DialogInfo200(1, "<dialog id=\"d1\" direction=\"recipient\"><state>early</state></dialog>"));
            _p.Key(KeyCode.FunctionKey1);
            string invite = _p.Last("INVITE");
            Assert.StartsWith("INVITE sip:*8200@10.0.0.1 SIP/2.0\r\n", invite);
            Assert.Null(SipChannel.Header(invite, "Replaces"));
        }

        [Fact]
        public void AKeyWhoseExtensionDoesNotRingCallsIt()
        {
            // Snom's BLF key: idle extension, idle phone: a call to the monitored extension, not a pickup.
            _p.Notify(_subscribe, "active;expires=3600", Type, SipPhone.DialogInfo200(1, ""));
            _p.Key(KeyCode.FunctionKey1);
            string invite = _p.Last("INVITE");
            Assert.StartsWith("INVITE sip:200@10.0.0.1 SIP/2.0\r\n", invite);
            Assert.Null(SipChannel.Header(invite, "Replaces"));
            Assert.Contains("[call] <call> Calling 200", _p.App.Text.GetScreenText());

            // Pressed again while that call is on the screen: no second call.
            _p.Key(KeyCode.FunctionKey1);
            Assert.Equal(invite, _p.Last("INVITE"));
        }

        [Fact]
        public void ARingingKeyWithoutDialogIdsOrPickupCodePicksNothingUp()
        {
            _p.Notify(_subscribe, "active;expires=3600", Type,
                SipPhone.DialogInfo200(1, "<dialog id=\"d1\" direction=\"recipient\"><state>early</state></dialog>"));
            // Ringing, but neither dialog ids nor a pickup code: nothing goes out.
            _p.Key(KeyCode.FunctionKey1);
            Assert.Null(_p.Last("INVITE"));
            Assert.Equal("no dialog ids from the server and no pickup_code", _p.App.Keys.LastError);
        }

        /// <summary>Opens the dialing screen with pickup_code set, types <paramref name="number"/> and presses Pick up.</summary>
        private void PickUpTyped(string number)
        {
            _p.Settings.Set("pickup_code", 0, "*8");
            TypeNumber(number);
            Assert.Contains("[softkey 3] Pick up\n", _p.App.Text.GetScreenText());
            _p.Key(KeyCode.Softkey3);
        }

        [Fact]
        public void ATypedExtensionThatAKeyWatchesRingingIsPickedUpWithReplaces()
        {
            Assert.Equal(200, _p.Notify(_subscribe, "active;expires=3600", Type, SipPhone.DialogInfo200(1, Ringing)));
            PickUpTyped("200");
            string invite = _p.Last("INVITE");
            Assert.StartsWith("INVITE sip:555@10.0.0.7:5062 SIP/2.0\r\n", invite);
            Assert.Contains("\r\nReplaces: cid-7@10.0.0.1;to-tag=rt4;from-tag=lt9;early-only\r\n", invite);
            Assert.Null(_p.App.Keys.LastError);
        }

        /// <summary>Opens the dialing screen and types <paramref name="number"/>.</summary>
        private void TypeNumber(string number)
        {
            _p.Key(KeyCode.Speaker);
            foreach (char c in number)
            {
                _p.Key(KeyCode.Digit0 + (c - '0'));
            }
            _p.Run(10);
        }

        [Fact]
        public void WithoutAPickupCodeTheDialingScreenOffersPickUpOnlyWhileAKeyRings()
        {
            TypeNumber("200");
            Assert.DoesNotContain("Pick up", _p.App.Text.GetScreenText());
            _p.Key(KeyCode.Cancel);
            Assert.Equal(200, _p.Notify(_subscribe, "active;expires=3600", Type, SipPhone.DialogInfo200(1, Ringing)));
            TypeNumber("200");
            Assert.Contains("[softkey 3] Pick up\n", _p.App.Text.GetScreenText());
            _p.Key(KeyCode.Softkey3);
            Assert.Contains("\r\nReplaces: cid-7@10.0.0.1;to-tag=rt4;from-tag=lt9;early-only\r\n", _p.Last("INVITE"));
            Assert.Null(_p.App.Keys.LastError);
        }

        [Fact]
        public void ATypedExtensionNoKeyWatchesIsPickedUpWithThePickupCode()
        {
            Assert.Equal(200, _p.Notify(_subscribe, "active;expires=3600", Type, SipPhone.DialogInfo200(1, Ringing)));
            PickUpTyped("201");
            string invite = _p.Last("INVITE");
            Assert.StartsWith("INVITE sip:*8201@10.0.0.1 SIP/2.0\r\n", invite);
            Assert.DoesNotContain("Replaces", invite);
        }

        [Fact]
        public void ATypedExtensionRingingWithoutDialogIdsIsPickedUpWithThePickupCode()
        {
            _p.Notify(_subscribe, "active;expires=3600", Type,
                SipPhone.DialogInfo200(1, "<dialog id=\"d1\" direction=\"recipient\"><state>early</state></dialog>"));
            PickUpTyped("200");
            string invite = _p.Last("INVITE");
            Assert.StartsWith("INVITE sip:*8200@10.0.0.1 SIP/2.0\r\n", invite);
            Assert.DoesNotContain("Replaces", invite);
        }

        [Fact]
        public void ATypedUriPicksUpTheKeyWatchingThatUserAtThatHost()
        {
            Assert.Equal(200, _p.Notify(_subscribe, "active;expires=3600", Type, SipPhone.DialogInfo200(1, Ringing)));
            string error;
            Assert.NotNull(_p.App.Calls.PickupNumber(1, "sip:200@10.0.0.1", _p.Now, out error));
            Assert.Contains("\r\nReplaces: cid-7@10.0.0.1;to-tag=rt4;from-tag=lt9;early-only\r\n", _p.Last("INVITE"));
            // Another host is not the key's extension: the pickup code and the URI's user part, none set yet.
            Assert.Null(_p.App.Calls.PickupNumber(1, "sip:200@pbx.example", _p.Now, out error));
            Assert.Equal("no pickup_code", error);
            _p.Settings.Set("pickup_code", 0, "*8");
            Assert.NotNull(_p.App.Calls.PickupNumber(1, "sip:200@pbx.example", _p.Now, out error));
            Assert.StartsWith("INVITE sip:*8200@10.0.0.1 SIP/2.0\r\n", _p.Last("INVITE"));
        }
    }
}
