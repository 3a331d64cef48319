using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transaction;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>
    /// The transaction tables under load: server transactions recognised for the whole of Timer J however many other
    /// requests came in between (bounded: 503 with Retry-After when full), and client transaction slots free as soon
    /// as their transaction has its final answer.
    /// </summary>
    public class TransactionLoadTests
    {
        private readonly SipInbox _inbox = new SipInbox(8, 4096);
        private readonly FakeChannel _channel;
        private readonly RecordingHandler _handler = new RecordingHandler();
        private readonly SipUserAgent _ua;

        public TransactionLoadTests()
        {
            _channel = new FakeChannel(_inbox);
            _ua = new SipUserAgent(_inbox) { Udp = _channel }.Route(_handler);
            _ua.SetIdentity(new SipIdentity { Index = 1, Active = true, User = "487", Registrar = "10.0.0.1", UserNameAsLine = true });
        }

        private static string Message(int n, string body) =>
            "MESSAGE sip:487@192.0.2.5 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKload" + n + "\nFrom: <sip:pbx@10.0.0.1>;tag=f" + n + "\n" +
            "To: <sip:487@192.0.2.5>\nCall-ID: load-" + n + "\nCSeq: 1 MESSAGE\nMax-Forwards: 70\nContent-Type: text/plain\nContent-Length: " +
            body.Length + "\n\n" + body;

        private static string Options(int n) =>
            "OPTIONS sip:487@192.0.2.5 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKopt" + n + "\nFrom: <sip:pbx@10.0.0.1>;tag=o" + n + "\n" +
            "To: <sip:487@192.0.2.5>\nCall-ID: opt-" + n + "\nCSeq: 1 OPTIONS\nMax-Forwards: 70\nContent-Length: 0\n\n";

        private string Deliver(string text, long now, string from = "10.0.0.1")
        {
            int before = _channel.Sent.Count;
            _channel.Arrive(text, from);
            _ua.Poll(now);
            Assert.Equal(before + 1, _channel.Sent.Count);
            return _channel.Last;
        }

        [Fact]
        public void ARetransmissionAfterAHundredNewerRequestsIsAnsweredTheSameAndNotHandledAgain()
        {
            _handler.MessageStatus = 202;
            string first = Deliver(Message(0, "first"), 0);
            Assert.StartsWith("SIP/2.0 202", first);
            _handler.MessageStatus = 200;
            for (int i = 1; i <= 100; i++)
            {
                // 2 ms apart, as a busy PBX sends them.
                Assert.StartsWith("SIP/2.0 200", Deliver(i % 2 == 0 ? Message(i, "m" + i) : Options(i), i * 2));
            }
            Assert.Equal(51, _handler.Calls.Count);

            string again = Deliver(Message(0, "first"), 202);

            Assert.Equal(51, _handler.Calls.Count);
            Assert.Equal(first, again);
            // An OPTIONS retransmission gets its Allow again.
            Assert.Equal(_channel.Sent[1].Text, Deliver(Options(1), 204));
        }

        [Fact]
        public void ARequestTheHeapHasNoRoomForIs503WithRetryAfterUnhandledAndAResponseIsStillTakenIn()
        {
            var room = new Room();
            _inbox.Room = room;
            string text = Message(1, "no room");
            string refused = Deliver(text, 0);
            Assert.StartsWith("SIP/2.0 503 Service Unavailable\r\n", refused);
            Assert.Contains("\r\nRetry-After: " + SipUserAgent.LowMemoryRetryAfter + "\r\n", refused);
            Assert.Contains("branch=z9hG4bKload1", refused);
            Assert.Empty(_handler.Calls);
            Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(text.Replace("\n", "\r\n")), room.Asked);

            // A response is asked about too, and the room takes it in (the heap reserve does: the answer to the phone's own
            // request frees its transaction): handled, nothing sent back.
            room.Asked = -1;
            int sent = _channel.Sent.Count;
            _channel.Arrive("SIP/2.0 200 OK\nVia: SIP/2.0/UDP 192.0.2.5:5060;branch=z9hG4bKnone\nFrom: <sip:487@10.0.0.1>;tag=a\n" +
                            "To: <sip:487@10.0.0.1>;tag=b\nCall-ID: x\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n");
            _ua.Poll(10);
            Assert.NotEqual(-1, room.Asked);
            Assert.Equal(sent, _channel.Sent.Count);

            // Room again: the retransmission is taken in and handled (the refusal was not kept as its answer).
            room.Has = true;
            Assert.StartsWith("SIP/2.0 200", Deliver(text, 20));
            Assert.Single(_handler.Calls);
        }

        [Fact]
        public void ANewCallTheHeapHasNoRoomForIs486BusyHereUnhandledAndItsAckIsAbsorbed()
        {
            var room = new Room { Status = 486 };
            _inbox.Room = room;
            string invite = "INVITE sip:487@192.0.2.5 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKcall1\n" +
                            "From: <sip:pbx@10.0.0.1>;tag=c1\nTo: <sip:487@192.0.2.5>\nCall-ID: call-1\nCSeq: 1 INVITE\n" +
                            "Max-Forwards: 70\nContact: <sip:pbx@10.0.0.1>\nContent-Length: 0\n\n";
            string refused = Deliver(invite, 0);
            Assert.StartsWith("SIP/2.0 486 Busy Here\r\n", refused);
            Assert.Contains("\r\nTo: <sip:487@192.0.2.5>;tag=lowmem\r\n", refused);
            Assert.EndsWith("\r\nCSeq: 1 INVITE\r\nRetry-After: " + SipUserAgent.LowMemoryRetryAfter + "\r\nContent-Length: 0\r\n\r\n", refused);
            Assert.Empty(_handler.Calls);
            // Its ACK (same branch) gets no answer, whatever the room says.
            int sent = _channel.Sent.Count;
            room.Has = true;
            _channel.Arrive("ACK sip:487@192.0.2.5 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKcall1\n" +
                            "From: <sip:pbx@10.0.0.1>;tag=c1\nTo: <sip:487@192.0.2.5>;tag=lowmem\nCall-ID: call-1\nCSeq: 1 ACK\n" +
                            "Max-Forwards: 70\nContent-Length: 0\n\n");
            _ua.Poll(10);
            Assert.Equal(sent, _channel.Sent.Count);
        }

        [Fact]
        public void ALongDatagramTheHeapHasNoRoomForGetsAPacketOfItsHeadOnlyAndIsAnswered503()
        {
            var room = new Room();
            _inbox.Room = room;
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(Message(2, new string('x', 3000)).Replace("\n", "\r\n"));
            // Asked before the packet is made, with the size the socket told: the packet holds the head only.
            SipPacket p = _inbox.Rent(bytes.Length);
            Assert.Equal(bytes.Length, room.Asked);
            Assert.Equal(SipInbox.RefusedHeadBytes + 1, p.Data.Length);
            Assert.Equal(503, p.RefuseStatus);
            System.Array.Copy(bytes, p.Data, p.Data.Length);
            p.Length = p.Data.Length;
            p.RemoteHost = "10.0.0.1";
            p.RemotePort = 5060;
            p.Transport = _channel;
            _inbox.Post(p);
            _ua.Poll(0);
            Assert.StartsWith("SIP/2.0 503 Service Unavailable\r\n", _channel.Last);
            Assert.Contains("\r\nRetry-After: " + SipUserAgent.LowMemoryRetryAfter + "\r\n", _channel.Last);
            Assert.Contains("branch=z9hG4bKload2", _channel.Last);
            Assert.Empty(_handler.Calls);

            // A short datagram is asked about too, before its packet is made: the heap reserve measures there when its
            // request will need a measurement, without its packet and under the transport's frames (h-reserve2).
            room.Asked = -1;
            SipPacket shortOne = _inbox.Rent(500);
            Assert.Equal(500, room.Asked);
            Assert.Equal(503, shortOne.RefuseStatus);
            _inbox.Return(shortOne);
            // A datagram of unknown size (a TCP read) is not: the agent asks before parsing it.
            room.Asked = -1;
            SipPacket unknown = _inbox.Rent(0);
            Assert.Equal(-1, room.Asked);
            Assert.Equal(0, unknown.RefuseStatus);
            _inbox.Return(unknown);
        }

        /// <summary>A heap reserve that says what it was asked and answers as told.</summary>
        internal sealed class Room : IHeapRoom
        {
            public bool Has;
            public long Asked = -1;

            /// <summary>The status a refused request gets (503 unless told).</summary>
            public int Status = 503;

            public int Refusal(byte[] data, int length)
            {
                Asked = length;
                return Has || (data != null && data[0] == 'S' && data[1] == 'I' && data[2] == 'P' && data[3] == '/') ? 0 : Status;
            }

            public bool AdmitConnection(long bytes)
            {
                Asked = bytes;
                return Has;
            }

            public bool Short => !Has;
        }

        private long Quiet(long now, long until)
        {
            while (now < until)
            {
                _ua.Poll(now += 10);
            }
            return now;
        }

        [Fact]
        public void TheTableShrinksOnceItsEntriesPassTimerJAndStillKnowsTheLiveOnes()
        {
            // A burst of 100 requests grows the table to 112 entries (doubled up to 64, then 16 at a time; docs/sip-stack.md, "Transactions").
            for (int i = 0; i < 100; i++)
            {
                Deliver(Message(i, "m" + i), i * 10);
            }
            Assert.Equal(112, _ua.ServerTransactionRoom);
            // 20 s later one more request (behind the burst's entries, past the first 64): while it is younger than the
            // reuse age, nothing shrinks, and its retransmission 4 s after the answer (T2) is answered the same.
            string late = Deliver(Message(1000, "late"), 20000);
            long now = Quiet(20000, 24000);
            Assert.Equal(112, _ua.ServerTransactionRoom);
            Assert.Equal(late, Deliver(Message(1000, "late"), now));
            Assert.Equal(101, _handler.Calls.Count);
            // The answer sent again restarts its age: 4.5 s later it is still kept.
            now = Quiet(now, 28500);
            Assert.Equal(112, _ua.ServerTransactionRoom);
            // 5 s after the late one's last answer every entry of a table grown past 64 is answered 5 s ago: all go (as
            // a full table would reuse them), back to the first size, though the burst's first 64 are inside Timer J.
            now = Quiet(now, 34000);
            Assert.Equal(8, _ua.ServerTransactionRoom);
            // A new request takes the first free entry (the burst's first 8 are past Timer J): the table keeps its first
            // size and still answers the fresh one's retransmission with the same answer, without handling it again.
            string fresh = Deliver(Message(2000, "fresh"), now);
            now = Quiet(now, 52000);
            Assert.Equal(8, _ua.ServerTransactionRoom);
            Assert.Equal(fresh, Deliver(Message(2000, "fresh"), now));
            Assert.Equal(102, _handler.Calls.Count);
            // The late request, let go with the entries past the first 64, is new again; the table grows on demand as before.
            Assert.StartsWith("SIP/2.0 200", Deliver(Message(1000, "late"), now + 10));
            Assert.Equal(103, _handler.Calls.Count);
            for (int i = 0; i < 20; i++)
            {
                Deliver(Message(3000 + i, "again" + i), now + 20 + i);
            }
            Assert.Equal(32, _ua.ServerTransactionRoom);
        }

        [Fact]
        public void RetransmissionsAreRecognisedAcrossTheMovesOfTheEightBitExpiryBase()
        {
            // Expiries are kept in a byte after a base the table moves up every 128 units of 256 ms (32.8 s): answers
            // spread over a minute are each found 31.9 s later, across the moves, and not 32.3 s after the last answer.
            var answers = new string[8];
            for (int i = 0; i < 8; i++)
            {
                answers[i] = Deliver(Message(i, "m" + i), 1000 + i * 4000);
            }
            for (int i = 0; i < 8; i++)
            {
                Assert.Equal(answers[i], Deliver(Message(i, "m" + i), 1000 + i * 4000 + 31900));
            }
            Assert.Equal(8, _handler.Calls.Count);
            Assert.StartsWith("SIP/2.0 200", Deliver(Message(7, "m7"), 1000 + 7 * 4000 + 31900 + 32300));
            Assert.Equal(9, _handler.Calls.Count);
        }

        [Fact]
        public void RetransmissionsAreRecognisedForTimerJAcrossHoursOfUptimeAndNeverAfter()
        {
            // Expiries are kept in a byte after a base the table moves up every 128 units of 256 ms: an answer after
            // hours of uptime is still found, with the same bytes.
            long t = 16383L * 256 + 100;
            string first = Deliver(Message(0, "first"), t);
            Assert.Equal(first, Deliver(Message(0, "first"), t + 31000));
            Assert.Single(_handler.Calls);
            Assert.StartsWith("SIP/2.0 200", Deliver(Message(0, "first"), t + 31000 + 32256));
            Assert.Equal(2, _handler.Calls.Count);
            // An entry left alone for 2.33 hours (a 16-bit expiry's wrap) and 11 days later is past Timer J, not live again.
            long later = t + 31000 + 32256;
            Deliver(Message(1, "once"), later);
            Assert.StartsWith("SIP/2.0 200", Deliver(Message(1, "once"), later + 32768L * 256));
            Assert.StartsWith("SIP/2.0 200", Deliver(Message(1, "once"), later + 11L * 24 * 3600 * 1000));
            Assert.Equal(5, _handler.Calls.Count);
            Assert.Equal(_channel.Last, Deliver(Message(1, "once"), later + 11L * 24 * 3600 * 1000 + 4000));
            Assert.Equal(5, _handler.Calls.Count);
        }

        [Fact]
        public void ARetransmissionIsRecognisedUntilTimerJAndHandledAsNewAfter()
        {
            Deliver(Message(0, "first"), 0);
            Deliver(Message(0, "first"), 31990);
            Assert.Single(_handler.Calls);
            // Answered again at 31,990 ms: Timer J counts from that answer.
            Deliver(Message(0, "first"), 63980);
            Assert.Single(_handler.Calls);
            Deliver(Message(0, "first"), 63980 + 32256);
            Assert.Equal(2, _handler.Calls.Count);
        }

        [Fact]
        public void AFullTableRefusesNewRequestsWith503UntilAnEntryIsFiveSecondsOldAndForgetsNoYoungerOne()
        {
            for (int i = 0; i < 128; i++)
            {
                Assert.StartsWith("SIP/2.0 200", Deliver(Message(i, "m" + i), 1000 + i * 10));
            }
            Assert.Equal(128, _handler.Calls.Count);

            string refused = Deliver(Message(500, "one too many"), 5000);

            Assert.StartsWith("SIP/2.0 503 Service Unavailable", refused);
            // The oldest entry (answered at 1,000 ms; 256 ms units, rounded up) may be reused from 6,144 ms: 2 s, rounded up.
            Assert.Equal("2", FakeChannel.Header(refused, "Retry-After"));
            Assert.Equal(128, _handler.Calls.Count);
            // Every answered transaction is still recognised; m0's request came again (its answer was lost), so it
            // counts from its second answer.
            Deliver(Message(0, "m0"), 5010);
            Deliver(Message(127, "m127"), 5020);
            Assert.Equal(128, _handler.Calls.Count);

            // From 6,144 ms the oldest entry last answered 5 s ago (m1, its client has its answer) makes room.
            Assert.StartsWith("SIP/2.0 200", Deliver(Message(500, "one too many"), 6200));
            Assert.Equal(129, _handler.Calls.Count);
            Assert.Equal(1, _ua.ServerTransactionsReused);
            // m0 (answered again at 5,010 ms) and m2 (answered at 1,020 ms; nothing needed its entry) are still known.
            Deliver(Message(0, "m0"), 6210);
            Deliver(Message(2, "m2"), 6220);
            Assert.Equal(129, _handler.Calls.Count);
        }

        [Fact]
        public void TwentyRequestsASecondAreAllAnsweredAndEveryRetransmissionWithinT2IsRecognised()
        {
            // The office profile's load: a MESSAGE and an OPTIONS (for its NOTIFY) every 100 ms for a minute; one
            // answer in ten is lost, so its request comes again T1 (500 ms) later, and the answer to that is lost too,
            // so once more T2 (4 s) after that.
            int sent = 0;
            for (long t = 0; t < 60000; t += 50)
            {
                int n = (int)(t / 50);
                Assert.StartsWith("SIP/2.0 200", Deliver(n % 2 == 0 ? Message(n, "m" + n) : Options(n), t));
                sent++;
                foreach (long back in new long[] { 500, 4500 })
                {
                    int k = (int)((t - back) / 50);
                    if (t >= back && k % 10 == 3)
                    {
                        Assert.StartsWith("SIP/2.0 200", Deliver(k % 2 == 0 ? Message(k, "m" + k) : Options(k), t + 1));
                    }
                }
            }
            // Every request handled once, none refused; entries reused after 5 s, not forgotten before.
            Assert.Equal(sent / 2, _handler.Calls.Count);
            Assert.DoesNotContain(_channel.Sent, p => p.Text.StartsWith("SIP/2.0 503"));
            Assert.True(_ua.ServerTransactionsReused > 0);
        }

        [Fact]
        public void TwoRequestsASecondAreAllKeptForTimerJAndTenASecondReuseAnsweredEntriesInsteadOfGrowingPast64()
        {
            // 64 requests half a second apart: every one is still recognised 31.9 s after its answer.
            for (int i = 0; i < 64; i++)
            {
                Deliver(Message(i, "m" + i), i * 500);
            }
            Assert.Equal(64, _ua.ServerTransactionRoom);
            string first = _channel.Sent[0].Text;
            Assert.Equal(first, Deliver(Message(0, "m0"), 31900));
            Assert.Equal(64, _handler.Calls.Count);
            Assert.Equal(0, _ua.ServerTransactionsReused);

            // The office profile's MESSAGE every 100 ms for 20 s: the answered entries (5 s old) make room, the table
            // stays at 64 entries, and a retransmission T2 after its answer (one answer in ten lost) is still recognised.
            long t0 = 40000;
            for (int n = 0; n < 200; n++)
            {
                long t = t0 + n * 100;
                Assert.StartsWith("SIP/2.0 200", Deliver(Message(1000 + n, "x" + n), t));
                if (n >= 40 && n % 10 == 3)
                {
                    int calls = _handler.Calls.Count;
                    Assert.StartsWith("SIP/2.0 200", Deliver(Message(1000 + n - 40, "x" + (n - 40)), t + 1));
                    Assert.Equal(calls, _handler.Calls.Count);
                }
            }
            Assert.Equal(264, _handler.Calls.Count);
            Assert.Equal(64, _ua.ServerTransactionRoom);
            Assert.True(_ua.ServerTransactionsReused > 0);
            Assert.DoesNotContain(_channel.Sent, p => p.Text.StartsWith("SIP/2.0 503"));
        }

        [Fact]
        public void TwentyRequestsASecondGrowTheTableTo112EntriesNot128AndAreAllAnswered()
        {
            // A MESSAGE and an OPTIONS every 100 ms (the office profile's MESSAGE and BLF NOTIFY) for 20 s.
            for (int n = 0; n < 400; n++)
            {
                Assert.StartsWith("SIP/2.0 200", Deliver(n % 2 == 0 ? Message(n, "m" + n) : Options(n), n * 50));
            }
            Assert.Equal(200, _handler.Calls.Count);
            Assert.Equal(112, _ua.ServerTransactionRoom);
            // Once every entry has passed Timer J the table shrinks back to its first size.
            Quiet(20000, 20000 + 32300 + 10 * SipInbox.QuietTurns);
            Assert.Equal(8, _ua.ServerTransactionRoom);
        }

        [Fact]
        public void ThirtyRequestsASecondGet503sButNoEntryIsReusedBeforeFiveSeconds()
        {
            var answered = new System.Collections.Generic.HashSet<int>();
            int refused = 0;
            for (long t = 0; t < 20000; t += 33)
            {
                int n = (int)(t / 33);
                string answer = Deliver(Message(n, "m" + n), t);
                if (answer.StartsWith("SIP/2.0 503"))
                {
                    refused++;
                    continue;
                }
                Assert.StartsWith("SIP/2.0 200", answer);
                answered.Add(n);
                // The request answered 148 requests (4,884 ms) ago comes again: still recognised, not handled again.
                if (answered.Contains(n - 148))
                {
                    int calls = _handler.Calls.Count;
                    Assert.StartsWith("SIP/2.0 200", Deliver(Message(n - 148, "m" + (n - 148)), t + 1));
                    Assert.Equal(calls, _handler.Calls.Count);
                }
            }
            Assert.Equal(answered.Count, _handler.Calls.Count);
            Assert.True(refused > 0, "a table of 128 entries kept 5 s each takes at most 25.6 requests a second");
        }

        [Fact]
        public void AFloodFillingTheTableDoesNotShutOutOtherSources()
        {
            _ua.Routing().FilterRegistrar = false;
            for (int i = 0; i < 128; i++)
            {
                Assert.StartsWith("SIP/2.0 200", Deliver(Message(i, "flood " + i), 1000 + i * 10, "10.0.0.66"));
            }

            // The PBX's request is handled: the flooder's oldest entry makes room.
            Assert.StartsWith("SIP/2.0 200", Deliver(Message(900, "from the PBX"), 5000));
            Assert.Equal(129, _handler.Calls.Count);
            // Its retransmission is recognised, and the flooder's newest entries are still remembered.
            Deliver(Message(900, "from the PBX"), 5010);
            Deliver(Message(127, "flood 127"), 5020, "10.0.0.66");
            Assert.Equal(129, _handler.Calls.Count);
            // The flooder itself gets no room it does not have.
            Assert.StartsWith("SIP/2.0 503", Deliver(Message(901, "more flood"), 5030, "10.0.0.66"));
            Assert.Equal(129, _handler.Calls.Count);
        }

        [Fact]
        public void ARetransmittedCheckFailureGetsTheSameReasonAndHeader()
        {
            string bad = "MESSAGE sip:487@192.0.2.5 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKreq\nFrom: <sip:pbx@10.0.0.1>;tag=f\n" +
                         "To: <sip:487@192.0.2.5>\nCall-ID: req-1\nCSeq: 1 MESSAGE\nMax-Forwards: 70\nRequire: 100rel-nope\nContent-Type: text/plain\nContent-Length: 2\n\nhi";
            string first = Deliver(bad, 0);
            Assert.StartsWith("SIP/2.0 420", first);
            Assert.Equal(first, Deliver(bad, 500));
            Assert.Empty(_handler.Calls);
        }

        [Fact]
        public void AClientTransactionSlotIsFreeAsSoonAsItsFinalAnswerArrives()
        {
            var parser = new SipParser();
            for (int i = 0; i < SipUserAgent.MaxClientTransactions; i++)
            {
                var t = new ClientTransaction("z9hG4bKc" + i, "MESSAGE", new byte[] { 1 }, _channel, "10.0.0.1", 5060, (tr, r, now) => { });
                Assert.True(_ua.Start(t, 0));
            }
            Assert.Equal(0, _ua.FreeClientTransactions);
            Assert.False(_ua.Start(new ClientTransaction("z9hG4bKx", "MESSAGE", new byte[] { 1 }, _channel, "10.0.0.1", 5060, (tr, r, now) => { }), 0));

            for (int i = 0; i < SipUserAgent.MaxClientTransactions; i++)
            {
                _channel.Arrive("SIP/2.0 200 OK\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKc" + i + "\nFrom: <sip:487@10.0.0.1>;tag=a\n" +
                                "To: <sip:x@10.0.0.1>;tag=b\nCall-ID: c" + i + "\nCSeq: 1 MESSAGE\nContent-Length: 0\n\n");
                _ua.Poll(100);
            }

            // Before: the slots stayed taken for Timer K (5 s) after the answer, keeping the requests' bytes.
            Assert.Equal(SipUserAgent.MaxClientTransactions, _ua.FreeClientTransactions);
            Assert.True(_ua.Start(new ClientTransaction("z9hG4bKy", "MESSAGE", new byte[] { 1 }, _channel, "10.0.0.1", 5060, (tr, r, now) => { }), 110));

            // Quiet with nothing in flight, the slots go back to their first 4 (docs/sip-stack.md): still 16 free, and
            // 16 can be in flight again.
            _channel.Arrive("SIP/2.0 200 OK\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKy\nFrom: <sip:487@10.0.0.1>;tag=a\n" +
                            "To: <sip:x@10.0.0.1>;tag=b\nCall-ID: cy\nCSeq: 1 MESSAGE\nContent-Length: 0\n\n");
            for (int turn = 0; turn <= SipInbox.QuietTurns; turn++)
            {
                _ua.Poll(120 + turn);
            }
            Assert.Equal(4, ((ClientTransaction[])typeof(SipUserAgent).GetField("_clients",
                System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance).GetValue(_ua)).Length);
            Assert.Equal(SipUserAgent.MaxClientTransactions, _ua.FreeClientTransactions);
            for (int i = 0; i < SipUserAgent.MaxClientTransactions; i++)
            {
                Assert.True(_ua.Start(new ClientTransaction("z9hG4bKz" + i, "MESSAGE", new byte[] { 1 }, _channel, "10.0.0.1", 5060, (tr, r, now) => { }), 1000));
            }
            Assert.Equal(0, _ua.FreeClientTransactions);
        }
    }
}
