using DeskPhone.Domain.Status;
using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Tests.Phone;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>The call lists in the menu (Menu, Call lists) of the phone built by PhoneApp: what the screen shows, and calling back.</summary>
    public class CallListMenuTests
    {
        private readonly SipPhone _p = new SipPhone(s => { s.Set("admin_mode_password", 0, "x"); s.Set("http_pass", 0, "y"); });

        public CallListMenuTests()
        {
            _p.Run(100);
            _p.Register();
        }

        private void Press(params int[] keys)
        {
            foreach (int key in keys)
            {
                _p.Phone.OnKey(key, KeyAction.Press, _p.Now);
                _p.Phone.OnKey(key, KeyAction.Release, _p.Now);
                _p.Run(10);
            }
        }

        private string Screen => _p.App.Text.GetScreenText();

        /// <summary>Bob calls and gives up (CANCEL): a missed call.</summary>
        private void MissedCallFromBob()
        {
            _p.Invite("z9hG4bKm1", "m1", "\"Bob\" <sip:555@10.0.0.1>");
            _p.Channel.Arrive("CANCEL sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKm1\r\n" +
                              "From: \"Bob\" <sip:555@10.0.0.1>;tag=a\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: m1\r\nCSeq: 1 CANCEL\r\n" +
                              "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            _p.Run(10);
        }

        [Fact]
        public void TheMissedListShowsTheCallerClearsTheMissedCallsAndCallsBack()
        {
            MissedCallFromBob();
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.PhoneHasMissedCalls));
            Press(KeyCode.Menu, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Down);
            Assert.Contains("\n[item] > Call lists", Screen);
            Press(KeyCode.Ok);
            Assert.Contains("\n[menu] Call lists\n[item] > Missed calls (1)\n[item]   Received calls (0)\n[item]   Dialled calls (0)", Screen);

            Press(KeyCode.Ok);
            Assert.Contains("\n[menu] Missed calls\n[item] > Bob 555", Screen);
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.PhoneHasMissedCalls));
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.CanceledCall));

            Press(KeyCode.Ok);
            Assert.StartsWith("INVITE sip:555@10.0.0.1 SIP/2.0\r\n", _p.Last("INVITE"));
            Assert.DoesNotContain("[menu]", Screen);
            Assert.Contains("[call] <call> Calling 555", Screen);
        }

        [Fact]
        public void TheDirectoryKeyOpensTheCallLists()
        {
            MissedCallFromBob();
            Press(KeyCode.Directory);
            Assert.Contains("\n[menu] Call lists\n[item] > Missed calls (1)\n[item]   Received calls (0)\n[item]   Dialled calls (0)", Screen);
            Press(KeyCode.Ok, KeyCode.Ok);
            Assert.StartsWith("INVITE sip:555@10.0.0.1 SIP/2.0\r\n", _p.Last("INVITE"));
        }

        [Fact]
        public void ReceivedCallsShowTheirDurationAndCancelGoesBackAStep()
        {
            _p.Invite("z9hG4bKr1", "r1", "<sip:777@10.0.0.1>");
            _p.App.Calls.Answer(0, _p.Now);
            _p.Run(5000);
            _p.App.Calls.Hangup(0, _p.Now);
            _p.Run(10);
            Press(KeyCode.Menu, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Ok, KeyCode.Down, KeyCode.Ok);
            Assert.Contains("\n[menu] Received calls\n[item] > 777 00:05", Screen);
            Press(KeyCode.Cancel);
            Assert.Contains("\n[menu] Call lists\n[item]   Missed calls (0)\n[item] > Received calls (1)", Screen);
            Press(KeyCode.Cancel);
            Assert.Contains("\n[item] > Call lists", Screen);
        }

        [Fact]
        public void AnEmptyListSaysSoAndOkDoesNothing()
        {
            Press(KeyCode.Menu, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Ok, KeyCode.Down, KeyCode.Down, KeyCode.Ok);
            Assert.Contains("\n[menu] Dialled calls\n[item] > No calls", Screen);
            Press(KeyCode.Ok);
            Assert.Null(_p.Last("INVITE"));
            Assert.Contains("[menu] Dialled calls", Screen);
        }
    }
}
