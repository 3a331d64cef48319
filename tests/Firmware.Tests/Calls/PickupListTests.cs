using DeskPhone.Domain.Status;
using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Tests.Phone;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// The pickup list and directed pickup on the phone built by PhoneApp (docs/calls.md, "Call screen", "Pickup"):
    /// while several BLF keys' extensions ring, the idle screen lists them newest first with their callers, up and down
    /// move the selection, the Pick up softkey sends the INVITE with Replaces naming the selected extension's dialog; an
    /// extension that stops ringing leaves the list; more than the screen's rows show "+N more". On the dialing screen
    /// Pick up dials pickup_code + the typed extension. Read from the bench's screen text and the SIP on the wire.
    /// </summary>
    public class PickupListTests
    {
        private const string Type = "application/dialog-info+xml";

        private readonly SipPhone _p;

        public PickupListTests()
        {
            _p = new SipPhone(s =>
            {
                for (int key = 1; key <= 9; key++)
                {
                    s.Set("fkey", key, "blf sip:20" + key + "@10.0.0.1");
                }
            });
            _p.Run(100);
            _p.Register();
            _p.Run(100);
            foreach (string m in _p.Channel.Sent.ToArray())
            {
                if (m.StartsWith("SUBSCRIBE ") && SipChannel.Header(m, "Event") == "dialog")
                {
                    _p.Answer(m, 200, "Expires: 3600\r\n");
                }
            }
        }

        private string Screen => _p.App.Text.GetScreenText();

        /// <summary>The dialog SUBSCRIBE of extension 20<paramref name="n"/>'s key.</summary>
        private string Subscribe(int n) =>
            _p.Channel.Sent.FindLast(m => m.StartsWith("SUBSCRIBE sip:20" + n + "@") && SipChannel.Header(m, "Event") == "dialog");

        /// <summary>Extension 20n rings: caller 55n calls it (dialog ids cid-n, lt-n, rt-n).</summary>
        private void Ring(int n, int version = 1)
        {
            string body = "<?xml version=\"1.0\"?><dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"" + version +
                          "\" state=\"full\" entity=\"sip:20" + n + "@10.0.0.1\"><dialog id=\"d1\" call-id=\"cid-" + n + "\" local-tag=\"lt-" + n +
                          "\" remote-tag=\"rt-" + n + "\" direction=\"recipient\"><state>early</state><remote><identity>sip:55" + n +
                          "@10.0.0.1</identity><target uri=\"sip:55" + n + "@10.0.0.7:5062\"/></remote></dialog></dialog-info>";
            Assert.Equal(200, _p.Notify(Subscribe(n), "active;expires=3600", Type, body));
            _p.Run(10);
        }

        private void StopRinging(int n, int version)
        {
            Assert.Equal(200, _p.Notify(Subscribe(n), "active;expires=3600", Type,
                "<?xml version=\"1.0\"?><dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"" + version +
                "\" state=\"full\" entity=\"sip:20" + n + "@10.0.0.1\"><dialog id=\"d1\" direction=\"recipient\"><state>terminated</state></dialog></dialog-info>"));
            _p.Run(10);
        }

        [Fact]
        public void SeveralRingingExtensionsAreListedNewestFirstAndTheSelectedOneIsPickedUp()
        {
            Ring(1);
            Assert.Contains("[call] <call> Ringing at 201\n[call] Call from 551\n", Screen);
            Ring(2);
            Ring(3);
            Assert.Contains("[call] <call> Pick up: 3 ringing\n[call] > 203 from 553\n[call]   202 from 552\n[call]   201 from 551\n", Screen);
            Assert.Contains("[softkey 1] Pick up\n", Screen);

            _p.Key(KeyCode.Down);
            Assert.Contains("[call]   203 from 553\n[call] > 202 from 552\n[call]   201 from 551\n", Screen);
            Assert.DoesNotContain("[menu]", Screen);
            _p.Key(KeyCode.Down);
            _p.Key(KeyCode.Down);
            _p.Key(KeyCode.Up);
            Assert.Contains("[call] > 202 from 552\n", Screen);

            _p.Key(KeyCode.Softkey1);
            string invite = _p.Last("INVITE");
            Assert.StartsWith("INVITE sip:552@10.0.0.7:5062 SIP/2.0\r\n", invite);
            Assert.Equal("cid-2;to-tag=rt-2;from-tag=lt-2;early-only", SipChannel.Header(invite, "Replaces"));
        }

        [Fact]
        public void AnExtensionThatStopsRingingLeavesTheListAndTheStatusStaysWhileAnyRings()
        {
            Ring(1);
            Ring(2);
            _p.Key(KeyCode.Down);
            Assert.Contains("[call] > 201 from 551\n", Screen);
            StopRinging(1, 2);
            // The selected one gone, the list is one call again, and OK picks the one left up.
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.CallForPickupAvailable));
            Assert.Contains("[call] <call> Ringing at 202\n[call] Call from 552\n", Screen);
            Assert.DoesNotContain("551", Screen);
            StopRinging(2, 2);
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.CallForPickupAvailable));
            Assert.DoesNotContain("[call]", Screen);
            Assert.DoesNotContain("[softkey", Screen);
        }

        [Fact]
        public void MoreRingingExtensionsThanRowsShowPlusNMoreAndTheSelectionScrolls()
        {
            int rows = _p.App.Idle.CallRows;
            Assert.True(rows >= 3 && rows < 9, "rows " + rows);
            for (int n = 1; n <= rows; n++)
            {
                Ring(n);
            }
            string screen = Screen;
            Assert.Contains("[call] <call> Pick up: " + rows + " ringing\n[call] > 20" + rows + " from 55" + rows + "\n", screen);
            Assert.Contains("[call] +2 more\n", screen);
            Assert.DoesNotContain("[call]   202 ", screen);
            Assert.DoesNotContain("[call] ...", screen);

            for (int i = 1; i < rows; i++)
            {
                _p.Key(KeyCode.Down);
            }
            screen = Screen;
            Assert.Contains("[call] > 201 from 551\n[call] +2 more\n", screen);
            Assert.DoesNotContain("20" + rows + " ", screen);

            _p.Key(KeyCode.Ok);
            Assert.Equal("cid-1;to-tag=rt-1;from-tag=lt-1;early-only", SipChannel.Header(_p.Last("INVITE"), "Replaces"));
        }

        [Fact]
        public void TheDialingScreensPickUpDialsThePickupCodeAndTheTypedExtension()
        {
            _p.Key(KeyCode.Speaker);
            _p.Key(KeyCode.Digit2);
            _p.Key(KeyCode.Digit0);
            _p.Key(KeyCode.Digit5);
            // No pickup_code: no Pick up softkey, softkey 3 does nothing.
            Assert.DoesNotContain("Pick up", Screen);
            _p.Key(KeyCode.Softkey3);
            Assert.Null(_p.Last("INVITE"));

            _p.Settings.Set("pickup_code", 0, "*8");
            _p.Run(10);
            Assert.Contains("[softkey 3] Pick up\n", Screen);
            _p.Key(KeyCode.Softkey3);
            string invite = _p.Last("INVITE");
            Assert.StartsWith("INVITE sip:*8205@10.0.0.1 SIP/2.0\r\n", invite);
            Assert.Null(SipChannel.Header(invite, "Replaces"));
            Assert.Contains("[call] <call> Calling *8205\n", Screen);
        }
    }
}
