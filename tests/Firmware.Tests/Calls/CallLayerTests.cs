using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Tests.Phone;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// The call layer is built on its first use (firmware/App/CallLayer): an idle phone holds none, and whatever reads
    /// the call state before then sees no call; an INVITE, a key or the bench's call routes build it.
    /// </summary>
    public class CallLayerTests
    {
        private readonly SipPhone _p = new SipPhone();

        public CallLayerTests()
        {
            _p.Run(100);
            _p.Register();
            _p.Run(1000);
        }

        private (int Status, string Body) Bench(string method, string path, string body = null)
        {
            var router = new BenchRouter(_p.Phone, null, (code, action) => _p.Phone.OnKey(code, action, _p.Now), null, null) { CallLayer = _p.App };
            BenchResponse r = router.Handle(method, path, null, body == null ? null : System.Text.Encoding.UTF8.GetBytes(body), null);
            return (r.Status, System.Text.Encoding.UTF8.GetString(r.Body));
        }

        /// <summary>The status of the phone's last answer to the request with this branch, null for none.</summary>
        private string AnswerTo(string branch)
        {
            string found = null;
            foreach (string m in _p.Channel.Sent)
            {
                if (m.StartsWith("SIP/2.0 ") && m.Contains(branch))
                {
                    found = m.Substring(8, 3);
                }
            }
            return found;
        }

        [Fact]
        public void AnIdlePhoneHasNoCallLayerAndNoCall()
        {
            Assert.False(_p.App.HasCalls);
            Assert.False(_p.Phone.InCall);
            Assert.Null(_p.Phone.CallKeys);

            Assert.Equal((200, "[]"), Bench("GET", "/api/calls"));
            Assert.False(_p.App.HasCalls);
        }

        [Fact]
        public void CancelDismissesTheDesktopMessageWithoutBuildingTheLayer()
        {
            _p.Phone.Settings.Set("cancel_desktop", 0, "on");
            byte[] text = System.Text.Encoding.UTF8.GetBytes("Lunch");
            Assert.Equal(200, _p.Phone.OnMessage(1, text, 0, text.Length, null, _p.Now));

            _p.Key(KeyCode.Cancel);

            Assert.Null(_p.Phone.Desktop.Text);
            Assert.False(_p.App.HasCalls);
            // Any other key still builds it (the call keys see every key first).
            _p.Key(KeyCode.Down);
            Assert.True(_p.App.HasCalls);
        }

        [Fact]
        public void AnIncomingCallBuildsTheLayerAndRings()
        {
            _p.Invite("z9hG4bKlayer1", "layer-1@10.0.0.1", "<sip:555@10.0.0.1>");
            _p.Run(100);

            Assert.True(_p.App.HasCalls);
            Assert.Equal("180", AnswerTo("z9hG4bKlayer1"));
            Assert.True(_p.Phone.InCall);
        }

        [Fact]
        public void LiftingTheHandsetBuildsTheLayerAndOpensTheDialPad()
        {
            _p.Key(KeyCode.Hook);

            Assert.True(_p.App.HasCalls);
            Assert.NotNull(_p.Phone.CallKeys);
            Assert.True(_p.App.Calls.Pad.Dialing);
        }

        [Fact]
        public void TheBenchDialBuildsTheLayer()
        {
            Assert.False(_p.App.HasCalls);
            var (status, _) = Bench("POST", "/api/calls", "{\"to\":\"200\"}");

            Assert.Equal(200, status);
            Assert.True(_p.App.HasCalls);
            Assert.NotNull(_p.Last("INVITE"));
        }
    }
}
