using DeskPhone.Sip.Events;
using System.Collections.Generic;
using System.Text;
using DeskPhone.Firmware.Bench;
using DeskPhone.Domain.Leds;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Firmware.Phone;

namespace DeskPhone.Firmware.Tests.Phone
{
    /// <summary>
    /// The heap reserve (issue #17) in the phone PhoneApp builds, with a heap whose free bytes the test sets: what does
    /// not fit is not taken on, is said (PhoneHasLowMemory's text, the key's LED, no SIP request), keeps its settings,
    /// and is taken on once the heap has room again.
    /// </summary>
    public class HeapReserveTests
    {
        /// <summary>A heap with room for <see cref="Room"/> more measurements' worth of parts; then less than the reserve (low_memory_threshold) is free.</summary>
        private sealed class Heap : IFreeMemory
        {
            public int Room;
            public int Asked;
            // What is free once the room is used up: just the reserve (low_memory_threshold), or less.
            public int Short = 8192;
            public int FreeAfterCollection()
            {
                Asked++;
                return Room-- > 0 ? 60000 : Short;
            }
        }

        private readonly Heap _heap = new Heap();

        private static string Target(int key) => "sip:2" + key.ToString("00") + "@10.0.0.1";

        /// <summary>Identity 1 and function keys 1..4 monitoring 201..204.</summary>
        private SipPhone FourKeys(int room)
        {
            _heap.Room = room;
            var p = new SipPhone(s =>
            {
                for (int key = 1; key <= 4; key++)
                {
                    s.Set("fkey", key, "blf " + Target(key));
                }
            }, memory: _heap);
            return p;
        }

        /// <summary>
        /// Runs the loop, the PBX answering each SUBSCRIBE and PUBLISH 200 (the identity's own ones too: the keys wait for
        /// them); returns the BLF keys' targets subscribed to meanwhile.
        /// </summary>
        private static HashSet<string> Subscribed(SipPhone p, long ms)
        {
            var targets = new HashSet<string>();
            var answered = new HashSet<string>();
            int from = p.Channel.Sent.Count;
            for (long t = 0; t < ms; t += 10)
            {
                string[] sent = p.Channel.Sent.ToArray();
                for (int i = from; i < sent.Length; i++)
                {
                    string m = sent[i];
                    if ((m.StartsWith("SUBSCRIBE ") || m.StartsWith("PUBLISH ")) && answered.Add(SipChannel.Header(m, "Call-ID") + SipChannel.Header(m, "CSeq")))
                    {
                        if (SipChannel.Header(m, "Event") == "dialog")
                        {
                            targets.Add(m.Substring(10, m.IndexOf(' ', 10) - 10));
                        }
                        p.Answer(m, 200, m.StartsWith("PUBLISH ") ? "SIP-ETag: e1\r\nExpires: 3600\r\n" : "Expires: 3600\r\n");
                    }
                }
                p.Run(10);
            }
            return targets;
        }

        private static string LowMemory(SipPhone p) =>
            p.Phone.Statuses.IsActive(StatusId.PhoneHasLowMemory) ? p.Phone.Statuses.ParamOf(StatusId.PhoneHasLowMemory) : null;

        [Fact]
        public void KeysThatDoNotFitAreRefusedSaidAndTakenOnWhenTheHeapHasRoom()
        {
            // Room for identity 1's registration and two keys above the reserve.
            SipPhone p = FourKeys(3);
            p.Run(100);
            p.Register();
            HashSet<string> first = Subscribed(p, 2000);
            Assert.Equal(new HashSet<string> { Target(1), Target(2) }, first);
            Assert.Equal("2 of 4 BLF keys not monitored", LowMemory(p));
            Assert.Equal(KeyState.Idle, p.Phone.Leds.KeyStateOf(0));
            Assert.Equal(KeyState.None, p.Phone.Leds.KeyStateOf(2));
            Assert.True(p.Phone.Monitored.IsRefused(2));
            Assert.Null(p.Phone.Monitored.StateOf(3));
            // Nothing stored is lost: the settings keep every key.
            Assert.Equal("blf " + Target(4), p.Settings.Get("fkey", 4));
            Assert.Contains("low memory: 2 of 4 BLF keys not monitored", p.App.Log.Text());

            // The heap has room again: the next period takes the two keys on and the status clears.
            _heap.Room = 100;
            HashSet<string> later = Subscribed(p, MemoryWatch.PeriodMs + 2000);
            Assert.Equal(new HashSet<string> { Target(3), Target(4) }, later);
            Assert.Null(LowMemory(p));
            Assert.Equal(KeyState.Idle, p.Phone.Leds.KeyStateOf(3));
            Assert.Equal(0, p.Phone.Monitored.RefusedCount);
        }

        [Fact]
        public void AKeyIsTakenOnOnlyWhileTheHeapKeepsRoomForItsSubscribeAndTheRequestsAfterIt()
        {
            // Identity 1 registers; then a byte short of a key's SUBSCRIBE and the room a short request needs after it:
            // the keys are refused and said, not subscribed to answer their NOTIFYs 503 (640 B a key let them in).
            SipPhone p = FourKeys(1);
            _heap.Short = HeapReserve.RequestRoomBytes + HeapReserve.KeyBytes - 1;
            p.Run(100);
            p.Register();
            Assert.Empty(Subscribed(p, 2000));
            Assert.Equal("4 of 4 BLF keys not monitored", LowMemory(p));

            // A low_memory_threshold below the request room does not let them in either: a key still needs its NOTIFY's room.
            Assert.Null(p.Settings.Set(SettingNames.LowMemoryThreshold, 0, "4096"));
            Assert.Empty(Subscribed(p, MemoryWatch.PeriodMs + 2000));
            Assert.Equal(4, p.Phone.Monitored.RefusedCount);

            // Room for a key's SUBSCRIBE, a request after it and the three keys before it ringing: the next period takes
            // the keys on, one a turn.
            _heap.Short = HeapReserve.RequestRoomBytes + HeapReserve.KeyBytes + 3 * HeapReserve.RingingKeyBytes;
            Assert.Equal(4, Subscribed(p, MemoryWatch.PeriodMs + 2000).Count);
            Assert.Equal(0, p.Phone.Monitored.RefusedCount);
            Assert.Null(LowMemory(p));
        }

        [Fact]
        public void AKeyIsTakenOnOnlyWithRoomForTheKeysBeforeItToRing()
        {
            // Room for one key's SUBSCRIBE and a request after it, measured the same after each key (its SUBSCRIBE
            // answered gives its bytes back): the first key is taken on; the second would leave no room for the first one's
            // ringing state (a caller, a dialog to pick up: h-keyadmit), so it and the rest are refused and said.
            SipPhone p = FourKeys(1);
            _heap.Short = HeapReserve.RequestRoomBytes + HeapReserve.KeyBytes + HeapReserve.RingingKeyBytes - 1;
            p.Run(100);
            p.Register();
            Assert.Equal(new HashSet<string> { Target(1) }, Subscribed(p, 2000));
            Assert.Equal("3 of 4 BLF keys not monitored", LowMemory(p));

            // Room for the first key's ring beside the second's SUBSCRIBE: the second is taken on, the third still not.
            _heap.Short++;
            Assert.Equal(new HashSet<string> { Target(2) }, Subscribed(p, MemoryWatch.PeriodMs + 2000));
            Assert.Equal("2 of 4 BLF keys not monitored", LowMemory(p));
            Assert.True(p.Phone.Monitored.IsRefused(2));
        }

        [Fact]
        public void AKeyConfiguredWhileTheHeapIsShortIsRefusedAtOnceAndSaid()
        {
            SipPhone p = FourKeys(5);
            p.Run(100);
            p.Register();
            Assert.Equal(4, Subscribed(p, 2000).Count);
            Assert.Null(LowMemory(p));

            _heap.Room = 0;
            p.Run(10);
            Assert.Null(p.Settings.Set("fkey", 5, "blf " + Target(5)));
            Assert.Empty(Subscribed(p, 2000));
            Assert.True(p.Phone.Monitored.IsRefused(4));
            Assert.Equal("1 of 5 BLF keys not monitored", LowMemory(p));

            // Configured to monitor nothing: no longer refused, nothing left to say once the heap is above the threshold.
            Assert.Null(p.Settings.Set("fkey", 5, "none"));
            Assert.False(p.Phone.Monitored.IsRefused(4));
            _heap.Room = 100;
            p.Run(MemoryWatch.PeriodMs + 100);
            Assert.False(p.Phone.Monitored.IsRefused(4));
            Assert.Null(LowMemory(p));
        }

        [Fact]
        public void IdentitiesThatDoNotFitSendNoRegisterUntilTheHeapHasRoom()
        {
            _heap.Room = 1;
            var p = new SipPhone(s =>
            {
                for (int identity = 2; identity <= 3; identity++)
                {
                    s.Set("user_active", identity, "on");
                    s.Set("user_name", identity, (99 + identity).ToString() + "0");
                    s.Set("user_host", identity, "10.0.0.1");
                }
            }, memory: _heap);
            p.Run(100);
            Assert.Equal(1, p.Count("REGISTER"));
            Assert.Contains("sip:100@10.0.0.1", SipChannel.Header(p.Last("REGISTER"), "From"));
            // Identities 2 and 3 wait for identity 1's REGISTER (its answer builds its own subscriptions), not said yet;
            // unanswered, they wait no longer than a held request, then are measured and refused.
            Assert.Null(LowMemory(p));
            p.Run(OneAtATime.MaxHoldMs);
            Assert.Equal(1, p.Count("REGISTER"));
            Assert.Equal("2 of 3 identities not registered", LowMemory(p));
            Assert.True(p.Phone.Statuses.IsActive(StatusId.IdentityIsNotRegistered(2)));
            Assert.True(p.Phone.Statuses.IsActive(StatusId.IdentityIsNotRegistered(3)));
            // The bench's status list (phonectl status) shows it with its text.
            BenchResponse r = new BenchRouter(p.Phone, null, (code, action) => { }, null, null).Handle("GET", "/api/status", null, null, null);
            Assert.Contains("\"id\":\"PhoneHasLowMemory\",\"description\":\"The phone is low on memory\",\"param\":\"2 of 3 identities not registered\"",
                Encoding.UTF8.GetString(r.Body));

            _heap.Room = 100;
            p.Run(MemoryWatch.PeriodMs);
            Assert.Equal(3, p.Count("REGISTER"));
            Assert.Null(LowMemory(p));
        }

        /// <summary>A MESSAGE to <paramref name="user"/> from the PBX; returns the phone's answer's status line.</summary>
        private static string Message(SipPhone p, string user, string branch)
        {
            int from = p.Channel.Sent.Count;
            p.Channel.Arrive("MESSAGE sip:" + user + "@192.0.2.10 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK" + branch + "\r\n" +
                             "From: <sip:pbx@10.0.0.1>;tag=p\r\nTo: <sip:" + user + "@10.0.0.1>\r\nCall-ID: " + branch + "\r\nCSeq: 1 MESSAGE\r\n" +
                             "Max-Forwards: 70\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nHello");
            p.Run(20);
            string answer = p.Channel.Sent.Count > from ? p.Channel.Sent[from] : "";
            return answer.Substring(0, answer.IndexOf('\r') < 0 ? answer.Length : answer.IndexOf('\r'));
        }

        [Fact]
        public void ARefusedIdentityIsKeptAsItsSettingsOnlyAndAnswersNothingUntilTakenOn()
        {
            _heap.Room = 1;
            var p = new SipPhone(s =>
            {
                s.Set("user_active", 2, "on");
                s.Set("user_name", 2, "101");
                s.Set("user_host", 2, "10.0.0.1");
                // Requests are matched by their user (the request URI of this MESSAGE has no line token).
                s.Set("user_sipusername_as_line", 1, "on");
                s.Set("user_sipusername_as_line", 2, "on");
            }, memory: _heap);
            p.Run(100);
            // Not in the agent: no object for it, a request to it finds no identity.
            Assert.Null(p.Agent.GetIdentity(2));
            Assert.True(p.Binding.Registrations.IsRefused(2));
            // Room for a request and the burst it may start (asked while an identity is refused), until the next period.
            _heap.Short = HeapReserve.RequestBytes + HeapReserve.BurstBytes + 2048;
            // A request that matches no identity may be for the refused one: 503 with Retry-After (the phone cannot take
            // it now), not 404 (no such user here).
            Assert.Equal("SIP/2.0 503 Service Unavailable", Message(p, "101", "r1"));
            Assert.Equal("10", SipChannel.Header(p.Last("SIP/2.0 503"), "Retry-After"));
            Assert.Equal("SIP/2.0 200 OK", Message(p, "100", "r2"));
            Assert.Equal("101", p.Settings.Get("user_name", 2));

            _heap.Room = 100;
            p.Run(MemoryWatch.PeriodMs);
            Assert.Equal(2, p.Count("REGISTER"));
            Assert.Contains("sip:101@10.0.0.1", SipChannel.Header(p.Last("REGISTER"), "From"));
            Assert.Equal("SIP/2.0 200 OK", Message(p, "101", "r3"));
            Assert.Null(LowMemory(p));
        }

        [Fact]
        public void ARefusedModuleKeyShowsItsMarkOnTheModuleAndItsNameOnceTakenOn()
        {
            var hw = new DeskPhone.Host.Simulated.SimulatedPhoneHardware();
            hw.SetLink(true, 0);
            // Room for identity 1 only: the module key is refused.
            _heap.Room = 1;
            var p = new SipPhone(s => s.Set("expansion_key", 1, "blf " + Target(17)), drivers: hw.Drivers, memory: _heap);
            hw.Modules.Plug();
            p.Run(6000);
            Assert.Equal("! 217", hw.Modules.Modules[0].Labels[0]);
            Assert.Null(hw.Modules.Modules[0].Labels[1]);

            _heap.Room = 100;
            p.Run(MemoryWatch.PeriodMs);
            Assert.Equal("217", hw.Modules.Modules[0].Labels[0]);
        }

        [Fact]
        public void KeysWaitUntilTheIdentitysRegisterAndOwnSubscribesAreAnsweredOneAtATime()
        {
            // At 88,600 B the office phone took its keys on while its identities' REGISTERs were in flight: what their
            // answers build (own SUBSCRIBEs, PUBLISH) was not in the keys' measurements, and the keys' NOTIFYs ran out.
            // The PBX here answers each own request 50 ms late: no key's SUBSCRIBE goes out while one waits.
            SipPhone p = FourKeys(100);
            p.Run(500);
            Assert.Equal(0, p.Count("SUBSCRIBE"));
            p.Register();
            var keys = new HashSet<string>();
            var own = new List<string>();
            string waiting = null;
            int waitingTurns = 0;
            int from = p.Channel.Sent.Count;
            for (int turn = 0; turn < 300 && keys.Count < 4; turn++)
            {
                p.Run(10);
                string[] sent = p.Channel.Sent.ToArray();
                for (int i = from; i < sent.Length; i++)
                {
                    string m = sent[i];
                    if (m.StartsWith("SUBSCRIBE ") && SipChannel.Header(m, "Event") == "dialog")
                    {
                        Assert.Null(waiting);
                        keys.Add(m.Substring(10, m.IndexOf(' ', 10) - 10));
                        p.Answer(m, 200, "Expires: 3600\r\n");
                    }
                    else if (m.StartsWith("SUBSCRIBE ") || m.StartsWith("PUBLISH "))
                    {
                        Assert.Null(waiting);
                        waiting = m;
                        own.Add(m.StartsWith("PUBLISH ") ? "PUBLISH" : SipChannel.Header(m, "Event"));
                    }
                }
                from = sent.Length;
                if (waiting != null && ++waitingTurns == 5)
                {
                    p.Answer(waiting, 200, waiting.StartsWith("PUBLISH ") ? "SIP-ETag: e1\r\nExpires: 3600\r\n" : "Expires: 3600\r\n");
                    waiting = null;
                    waitingTurns = 0;
                }
            }
            // The identity's own requests came first, one at a time; then the keys, each once the one before was answered.
            Assert.Equal(new List<string> { "message-summary", "reg", "PUBLISH" }, own);
            Assert.Equal(4, keys.Count);
            Assert.Equal(0, p.Phone.Monitored.RefusedCount);
            Assert.Null(LowMemory(p));
        }

        [Fact]
        public void WithRoomNothingIsRefusedAndTheHeapIsAskedOnlyAtAdmissionsAndPeriods()
        {
            SipPhone p = FourKeys(100);
            p.Run(100);
            // One measurement for each part taken on (identity 1, then, once it rests, four keys), none per turn after.
            Assert.Equal(1, _heap.Asked);
            p.Register();
            Assert.Equal(4, Subscribed(p, 2000).Count);
            Assert.Equal(5, _heap.Asked);
            Assert.Null(LowMemory(p));
            Assert.Equal(5, _heap.Asked);
            Assert.DoesNotContain("low memory", p.App.Log.Text());
        }

        /// <summary>The last answer the phone sent, whole.</summary>
        private static string LastSent(SipPhone p) => p.Channel.Sent[p.Channel.Sent.Count - 1];

        [Fact]
        public void ACallTheHeapHasNoRoomForIsAnswered486BusyHereNotRungAndSaidAndTakenOnceThereIsRoom()
        {
            _heap.Room = 100;
            var p = new SipPhone(s => s.Set("user_sipusername_as_line", 1, "on"), memory: _heap);
            p.Run(100);
            p.Register();

            // Above the reserve's 8 KB (not low, a MESSAGE is taken in) but short of what a call holds.
            _heap.Room = 0;
            _heap.Short = HeapReserve.CallBytes - 500;
            Assert.Equal("SIP/2.0 200 OK", Message(p, "100", "m1"));
            int from = p.Channel.Sent.Count;
            p.Invite("z9hG4bKbusy1", "busy1", "\"Bob\" <sip:555@10.0.0.1>");
            Assert.Equal(from + 1, p.Channel.Sent.Count);
            string answer = p.Channel.Sent[from];
            Assert.StartsWith("SIP/2.0 486 Busy Here\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKbusy1;received=10.0.0.1\r\n", answer);
            Assert.Contains("\r\nCall-ID: busy1\r\nCSeq: 1 INVITE\r\nRetry-After: 10\r\nContent-Length: 0\r\n\r\n", answer);
            p.Run(MemoryWatch.PeriodMs);
            Assert.Equal("calls refused (486): 1", LowMemory(p));
            Assert.Contains("low memory: calls refused (486): 1", p.App.Log.Text());

            // Room for a call: the next one rings.
            _heap.Short = 60000;
            from = p.Channel.Sent.Count;
            p.Invite("z9hG4bKring1", "ring1", "\"Bob\" <sip:555@10.0.0.1>");
            Assert.Contains(p.Channel.Sent.GetRange(from, p.Channel.Sent.Count - from), m => m.StartsWith("SIP/2.0 180 Ringing"));
        }

        [Fact]
        public void WhileTheHeapIsLowRequestsAre503AndStatusesKeptWithoutParametersSaidUntilAPeriodWithoutRefusals()
        {
            _heap.Room = 100;
            var p = new SipPhone(s => s.Set("user_sipusername_as_line", 1, "on"), memory: _heap);
            p.Run(100);
            p.Register();
            Assert.Equal("SIP/2.0 200 OK", Message(p, "100", "ok1"));

            // The heap falls below the reserve: the watch's next measurement finds it low.
            _heap.Room = 0;
            _heap.Short = 2000;
            p.Run(MemoryWatch.PeriodMs);
            int asked = _heap.Asked;
            Assert.Equal("SIP/2.0 503 Service Unavailable", Message(p, "100", "low1"));
            Assert.Contains("\r\nRetry-After: 10\r\n", LastSent(p));
            // Measured for it (a collection per request only while low).
            Assert.Equal(asked + 1, _heap.Asked);
            // Kept without its parameter, or not raised when the slots would have to grow: either way no "2 calls" is kept.
            p.Phone.Statuses.Raise(StatusId.PhoneHasMissedCalls, "2 calls", "test", p.Now);
            Assert.Null(p.Phone.Statuses.ParamOf(StatusId.PhoneHasMissedCalls));

            p.Run(MemoryWatch.PeriodMs);
            Assert.Equal("SIP requests refused (503): 1, statuses not kept in full: 1", LowMemory(p));
            Assert.Contains("low memory: SIP requests refused (503): 1, statuses not kept in full: 1", p.App.Log.Text());

            // Room again: the next request is taken in, and a period without refusals clears what was said.
            _heap.Short = 60000;
            p.Run(MemoryWatch.PeriodMs);
            Assert.Equal("SIP/2.0 200 OK", Message(p, "100", "ok2"));
            p.Run(MemoryWatch.PeriodMs);
            Assert.Null(LowMemory(p));
            Assert.True(p.Phone.Statuses.Raise(StatusId.PhoneHasMissedCalls, "3 calls", "test", p.Now));
            Assert.Equal("3 calls", p.Phone.Statuses.ParamOf(StatusId.PhoneHasMissedCalls));
        }

        private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text.Replace("\n", "\r\n"));

        private static readonly byte[] Message500 = Bytes("MESSAGE sip:201@10.0.0.2 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKm\n" +
            "From: <sip:pbx@10.0.0.1>;tag=p\nTo: <sip:201@10.0.0.2>\nCall-ID: m\nCSeq: 1 MESSAGE\nContent-Length: 0\n\n");

        private static byte[] Invite(string to, string callId = "Call-ID: i") => Bytes("INVITE sip:201@10.0.0.2 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKi\n" +
            "From: <sip:pbx@10.0.0.1>;tag=p\n" + to + "\n" + callId + "\nCSeq: 1 INVITE\nContent-Length: 0\n\n");

        [Fact]
        public void ANewCallIsAlwaysMeasuredAndWithoutRoomForACallAnswered486AndSaid()
        {
            var reserve = new HeapReserve(_heap);
            byte[] invite = Invite("To: <sip:201@10.0.0.2>");
            byte[] first = Invite("To: <sip:201@10.0.0.2>", "call-id : first");
            _heap.Room = 1;
            // Not low, nothing refused, a short request: still measured, and 60,000 B free take it.
            Assert.Equal(0, reserve.Refusal(first, first.Length));
            Assert.Equal(1, _heap.Asked);
            // Room for a request (the reserve's 8 KB and more) but not for what a call holds: busy here.
            _heap.Short = HeapReserve.CallBytes + 2 * invite.Length - 12;
            Assert.Equal(486, reserve.Refusal(invite, invite.Length));
            // Folded, compact or upper-case, a To without a tag is a new call too.
            byte[] folded = Invite("T :\n <sip:201@10.0.0.2>;transport=udp", "i: folded");
            Assert.Equal(486, reserve.Refusal(folded, folded.Length));
            Assert.Null(reserve.Refused);
            reserve.ReportTransient();
            Assert.Equal("calls refused (486): 2", reserve.Refused);
            Assert.True(reserve.Short);
            _heap.Short = HeapReserve.CallBytes + 2 * invite.Length;
            Assert.Equal(0, reserve.Refusal(invite, invite.Length));
            // Its retransmission (the same Call-ID) is taken in though the call now holds the room; another call is not.
            _heap.Short = 9000;
            Assert.Equal(0, reserve.Refusal(invite, invite.Length));
            byte[] other = Invite("To: <sip:201@10.0.0.2>", "i: other");
            Assert.Equal(486, reserve.Refusal(other, other.Length));
            reserve.ReportTransient();
            // A period without refusals clears what is said.
            reserve.ReportTransient();
            Assert.Null(reserve.Refused);
        }

        [Fact]
        public void AReInviteIsAnOrdinaryRequestAndWhatEndsACallNeedsNoRoomForABurst()
        {
            var reserve = new HeapReserve(_heap);
            // Measured with room (a period's measurement): short requests are taken in without a collection.
            _heap.Room = 1;
            reserve.Measure();
            foreach (string to in new[] { "To: <sip:201@10.0.0.2>;tag=a1", "t: <sip:201@10.0.0.2> ; TAG = a1", "To: <sip:201@10.0.0.2>\n ;tag=a1" })
            {
                byte[] reInvite = Invite(to);
                Assert.Equal(0, reserve.Refusal(reInvite, reInvite.Length));
            }
            Assert.Equal(1, _heap.Asked);
            // Something refused (a connection): a short request is measured and needs room for a burst beside its own.
            _heap.Short = HeapReserve.RequestBytes + 1500;
            Assert.False(reserve.AdmitConnection(reserve.KeepBytes));
            Assert.Equal(503, reserve.Refusal(Message500, Message500.Length));
            byte[] reinvite = Invite("To: <sip:201@10.0.0.2>;tag=a1");
            Assert.Equal(503, reserve.Refusal(reinvite, reinvite.Length));
            // A BYE, CANCEL or ACK frees the call's heap: it needs only its own room, less than another request's.
            _heap.Short = HeapReserve.EndingBytes + 500;
            foreach (string method in new[] { "BYE", "CANCEL", "ACK" })
            {
                byte[] ending = Ending(method);
                Assert.Equal(0, reserve.Refusal(ending, ending.Length));
            }
            // An ACK needs less still (refusing it keeps the call's 2xx and its retransmissions): taken in where a BYE is not.
            byte[] ack = Ending("ACK");
            byte[] bye = Ending("BYE");
            _heap.Short = HeapReserve.AckBytes + 2 * ack.Length;
            Assert.Equal(0, reserve.Refusal(ack, ack.Length));
            Assert.Equal(503, reserve.Refusal(bye, bye.Length));
            _heap.Short = HeapReserve.AckBytes + 2 * ack.Length - 12;
            Assert.Equal(503, reserve.Refusal(ack, ack.Length));
            // A NOTIFY, even in a subscription's dialog, needs the burst's room beside its own (its XML, the key's redraw).
            string notifyText = "NOTIFY sip:201@10.0.0.2 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKn\n" +
                "From: <sip:202@10.0.0.1>;tag=p\nTo: <sip:201@10.0.0.2>;tag=k1\nCall-ID: n\nCSeq: 2 NOTIFY\nContent-Length: 0\n\n";
            byte[] notify = Bytes(notifyText);
            Assert.Equal(503, reserve.Refusal(notify, notify.Length));
            byte[] unsolicited = Bytes(notifyText.Replace(";tag=k1", ""));
            Assert.Equal(503, reserve.Refusal(unsolicited, unsolicited.Length));
            // A datagram's length alone (before its packet is made) is judged as the least a request needs, an ACK's.
            _heap.Short = HeapReserve.AckBytes + 1400;
            Assert.Equal(0, reserve.Refusal(null, 700));
            _heap.Short = HeapReserve.AckBytes + 1000;
            Assert.Equal(503, reserve.Refusal(null, 700));
        }

        private static byte[] Ending(string method) => Bytes(method + " sip:201@10.0.0.2 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKb\n" +
            "From: <sip:pbx@10.0.0.1>;tag=p\nTo: <sip:201@10.0.0.2>;tag=a1\nCall-ID: i\nCSeq: 2 " + method + "\nContent-Length: 0\n\n");

        [Fact]
        public void ANotifyIsMeasuredWithRoomForItsBodysTurnThoughNothingIsRefused()
        {
            // At 87,800 B the office phone, every key taken on, took a key's NOTIFY in its call's stream on a request's room
            // and ran out in its XML: a NOTIFY's turn goes 6.9 KB below its measurement, a MESSAGE's 2.6 KB.
            var reserve = new HeapReserve(_heap);
            byte[] notify = Bytes("NOTIFY sip:201@10.0.0.2 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKn\n" +
                "From: <sip:202@10.0.0.1>;tag=p\nTo: <sip:201@10.0.0.2>;tag=k1\nCall-ID: n\nCSeq: 2 NOTIFY\nEvent: dialog\n" +
                "Content-Length: 0\n\n");
            _heap.Room = 0;
            // Above the reserve's 8 KB (not low), below the request room (each request measured), nothing refused.
            _heap.Short = HeapReserve.NotifyBytes + 2 * notify.Length - 12;
            reserve.Measure();
            Assert.False(reserve.Low);
            Assert.Equal(0, reserve.Refusal(Message500, Message500.Length));
            Assert.Equal(503, reserve.Refusal(notify, notify.Length));
            Assert.Equal(3, _heap.Asked);
            _heap.Short += 12;
            Assert.Equal(0, reserve.Refusal(notify, notify.Length));
        }

        [Fact]
        public void AStreamOfShortRequestsIsMeasuredAgainOnceTheLastMeasurementsRoomIsSpent()
        {
            // At 90,200 B the office phone took its stream's NOTIFYs in unmeasured on a measurement 10 s old and ran out in one.
            var reserve = new HeapReserve(_heap);
            _heap.Room = 0;
            // Room for three 500-byte requests above a NOTIFY's room: they are taken in without a collection (h-gccost: against
            // the request room, 2 KB more, the office phone's stream at 80,896 B was measured at almost every request).
            _heap.Short = HeapReserve.NotifyBytes + 3 * (1000 + HeapReserve.LargeRequestBytes);
            reserve.Measure();
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(0, reserve.Refusal(Message500, 500));
            }
            Assert.Equal(1, _heap.Asked);
            // The fourth is measured: the heap it finds (here short of a request's room) decides.
            _heap.Short = HeapReserve.RequestBytes + 999;
            Assert.Equal(503, reserve.Refusal(Message500, 500));
            Assert.Equal(2, _heap.Asked);
            // Measured with room again: the next ones are taken in unmeasured, until that room is spent.
            _heap.Short = HeapReserve.NotifyBytes + 1000 + HeapReserve.LargeRequestBytes;
            reserve.ReportTransient();
            reserve.ReportTransient();
            Assert.Equal(0, reserve.Refusal(Message500, 500));
            Assert.Equal(3, _heap.Asked);
            Assert.Equal(0, reserve.Refusal(Message500, 500));
            Assert.Equal(3, _heap.Asked);
            Assert.Equal(0, reserve.Refusal(Message500, 500));
            Assert.Equal(4, _heap.Asked);
        }

        [Fact]
        public void ADatagramThatWillNeedAMeasurementIsMeasuredBeforeItsPacketIsMadeAndJudgedByThatFigure()
        {
            // The office phone's MESSAGE stream at 80,896 B was measured under the loop's turn, its packet made and the
            // agent's frames below: 12,252 B free, under the 12 KB every collection is to leave (h-reserve2).
            var reserve = new HeapReserve(_heap);
            _heap.Room = 0;
            _heap.Short = HeapReserve.NotifyBytes + 1000 + HeapReserve.LargeRequestBytes;
            reserve.Measure();
            // Its length alone says the last measurement's room takes it: no collection before its packet nor at its judgment.
            Assert.Equal(0, reserve.Refusal(null, 500));
            Assert.Equal(1, _heap.Asked);
            Assert.Equal(0, reserve.Refusal(Message500, 500));
            Assert.Equal(1, _heap.Asked);
            // The room spent: the next is measured before its packet is made...
            _heap.Short = HeapReserve.RequestBytes + 1000;
            Assert.Equal(0, reserve.Refusal(null, 500));
            Assert.Equal(2, _heap.Asked);
            // ...and its packet judged by that figure, without a collection under the loop's turn.
            _heap.Short = 100;
            Assert.Equal(0, reserve.Refusal(Message500, 500));
            Assert.Equal(2, _heap.Asked);
            // The figure is used once: the request after it is measured at its own judgment.
            Assert.Equal(503, reserve.Refusal(Message500, 500));
            Assert.Equal(3, _heap.Asked);
            // A measurement between a datagram's and its packet's judgment (the watch's period, an admission) makes the
            // figure from before the packet stale: the packet is measured again.
            reserve.ReportTransient();
            reserve.ReportTransient();
            _heap.Short = HeapReserve.RequestBytes + 1000;
            Assert.Equal(0, reserve.Refusal(null, 500));
            Assert.Equal(4, _heap.Asked);
            reserve.Measure();
            _heap.Short = 100;
            Assert.Equal(503, reserve.Refusal(Message500, 500));
            Assert.Equal(6, _heap.Asked);
        }

        [Fact]
        public void WhileSomethingIsRefusedAShortRequestIsMeasuredAndNeedsRoomForTheBurstItMayStart()
        {
            var reserve = new HeapReserve(_heap);
            _heap.Room = 1;
            reserve.Measure();
            _heap.Short = 8900;
            // Nothing refused and not low, the last measurement with room: a short request is taken in without a collection.
            Assert.Equal(0, reserve.Refusal(Message500, 500));
            Assert.Equal(1, _heap.Asked);
            // Something refused (here a connection): the phone is short, though above the reserve's 8 KB.
            Assert.False(reserve.AdmitConnection(6146));
            Assert.False(reserve.Low);
            int asked = _heap.Asked;
            // 8,900 B free: room for the request's own need (6 KB and twice its length), not for a burst beside it.
            Assert.Equal(503, reserve.Refusal(Message500, 500));
            Assert.Equal(asked + 1, _heap.Asked);
            _heap.Short = HeapReserve.RequestBytes + HeapReserve.BurstBytes + 1000;
            Assert.Equal(0, reserve.Refusal(Message500, 500));
        }

        [Fact]
        public void WhileKeysAreRefusedStatusesAreRaisedLeanThoughTheHeapIsAboveTheReserveAndInFullOnceTakenOn()
        {
            // Room for identity 1's registration only: the keys are refused, the heap stays at the reserve (not low).
            SipPhone p = FourKeys(1);
            p.Run(100);
            p.Register();
            Assert.Empty(Subscribed(p, 2000));
            Assert.Equal("4 of 4 BLF keys not monitored", LowMemory(p));

            // A phone refusing what does not fit keeps no parameter of a status raised meanwhile (or, needing more slots,
            // does not raise it): its heap goes to what it took on, not to 60 statuses' texts (h-worstend).
            p.Phone.Statuses.Raise(StatusId.PhoneHasMissedCalls, "2 calls", "test", p.Now);
            Assert.Null(p.Phone.Statuses.ParamOf(StatusId.PhoneHasMissedCalls));
            p.Run(MemoryWatch.PeriodMs);
            Assert.Equal("4 of 4 BLF keys not monitored, statuses not kept in full: 1", LowMemory(p));

            // Room again: the keys are taken on, and once a period has passed without refusals a status keeps its parameter.
            _heap.Room = 100;
            Assert.Equal(4, Subscribed(p, MemoryWatch.PeriodMs + 2000).Count);
            p.Run(2 * MemoryWatch.PeriodMs);
            Assert.Null(LowMemory(p));
            p.Phone.Statuses.Raise(StatusId.PhoneHasMissedCalls, "3 calls", "test", p.Now);
            Assert.Equal("3 calls", p.Phone.Statuses.ParamOf(StatusId.PhoneHasMissedCalls));
        }

        [Fact]
        public void AConnectionThatWouldLeaveLessThanTheReserveIsRefusedAndSaid()
        {
            _heap.Short = 12000;
            var reserve = new HeapReserve(_heap);
            // Two packets' buffers (6 KB) would leave less than the reserve's 8 KB.
            Assert.False(reserve.AdmitConnection(6146));
            Assert.True(reserve.Low == false && reserve.Refusing);
            reserve.ReportTransient();
            Assert.Equal("TCP connections closed: 1", reserve.Refused);
            _heap.Short = 60000;
            Assert.True(reserve.AdmitConnection(6146));
            reserve.ReportTransient();
            Assert.Null(reserve.Refused);
            Assert.False(reserve.Refusing);
        }
}
}
