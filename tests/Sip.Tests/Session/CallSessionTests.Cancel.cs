using DeskPhone.Sip.Session;

namespace DeskPhone.Sip.Tests.Stack
{
    public partial class CallSessionTests
    {
        // A forking proxy cancels the branches that lost once one answered, saying so (RFC 3326): kamailio's tm writes
        // this Reason. The call ends as any cancelled one on the wire (200, 487) with the reason the call logic reads to
        // leave it out of the missed calls.
        [Theory]
        [InlineData("Reason: SIP;cause=200;text=\"Call completed elsewhere\"\r\n", SipCall.AnsweredElsewhere)]
        [InlineData("Reason: SIP ;cause=487 ;text=\"Request Terminated\"\r\n", "cancelled")]
        [InlineData("Reason: Q.850;cause=16\r\n", "cancelled")]
        [InlineData("", "cancelled")]
        public void ACancelSayingTheCallWasCompletedElsewhereEndsItAsAnsweredElsewhere(string reason, string endReason)
        {
            SipCall call = Ringing();
            Arrive("CANCEL sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKinv1;rport\r\n" +
                   "From: \"Alice\" <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: call-1\r\nCSeq: 7 CANCEL\r\n" + reason +
                   "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");

            Assert.StartsWith("SIP/2.0 200 OK\r\n", Sent(1));
            Assert.StartsWith("SIP/2.0 487 Request Terminated\r\n", _channel.Last);
            Assert.Equal(SipCall.Ended, call.State);
            Assert.Equal(487, call.EndStatus);
            Assert.Equal(endReason, call.EndReason);
        }
    }
}
