using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Status;
using DeskPhone.Drivers.Input;
using DeskPhone.Drivers.Leds;
using DeskPhone.Firmware.App;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Host.Simulated;
using DeskPhone.Media.Tests.Rtp;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// The call layer is let go once nothing has needed it for <see cref="PhoneApp.CallsLetGoMs"/> and built again by the next
    /// call (firmware/App/CallLayer): the lists, the missed count and the statuses the user sees stay; the screen, the
    /// LEDs and the own status show no call meanwhile; what a call, the dialing screen or a menu needs keeps it.
    /// </summary>
    public class CallLayerLetGoTests
    {
        private const string Offer = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.7\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8\r\na=sendrecv\r\n";

        private readonly SimulatedPhoneHardware _hw = new SimulatedPhoneHardware();
        private readonly List<FakeRtpChannel> _channels = new List<FakeRtpChannel>();
        private readonly SipPhone _p;
        private readonly int _f1 = LedMap.FunctionKey(0);

        public CallLayerLetGoTests()
        {
            _p = new SipPhone(s => { s.Set("admin_mode_password", 0, "x"); s.Set("http_pass", 0, "y"); }, null, _hw.Drivers,
                rtp: () => { var c = new FakeRtpChannel(); _channels.Add(c); return c; });
            _p.Run(100);
            _p.Register();
            _p.Run(1000);
        }

        private string Screen => _p.App.Text.GetScreenText();

        private void Press(params int[] keys)
        {
            foreach (int key in keys)
            {
                _p.Phone.OnKey(key, KeyAction.Press, _p.Now);
                _p.Phone.OnKey(key, KeyAction.Release, _p.Now);
                _p.Run(10);
            }
        }

        /// <summary>A caller who gives up (CANCEL): a missed call.</summary>
        private void Missed(string id, string from)
        {
            _p.Invite("z9hG4bK" + id, id, from);
            _p.Channel.Arrive("CANCEL sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK" + id + "\r\n" +
                              "From: " + from + ";tag=a\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: " + id + "\r\nCSeq: 1 CANCEL\r\n" +
                              "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            _p.Run(10);
        }

        /// <summary>A call answered, talked in for 5 s (with its media) and hung up: a received call.</summary>
        private void Received(string id, string from)
        {
            _p.Invite("z9hG4bK" + id, id, from, sdp: Offer);
            Assert.True(_p.App.Calls.Answer(0, _p.Now));
            _p.Run(5000);
            Assert.True(_p.App.Calls.Hangup(0, _p.Now));
            _p.Run(10);
        }

        private void Quiet() => _p.Run(PhoneApp.CallsLetGoMs + 100);

        [Fact]
        public void AfterTheLastCallTheLayerGoesAndTheNextCallFindsTheListsAndCounts()
        {
            Missed("g1", "\"Bob\" <sip:555@10.0.0.1>");
            Received("g2", "<sip:777@10.0.0.1>");
            Assert.True(_p.App.HasCalls);

            Quiet();
            Assert.False(_p.App.HasCalls);
            Assert.Null(_p.Phone.CallKeys);
            Assert.False(_p.Phone.InCall);
            Assert.Equal(PresenceState.Online, _p.Phone.Presence.State);
            Assert.Equal("1", _p.Phone.Statuses.ParamOf(StatusId.PhoneHasMissedCalls));
            Assert.Equal(LedPattern.Off, _hw.Drivers.Leds.PatternOf(_f1));
            Assert.DoesNotContain("[call]", Screen);

            // The next call builds it again: ringing, Busy, the line key blinking, the missed count goes on from 1 and the
            // call's id from the two calls before (the bench's call ids do not repeat).
            _p.Invite("z9hG4bKg3", "g3", "\"Carol\" <sip:666@10.0.0.1>");
            _p.Run(10);
            Assert.True(_p.App.HasCalls);
            Assert.Equal(3, _p.App.Calls.Sessions.Slot(0).Id);
            Assert.True(_p.Phone.InCall);
            Assert.Equal(PresenceState.Busy, _p.Phone.Presence.State);
            Assert.NotEqual(LedPattern.Off, _hw.Drivers.Leds.PatternOf(_f1));
            Assert.Contains("[call]", Screen);
            _p.Channel.Arrive("CANCEL sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKg3\r\n" +
                              "From: \"Carol\" <sip:666@10.0.0.1>;tag=a\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: g3\r\nCSeq: 1 CANCEL\r\n" +
                              "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            _p.Run(10);
            Assert.Equal("2", _p.Phone.Statuses.ParamOf(StatusId.PhoneHasMissedCalls));
            Assert.False(_p.Phone.InCall);
            Assert.Equal(PresenceState.Online, _p.Phone.Presence.State);
            Assert.Equal(LedPattern.Off, _hw.Drivers.Leds.PatternOf(_f1));

            // Let go again; the menu builds it and shows the first calls beside the last.
            Quiet();
            Assert.False(_p.App.HasCalls);
            Press(KeyCode.Menu, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Down, KeyCode.Ok);
            Assert.Contains("\n[menu] Call lists\n[item] > Missed calls (2)\n[item]   Received calls (1)\n[item]   Dialled calls (0)", Screen);
            Press(KeyCode.Ok);
            Assert.Contains("\n[menu] Missed calls\n[item] > Carol 666\n[item]   Bob 555", Screen);
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.PhoneHasMissedCalls));
            Press(KeyCode.Cancel, KeyCode.Down, KeyCode.Ok);
            Assert.Contains("\n[menu] Received calls\n[item] > 777 00:05", Screen);
        }

        [Fact]
        public void AnOpenMenuTheDialingScreenOrALiftedHandsetKeepTheLayer()
        {
            Press(KeyCode.Menu);
            Quiet();
            Assert.True(_p.App.HasCalls);
            Press(KeyCode.Menu);
            Quiet();
            Assert.False(_p.App.HasCalls);

            _p.Key(KeyCode.Hook);
            Quiet();
            Assert.True(_p.App.HasCalls);
            Assert.True(_p.App.Calls.Pad.Dialing);
            _p.Phone.OnKey(KeyCode.Hook, KeyAction.Release, _p.Now);
            Quiet();
            Assert.False(_p.App.HasCalls);
        }

        [Fact]
        public void ATalkingCallKeepsTheLayerAndItsMedia()
        {
            _p.Invite("z9hG4bKk1", "k1", "<sip:777@10.0.0.1>", sdp: Offer);
            Assert.True(_p.App.Calls.Answer(0, _p.Now));
            int sent = _channels[0].SendCount;
            Quiet();
            Assert.True(_p.App.HasCalls);
            Assert.True(_p.Phone.InCall);
            Assert.True(_channels[0].SendCount > sent + PhoneApp.CallsLetGoMs / 20 - 10);
        }

        [Fact]
        public void TheLayerLetGoIsCollected()
        {
            WeakReference calls = CallAndLetGo();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Assert.False(calls.IsAlive);
            Assert.Null(_p.App.Screen.Calls);
            Assert.Null(_p.App.Screen.Menus.Calls);
            Assert.Null(_p.Phone.ConferenceKeys);
        }

        // Out of line, so no local of the test's own frame keeps the layer.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private WeakReference CallAndLetGo()
        {
            Received("c1", "<sip:777@10.0.0.1>");
            // The BYE answered: its transaction (which reports to the sessions) ends within the quiet time.
            _p.Answer(_p.Last("BYE"), 200);
            var calls = new WeakReference(_p.App.Calls);
            Assert.NotNull(_p.App.Screen.Calls);
            Quiet();
            Assert.False(_p.App.HasCalls);
            return calls;
        }
    }
}
