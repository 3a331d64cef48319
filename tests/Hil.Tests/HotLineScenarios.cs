namespace DeskPhone.Hil.Tests
{
    /// <summary>
    /// The hot line (auto_dial_target with auto_dial 1, docs/calls.md "Hot and warm line") from outside: a target the
    /// phone cannot call refused through phonectl, then the handset lifted through phonectl's keys dials the target at
    /// once: its Request-URI on the wire to a peer on loopback and the call screen saying it is the hot line.
    /// </summary>
    public class HotLineScenarios
    {
        [Fact]
        public void TheHandsetLiftedDialsTheHotLineTarget()
        {
            using var phone = PhoneUnderTest.Simulator("");
            using var peer = new SipPeer();

            var refused = TraceScenarios.Phonectl(phone, "set", "auto_dial_target", "sip:@127.0.0.1");
            Assert.Equal(1, refused.Code);
            Assert.Contains("auto_dial_target: 'sip:@127.0.0.1' is not a number, user@host or sip: URI", refused.Err + refused.Out);

            string target = "sip:200@127.0.0.1:" + peer.Port;
            var set = TraceScenarios.Phonectl(phone, "set", "auto_dial_target", target);
            Assert.True(set.Code == 0, set.Err);
            set = TraceScenarios.Phonectl(phone, "set", "auto_dial", "1");
            Assert.True(set.Code == 0, set.Err);

            Assert.Equal(0, TraceScenarios.Phonectl(phone, "keys", "HOOK", "hold").Code);
            string invite = peer.Next("INVITE ");
            Assert.NotNull(invite);
            Assert.StartsWith("INVITE " + target + " SIP/2.0\r\n", invite);
            string screen = phone.WaitFor(() => phone.Screen(), t => t.Contains("Hot line: "));
            // The peer answers at once: the call may already be connected when the screen is read.
            Assert.Matches(@"\[call\] <call> (Calling |Ringing: |Connected: )200\n", screen);
            Assert.True(screen.Contains("[call] Hot line: " + target + "\n"), screen);
            Assert.Equal(0, TraceScenarios.Phonectl(phone, "hangup").Code);
        }
    }
}
