using System;
using System.Runtime.CompilerServices;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>
    /// A quiet phone holds no inbox packet (docs/sip-stack.md): once a message is handled the user agent's parsed
    /// message forgets the packet's bytes, so the inbox's trim at its first empty take frees them.
    /// </summary>
    public class InboxReleaseTests
    {
        private readonly SipInbox _inbox = new SipInbox(2, 4096);
        private readonly FakeChannel _channel;
        private readonly SipUserAgent _ua;

        public InboxReleaseTests()
        {
            _channel = new FakeChannel(_inbox);
            _ua = new SipUserAgent(_inbox) { Udp = _channel }.Route(new RecordingHandler());
            _ua.SetIdentity(new SipIdentity { Index = 1, Active = true, User = "486", Registrar = "10.0.0.1" });
        }

        private static string Message(string branch) =>
            "MESSAGE sip:486@192.0.2.5;line=dp1 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=" + branch +
            "\nFrom: <sip:pbx@10.0.0.1>;tag=f\nTo: <sip:486@192.0.2.5>\nCall-ID: c1\nCSeq: 1 MESSAGE\nMax-Forwards: 70\n" +
            "Content-Type: text/plain\nContent-Length: 2\n\nhi";

        [Fact]
        public void TheHandledPacketIsFreedOnceQuietAndTheNextMessageMakesOneAgain()
        {
            WeakReference bytes = AnswerOne();
            for (int turn = 0; turn < SipInbox.QuietTurns; turn++)
            {
                _ua.Poll(0);
            }
            Assert.Equal(0, _inbox.Made);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Assert.False(bytes.IsAlive, "the handled packet's bytes are still reachable");

            _channel.Arrive(Message("z9hG4bKb2"));
            Assert.Equal(1, _inbox.Made);
            _ua.Poll(0);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", _channel.Last);
            // Handled, the inbox found empty: let go in the same turn.
            Assert.Equal(0, _inbox.Made);
            Assert.Equal(0, _inbox.Dropped);
        }

        // Apart, so no local of the test method keeps the packet alive.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private WeakReference AnswerOne()
        {
            SipPacket first = _inbox.Rent();
            var bytes = new WeakReference(first.Data);
            _inbox.Return(first);
            _channel.Arrive(Message("z9hG4bKb1"));
            _ua.Poll(0);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", _channel.Last);
            return bytes;
        }
    }
}
