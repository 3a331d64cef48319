using DeskPhone.Drivers.Leds;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Host.Simulated;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// The calls on the LEDs (docs/leds.md): the line key F1 (fkey 1 is "line" by default) and the call LED blink fast
    /// while a call rings, are steady while it talks, blink slowly while the phone holds it and go off after it; read
    /// from the LED sink the drivers write (what a board's LEDs show) and the bank's pattern.
    /// </summary>
    public class CallLedsTests
    {
        private const string PeerSdp =
            "v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";

        private readonly SimulatedPhoneHardware _hw = new SimulatedPhoneHardware();
        private readonly SipPhone _p;
        private readonly int _f1 = LedMap.FunctionKey(0);

        public CallLedsTests()
        {
            _p = new SipPhone(null, null, _hw.Drivers);
            _p.Run(100);
            _p.Register();
        }

        private LedPattern Pattern(int led) => _hw.Drivers.Leds.PatternOf(led);

        /// <summary>What the sink showed for an LED over the last <paramref name="ms"/> of loop turns: each colour written.</summary>
        private string Shown(int led, int ms)
        {
            int from = _hw.PhoneLeds.Changes.Count;
            _p.Run(ms);
            var seen = new System.Text.StringBuilder();
            for (int i = from; i < _hw.PhoneLeds.Changes.Count; i++)
            {
                if (_hw.PhoneLeds.Changes[i].StartsWith(led + "="))
                {
                    seen.Append(_hw.PhoneLeds.Changes[i].Substring(led.ToString().Length + 1)).Append(' ');
                }
            }
            return seen.ToString().Trim();
        }

        private void Ok(string request)
        {
            _p.Channel.Arrive("SIP/2.0 200 OK\r\nVia: " + SipChannel.Header(request, "Via") + "\r\nFrom: " + SipChannel.Header(request, "From") +
                              "\r\nTo: " + SipChannel.Header(request, "To") + (SipChannel.Header(request, "To").Contains(";tag=") ? "" : ";tag=srv") +
                              "\r\nCall-ID: " + SipChannel.Header(request, "Call-ID") + "\r\nCSeq: " + SipChannel.Header(request, "CSeq") +
                              "\r\nContact: <sip:200@10.0.0.9>\r\nContent-Type: application/sdp\r\nContent-Length: " + PeerSdp.Length + "\r\n\r\n" + PeerSdp);
            _p.Run(10);
        }

        [Fact]
        public void TheLineKeyAndCallLedRingTalkHoldAndGoOff()
        {
            Assert.Equal(LedPattern.Off, Pattern(_f1));
            Assert.True(_p.App.Calls.Dial(1, "200", _p.Now, out string error) != null, error);
            string invite = _p.Last("INVITE");
            _p.Answer(invite, 180);
            Assert.Equal(LedPattern.BlinkFast, Pattern(_f1));
            Assert.Equal(LedPattern.BlinkFast, Pattern(LedMap.Call));
            // Fast blink on the wire of the LEDs: on and off several times a second.
            string ringing = Shown(_f1, 1000);
            Assert.Contains("Red Off Red Off", ringing);

            Ok(invite);
            Assert.Equal(LedPattern.On, Pattern(_f1));
            Assert.Equal(LedColor.Red, _hw.PhoneLeds[_f1]);
            Assert.Equal("", Shown(_f1, 2000));
            Assert.Equal(LedColor.Red, _hw.PhoneLeds[LedMap.Call]);

            Assert.True(_p.App.Calls.Hold(0, true, _p.Now));
            Ok(_p.Last("INVITE"));
            Assert.Equal(LedPattern.BlinkSlow, Pattern(_f1));
            Assert.Equal(LedPattern.BlinkSlow, Pattern(LedMap.Call));
            // Slow blink: 1 s on, 1 s off.
            string held = Shown(_f1, 4000);
            Assert.Contains("Red Off Red", held);
            Assert.InRange(held.Split(' ').Length, 3, 5);

            Assert.True(_p.App.Calls.Hangup(0, _p.Now));
            Assert.Equal(LedPattern.Off, Pattern(_f1));
            Assert.Equal(LedColor.Off, _hw.PhoneLeds[_f1]);
            Assert.Equal(LedPattern.Off, Pattern(LedMap.Call));
        }

        [Fact]
        public void OnlyLineKeysShowCallsAndEachItsOwnCall()
        {
            _p.Settings.Set("fkey", 1, "none");
            _p.Settings.Set("fkey", 3, "line");
            _p.Settings.Set("fkey", 4, "line");
            _p.Invite("z9hG4bKl1", "l1", "\"Bob\" <sip:555@10.0.0.1>");
            Assert.Equal(LedPattern.Off, Pattern(_f1));
            Assert.Equal(LedPattern.BlinkFast, Pattern(LedMap.FunctionKey(2)));
            Assert.Equal(LedPattern.Off, Pattern(LedMap.FunctionKey(3)));

            _p.Invite("z9hG4bKl2", "l2", "\"Carol\" <sip:556@10.0.0.1>");
            Assert.Equal(LedPattern.BlinkFast, Pattern(LedMap.FunctionKey(3)));
        }

        [Fact]
        public void AnFkeyChangedDuringACallIsReadAgainAndFollowsTheCall()
        {
            _p.Invite("z9hG4bKk1", "k1", "\"Bob\" <sip:555@10.0.0.1>");
            Assert.Equal(LedPattern.BlinkFast, Pattern(_f1));
            Assert.Equal(LedPattern.Off, Pattern(LedMap.FunctionKey(5)));

            // F1 no longer a line key, F6 one: the ringing call shows on F6 at once (the keys are read when an fkey
            // changes, not at each change of a call).
            _p.Settings.Set("fkey", 1, "none");
            _p.Settings.Set("fkey", 6, "line");
            _p.Run(10);
            Assert.Equal(LedPattern.BlinkFast, Pattern(LedMap.FunctionKey(5)));

            // The call answered: F6 follows it (steady).
            Assert.True(_p.App.Calls.Answer(0, _p.Now));
            _p.Run(10);
            Assert.Equal(LedPattern.On, Pattern(LedMap.FunctionKey(5)));
        }
    }
}
