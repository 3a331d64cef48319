using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Tests.Message
{
    /// <summary>
    /// The phone's capabilities are constants and comparisons in code: the Allow and Accept values on the wire stay the
    /// bytes they were, and each names exactly what the checks accept.
    /// </summary>
    public class UaCapabilitiesTests
    {
        private const string Allow = "INVITE, ACK, BYE, CANCEL, OPTIONS, MESSAGE, NOTIFY, INFO, REFER, UPDATE, PRACK";

        private const string Accept = "text/plain, application/sdp, application/snomxml, application/simple-message-summary, " +
                                      "application/dialog-info+xml, application/pidf+xml, application/x-as-feature-event+xml, " +
                                      "application/reginfo+xml, application/dtmf-relay, application/dtmf, message/sipfrag, " +
                                      "application/call-completion";

        [Fact]
        public void TheListsOnTheWireAreUnchanged()
        {
            Assert.Equal(Allow, UaCapabilities.Phone().AllowList());
            Assert.Equal(Accept, UaCapabilities.Phone().AcceptList());
        }

        [Fact]
        public void EveryAllowedMethodIsAllowedAndKnownAndNoOther()
        {
            UaCapabilities caps = UaCapabilities.Phone();
            foreach (string method in Allow.Split(", "))
            {
                Assert.True(caps.Allows(method), method);
                Assert.True(UaCapabilities.IsKnownMethod(method), method);
            }
            foreach (string method in new[] { "REGISTER", "SUBSCRIBE", "PUBLISH" })
            {
                Assert.False(caps.Allows(method), method);
                Assert.True(UaCapabilities.IsKnownMethod(method), method);
            }
            foreach (string method in new[] { "FOO", "invite", "INVITEX", "", "ACKS" })
            {
                Assert.False(caps.Allows(method), method);
                Assert.False(UaCapabilities.IsKnownMethod(method), method);
            }
        }

        [Fact]
        public void EveryAcceptedTypeIsReadAndNoOther()
        {
            UaCapabilities caps = UaCapabilities.Phone();
            foreach (string type in Accept.Split(", "))
            {
                Assert.True(caps.Reads(type), type);
            }
            Assert.False(caps.Reads("application/json"));
            Assert.False(caps.Reads("multipart/mixed", "MESSAGE"));
            Assert.True(caps.Reads("multipart/mixed", "NOTIFY"));
        }

        [Fact]
        public void OnlyTimerReplacesAnd100relAreSupported()
        {
            UaCapabilities caps = UaCapabilities.Phone();
            Assert.True(caps.Supports("timer"));
            Assert.True(caps.Supports("replaces"));
            Assert.True(caps.Supports("100rel"));
            Assert.False(caps.Supports("precondition"));
            Assert.False(caps.Supports(""));
        }
    }
}
