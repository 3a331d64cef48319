namespace DeskPhone.Hil.Tests
{
    /// <summary>
    /// The dial plan (user_dp_str, docs/calls.md "Dial plan") from outside: set through phonectl, a bad plan refused by
    /// its rule, and digits pressed through phonectl's keys dial at once when a rule with the flag d matches, the
    /// rewritten Request-URI on the wire to a peer on loopback.
    /// </summary>
    public class DialPlanScenarios
    {
        [Fact]
        public void DigitsTypedThroughPhonectlDialTheRewrittenUriWhenARuleMatches()
        {
            using var phone = PhoneUnderTest.Simulator("");
            using var peer = new SipPeer();

            var refused = TraceScenarios.Phonectl(phone, "set", "user_dp_str", "!(12!x!", "1");
            Assert.Equal(1, refused.Code);
            Assert.Contains("user_dp_str[1]: rule 1: '(' without ')'", refused.Err + refused.Out);

            // 9 and three digits: the three digits at the peer, dialled as soon as the fourth key is pressed.
            var set = TraceScenarios.Phonectl(phone, "set", "user_dp_str", "!^9([0-9]{3})$!sip:\\1@127.0.0.1:" + peer.Port + "!d", "1");
            Assert.True(set.Code == 0, set.Err);
            // The handset lifted opens the dialing screen.
            Assert.Equal(0, TraceScenarios.Phonectl(phone, "keys", "HOOK", "hold").Code);
            foreach (string key in new[] { "9", "2", "0" })
            {
                Assert.Equal(0, TraceScenarios.Phonectl(phone, "keys", key).Code);
            }
            string screen = phone.WaitFor(() => phone.Screen(), t => t.Contains("[call] 920"));
            Assert.True(screen.Contains("[call] 920"), screen);
            Assert.Equal(0, TraceScenarios.Phonectl(phone, "keys", "7").Code);

            string invite = peer.Next("INVITE ");
            Assert.NotNull(invite);
            Assert.StartsWith("INVITE sip:207@127.0.0.1:" + peer.Port + " SIP/2.0\r\n", invite);
            Assert.Contains("\"remote\":\"sip:207@127.0.0.1:" + peer.Port + "\"", TraceScenarios.Phonectl(phone, "--json", "calls").Out);
            Assert.Equal(0, TraceScenarios.Phonectl(phone, "hangup").Code);
        }
    }
}
