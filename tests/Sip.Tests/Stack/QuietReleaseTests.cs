using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Session;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>
    /// What the stack lets go of once quiet (docs/sip-stack.md, docs/benchmarks.md "SIP stack's heap"): the user agent's
    /// parsed message and writer at the end of a packet's turn (a burst's too), the call sessions'
    /// parser, message, SDP reader and writer once no call is left; each is made again by the next use, which answers
    /// as before.
    /// </summary>
    public class QuietReleaseTests
    {
        private readonly SipInbox _inbox = new SipInbox(2, 4096);
        private readonly FakeChannel _channel;
        private readonly SipUserAgent _ua;
        private readonly WatchingListener _watch = new WatchingListener();

        public QuietReleaseTests()
        {
            _channel = new FakeChannel(_inbox);
            _ua = new SipUserAgent(_inbox) { Udp = _channel, LocalHost = "192.0.2.10" };
            _ua.SetIdentity(new SipIdentity { Index = 1, Active = true, User = "486", Registrar = "10.0.0.1" });
        }

        /// <summary>Answers every MESSAGE 200 and keeps a weak reference to the parsed message it was handed.</summary>
        private sealed class WatchingListener : ISipListener
        {
            public WeakReference Seen;
            public int Handled;

            public bool OnRequest(SipPacket packet, SipMessage m, long nowMs)
            {
                if (m.Method != "MESSAGE")
                {
                    return false;
                }
                Seen = new WeakReference(m);
                Boxes = SearchBoxes();
                Handled++;
                ((SipUserAgent)Agent).Reply(packet, m, 200, nowMs);
                return true;
            }

            public bool OnResponse(SipMessage m, long nowMs) => false;

            public object Agent;

            /// <summary>The searches' boxed values while the last request was handled.</summary>
            public object Boxes;
        }

        /// <summary>DeskPhone.Sip.Text.ByteSearch.Boxes (internal): the searches' values, boxed while parses need them.</summary>
        private static object SearchBoxes() =>
            typeof(SipUserAgent).Assembly.GetType("DeskPhone.Sip.Text.ByteSearch")
                .GetField("Boxes", BindingFlags.NonPublic | BindingFlags.Static).GetValue(null);

        private static string Message(string branch) =>
            "MESSAGE sip:486@192.0.2.10;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=" + branch +
            "\r\nFrom: <sip:pbx@10.0.0.1>;tag=f\r\nTo: <sip:486@192.0.2.10>\r\nCall-ID: c-" + branch + "\r\nCSeq: 1 MESSAGE\r\n" +
            "Max-Forwards: 70\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi";

        private static void Collect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private string AnswerFirst()
        {
            _channel.Arrive(Message("z9hG4bKq1"));
            _ua.Poll(0);
            return _channel.Last;
        }

        [Fact]
        public void TheParsedMessageIsLetGoAfterItsTurnAndARetransmissionIsStillAnsweredFromTimerJ()
        {
            _watch.Agent = _ua;
            _ua.AddListener(_watch);
            string first = AnswerFirst();
            Assert.StartsWith("SIP/2.0 200 OK\r\n", first);

            Collect();
            Assert.False(_watch.Seen.IsAlive, "the user agent still holds its parsed message after the request's turn");

            // The retransmission within Timer J gets the same answer (same To tag) without reaching the listener again.
            _channel.Arrive(Message("z9hG4bKq1"));
            _ua.Poll(SipInbox.QuietTurns + 10);
            Assert.Equal(first, _channel.Last);
            Assert.Equal(1, _watch.Handled);

            // A new request is handled and answered as the first was.
            _channel.Arrive(Message("z9hG4bKq2"));
            _ua.Poll(SipInbox.QuietTurns + 20);
            Assert.Equal(2, _watch.Handled);
            Assert.Equal(first.Replace("q1", "q2").Replace("tag=dp1", "tag=dp2"), _channel.Last);
        }

        private object ParsedMessage() =>
            typeof(SipUserAgent).GetField("_message", BindingFlags.NonPublic | BindingFlags.Instance).GetValue(_ua);

        [Fact]
        public void ALoneRequestAResponseOrABurstsRequestLetsGoOfTheParsedMessageAtOnce()
        {
            _watch.Agent = _ua;
            _ua.AddListener(_watch);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", AnswerFirst());
            // A lone request: what it set off in its turn (a MESSAGE's redraw) runs without it.
            Assert.Null(ParsedMessage());

            // A response (here a stray one, dropped): it goes at once too.
            _channel.Arrive("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKnone\r\nFrom: <sip:486@10.0.0.1>;tag=a\r\n" +
                            "To: <sip:486@10.0.0.1>;tag=b\r\nCall-ID: r1\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n");
            _ua.Poll(1);
            Assert.Null(ParsedMessage());

            // The next request is handled and answered as the first was.
            _channel.Arrive(Message("z9hG4bKq3"));
            _ua.Poll(2);
            Assert.Equal(2, _watch.Handled);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", _channel.Last);
            // In the turn after another packet's (a burst, an office key's NOTIFY after a MESSAGE): let go at once too,
            // where it was kept for PartsQuietTurns turns and the next request came ten turns later (h-txtable).
            Assert.Null(ParsedMessage());

            // The burst's next request is handled and answered as the first was.
            _channel.Arrive(Message("z9hG4bKq4"));
            _ua.Poll(3);
            Assert.Equal(3, _watch.Handled);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", _channel.Last);
            Assert.Null(ParsedMessage());
        }

        /// <summary>
        /// The searches' boxed values (ByteSearch.Boxes, one static array, not ten static fields: h-sipboxes) exist while
        /// a request is handled and go with the burst's parts; the next parse makes them again and answers as before.
        /// Other tests' parses may make or drop them meanwhile (one static, tests in parallel): so the check is that the
        /// array the handler saw is not kept, which a user agent that let go of nothing would fail.
        /// </summary>
        [Fact]
        public void TheSearchesBoxedValuesGoWithTheBurstsPartsAndAreMadeAgain()
        {
            _watch.Agent = _ua;
            _ua.AddListener(_watch);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", AnswerFirst());
            object seen = _watch.Boxes;
            Assert.NotNull(seen);
            Assert.NotSame(seen, SearchBoxes());

            _channel.Arrive(Message("z9hG4bKq2"));
            _ua.Poll(1);
            Assert.Equal(2, _watch.Handled);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", _channel.Last);
            Assert.NotNull(_watch.Boxes);
            Assert.NotSame(seen, _watch.Boxes);
        }

        private static readonly string[] CallParts = { "_sdpMedia", "_writer" };

        private static object Part(CallSessions calls, string name) =>
            typeof(CallSessions).GetField(name, BindingFlags.NonPublic | BindingFlags.Instance).GetValue(calls);

        /// <summary>The INVITE's parser, message and parse results are never kept by the sessions: no field holds one (h-callobjs).</summary>
        private static void NoParseStateKept()
        {
            foreach (FieldInfo field in typeof(CallSessions).GetFields(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance))
            {
                Assert.NotEqual(typeof(SipParser), field.FieldType);
                Assert.NotEqual(typeof(SipMessage), field.FieldType);
                Assert.NotEqual(typeof(ParseResult), field.FieldType);
            }
        }

        private const string PeerSdp =
            "v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8 0 101\r\na=rtpmap:101 telephone-event/8000\r\n";

        private static string Invite(string callId) =>
            "INVITE sip:486@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK" + callId + ";rport\r\n" +
            "From: <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:486@10.0.0.1>\r\nCall-ID: " + callId + "\r\nCSeq: 7 INVITE\r\n" +
            "Contact: <sip:200@10.0.0.9:5062>\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: " + PeerSdp.Length +
            "\r\n\r\n" + PeerSdp;

        /// <summary>Rings, answers and ends (BYE from the other side) one call; returns its 200 with its own tag and Call-ID taken out.</summary>
        private string OneCall(CallSessions calls, RecordingSessions handler, string callId, ref long now)
        {
            _channel.Arrive(Invite(callId));
            _ua.Poll(now);
            SipCall call = handler.Last;
            string ringing = _channel.Last;
            // A turn while it rings: the answer still has its INVITE to be written from, but the 180's writer and the
            // offer's SDP reader are let go (h-ringing) and the answer makes a writer again.
            calls.Poll(now);
            Assert.Null(Part(calls, "_writer"));
            Assert.Null(Part(calls, "_sdpMedia"));
            // A retransmitted INVITE while it rings gets the kept 180's bytes again.
            _channel.Arrive(Invite(callId));
            _ua.Poll(now);
            Assert.StartsWith("SIP/2.0 180 Ringing\r\n", _channel.Last);
            Assert.Equal(ringing, _channel.Last);
            Assert.True(calls.Answer(call, now));
            Assert.StartsWith("SIP/2.0 200 OK\r\n", _channel.Last);
            string to = FakeChannel.Header(_channel.Last, "To");
            string tag = to.Substring(to.IndexOf(";tag=") + 5);
            string ok = _channel.Last.Replace(tag, "TAG").Replace(callId, "CALL");
            _channel.Arrive("ACK sip:486@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKack" + callId +
                            "\r\nFrom: <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:486@10.0.0.1>;tag=" + tag + "\r\nCall-ID: " + callId +
                            "\r\nCSeq: 7 ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            _ua.Poll(now += 10);
            calls.Poll(now);
            // Answered, the call talks without the INVITE's parser, message, writer and SDP reader (its 200 is kept as
            // bytes; a re-INVITE makes the reader again in its own handler).
            NoParseStateKept();
            foreach (string part in CallParts)
            {
                Assert.Null(Part(calls, part));
            }
            // The other side holds the call: its re-INVITE's offer is read by a reader made again, and answered recvonly.
            string hold = PeerSdp.Replace("o=- 1 1", "o=- 1 2") + "a=sendonly\r\n";
            _channel.Arrive("INVITE sip:486@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKhold" + callId +
                            "\r\nFrom: <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:486@10.0.0.1>;tag=" + tag + "\r\nCall-ID: " + callId +
                            "\r\nCSeq: 8 INVITE\r\nContact: <sip:200@10.0.0.9:5062>\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\n" +
                            "Content-Length: " + hold.Length + "\r\n\r\n" + hold);
            _ua.Poll(now += 10);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", _channel.Last);
            Assert.Contains("a=recvonly\r\n", _channel.Last);
            Assert.True(call.RemoteHeld);
            _channel.Arrive("ACK sip:486@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKholdack" + callId +
                            "\r\nFrom: <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:486@10.0.0.1>;tag=" + tag + "\r\nCall-ID: " + callId +
                            "\r\nCSeq: 8 ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            _ua.Poll(now += 10);
            calls.Poll(now);
            _channel.Arrive("BYE sip:486@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKbye" + callId +
                            "\r\nFrom: <sip:200@10.0.0.1>;tag=a1\r\nTo: <sip:486@10.0.0.1>;tag=" + tag + "\r\nCall-ID: " + callId +
                            "\r\nCSeq: 9 BYE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            _ua.Poll(now += 10);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", _channel.Last);
            Assert.Equal(SipCall.Ended, call.State);
            return ok;
        }

        [Fact]
        public void TheCallsPartsAreLetGoOnceNoCallIsLeftAndTheNextCallIsAnsweredTheSame()
        {
            var handler = new RecordingSessions();
            var calls = new CallSessions(_ua, handler, true);
            _ua.Route(new RecordingHandler());
            long now = 0;
            string first = OneCall(calls, handler, "call-1", ref now);

            calls.Poll(now += 10);
            foreach (string part in CallParts)
            {
                Assert.Null(Part(calls, part));
            }

            // The same 200 (its SDP's session id and media port are the next call's own: 10002 after 10000).
            string second = OneCall(calls, handler, "call-2", ref now);
            Assert.Equal(first.Substring(0, first.IndexOf("Content-Length: ")), second.Substring(0, second.IndexOf("Content-Length: ")));
            Assert.Contains("m=audio 10000 RTP/AVP 8 101\r\n", first);
            Assert.Contains("m=audio 10002 RTP/AVP 8 101\r\n", second);
        }
    }
}
