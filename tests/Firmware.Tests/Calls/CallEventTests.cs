using System.Collections.Generic;
using DeskPhone.Firmware.Phone;
using DeskPhone.Firmware.Tests.Phone;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// A call's states go out as phone events ("call", the id and the state: the bench's /api/events), raised by the call
    /// layer as the calls' listener (CallLayer.CallChanged, which also ends the call's voice).
    /// </summary>
    public class CallEventTests
    {
        [Fact]
        public void AnAnsweredCallsStatesAreRaisedInOrder()
        {
            var p = new SipPhone();
            p.Run(100);
            p.Register();
            var states = new List<string>();
            p.Phone.Event += (kind, detail) =>
            {
                if (kind == PhoneEventKind.Call)
                {
                    states.Add(detail.Substring(detail.IndexOf(' ') + 1));
                }
            };
            p.Invite("z9hG4bKev1", "ev1", "\"Bob\" <sip:555@10.0.0.1>");
            p.Run(10);
            p.App.Calls.Answer(0, p.Now);
            p.Run(100);
            p.App.Calls.Hangup(0, p.Now);
            p.Run(10);
            int incoming = states.IndexOf("incoming"), connected = states.IndexOf("connected"), ended = states.IndexOf("ended");
            Assert.True(incoming >= 0 && connected > incoming && ended > connected, string.Join(",", states));
        }
    }
}
