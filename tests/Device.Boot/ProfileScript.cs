using System;
using System.Threading;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;
using DeskPhone.Domain.Messages;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Boot
{
    /// <summary>
    /// The load profiles (<see cref="LoadProfile"/>), each on a phone built afresh from its own provisioning after the
    /// boot script, the previous phone dropped. After each step the script prints
    /// "load profile=NAME step=STEP free=BYTES" (after a collection); run.sh adds each step's peak from the
    /// interpreter's collections. When the heap runs out the profile stops there with
    /// "load profile=NAME OUT OF MEMORY in step=STEP" and the next one starts on a new phone.
    /// </summary>
    public static partial class BootProgram
    {
        /// <summary>A TCP connection's receive buffer on the board (TcpTransport: two inbox packets), held by each stand-in.</summary>
        private const int TcpBufferBytes = 2 * DeviceSizing.InboxPacketBytes;

        private static BenchEventQueue s_events;

        // The step running (the boot's last finished, "none" before its first), for the reports of a failure.
        private static string s_step = "none";

        /// <summary>Lets go of the phone (and what the script kept of it) so the next profile starts from an empty heap.</summary>
        private static void Drop()
        {
            s_app = null;
            s_wire = null;
            s_band = null;
            s_spi = null;
            s_bench = null;
            s_events = null;
            nanoFramework.Runtime.Native.GC.Run(true);
        }

        /// <summary>
        /// The profile's steps after the registration up to the call, a method of its own: their locals are not in the
        /// frame under the registration's loop nor under the call's. Returns whether the BLF keys' dialogs are kept for
        /// the MESSAGE stream's NOTIFYs (KeyDialogs: as numbers, nothing on the heap).
        /// </summary>
        private static bool RunLoad(LoadProfile p)
        {
            bool dialogs = false;
            s_keyDialogs1 = 0;
            s_keyDialogs2 = 0;
            if (p.BlfKeys > 0)
            {
                s_step = "blf";
                // The keys' dialogs are kept for the MESSAGE stream's NOTIFYs only, and only while a key was taken on.
                int notified = SubscribeAndNotify(p.BlfKeys, p.MessageEveryMs > 0);
                dialogs = p.MessageEveryMs > 0 && notified > 0;
                Settle();
                Step(p, "blf-" + p.BlfKeys.ToString());
            }

            if (p.Statuses > 0)
            {
                s_step = "statuses";
                RaiseStatuses(p.Statuses, StatusId.Count);
                Run(500);
                Step(p, "statuses-" + p.Statuses.ToString());
            }

            if (p.InfoBoxFull)
            {
                s_step = "infobox";
                int status = InfoBoxNotify(InfoBoxQueue.MaxBoxes);
                // Refused 503 for want of heap (the phone's reserve, before the 3 KB are parsed): the phone's answer, counted.
                Check(status == 200 || LowRefusal(status), "Infobox NOTIFY answered " + status.ToString() + ", expected 200 (or 503 when low on heap)");
                Run(500);
                Step(p, "infobox-" + InfoBoxQueue.MaxBoxes.ToString());
            }

            if (p.EventStream)
            {
                // The board's /api/events: a 32-event queue fed by every phone event (its Post the phone's handler, as
                // BenchEventStream subscribes it), drained each loop turn (Run), as its pump thread drains it to the
                // client, where the frames are made. The HTTP listener itself needs the network natives.
                s_step = "event-stream";
                s_events = new BenchEventQueue(32, s_app.Core.Reserve);
                s_events.Post("hello", "deskphone");
                s_app.Core.Event += s_events.Post;
                s_app.Core.EventDetails = true;
                Run(500);
                Step(p, "event-stream");
            }
            return dialogs;
        }

        /// <summary>The answered call talks for <see cref="LoadProfile.CallMs"/> (RTP both ways); its step (a refused call's too).</summary>
        private static void Talk(LoadProfile p, bool call)
        {
            for (long talked = 0; call && talked < LoadProfile.CallMs; talked += 1000)
            {
                Run(1000);
                AnswerPublishes();
            }
            if (call)
            {
                int sent = RecordingRtpChannel.Sent;
                int received = RecordingRtpChannel.Received;
                // 20 ms frames: 150 in 3 s each way (a frame or two more or less at the edges).
                Check(sent >= LoadProfile.CallMs / 20 - 5, "the call sent " + sent.ToString() + " RTP packets in " + LoadProfile.CallMs.ToString() + " ms");
                Check(received >= LoadProfile.CallMs / 20 - 5, "the call received " + received.ToString() + " RTP packets");
                Console.WriteLine("load profile=" + p.Name + " call rtp-sent=" + sent.ToString() + " rtp-received=" + received.ToString());
                Step(p, "call-3s");
                CallScreen(p);
            }
            else if (p.Call)
            {
                Step(p, "call-refused");
            }
        }

        /// <summary>The TCP connections opened to the phone (<see cref="LoadProfile.TcpConnections"/>), held to the profile's end; their step.</summary>
        private static void RunTcp(LoadProfile p, ManualResetEvent release)
        {
            // No sockets in the interpreter: the connections the board holds (DeviceSizing.TcpConnections; beyond
            // them TcpTransport sheds the one idle the longest) stand in as what TcpTransport holds for them: its
            // one serving thread (waiting here, as between socket polls) with the parser, message and parse result
            // it shares, and each connection's receive buffer.
            // Each is taken on as TcpTransport takes it: asked of the heap reserve first, closed at once when refused.
            int held = p.TcpConnections < DeviceSizing.TcpConnections ? p.TcpConnections : DeviceSizing.TcpConnections;
            s_step = "tcp-connections";
            var standIn = new TcpStandIn(release, held);
            int closed = 0;
            for (int i = 0; i < held; i++)
            {
                if (!standIn.Accept(i, s_app.Core.Reserve))
                {
                    closed++;
                }
            }
            Low(LowConnections, closed);
            new Thread(standIn.Hold).Start();
            Run(500);
            Console.WriteLine("load profile=" + p.Name + " tcp connections=" + p.TcpConnections.ToString() + " held=" + (held - closed).ToString() +
                              " shed=" + (p.TcpConnections - held).ToString() + " closed-low-memory=" + closed.ToString());
            Step(p, "tcp-" + p.TcpConnections.ToString() + "-held-" + held.ToString());
        }

        /// <summary>The profile's rest after the call: ten seconds idle, ten quiet, the allocation checks and what was refused.</summary>
        private static void RunEnd(LoadProfile p)
        {
            s_step = "idle";
            Run(10000);
            Settle();
            Step(p, "idle-10s");

            // Ten more seconds with nothing arriving (what the phone sent meanwhile is not answered, but for a PUBLISH of
            // its presence, which the PBX answers at once, as the automatic "at the desk" after a call): what a phone
            // holds between its refreshes, once what only traffic needs has gone again (the inbox's packets,
            // SipInbox.QuietTurns).
            s_step = "quiet";
            for (int second = 0; second < 10; second++)
            {
                Run(1000);
                AnswerPublishes();
            }
            Step(p, "quiet-10s");
            // The checks' loops must see no collection: the watch's measurements read the last figure meanwhile.
            s_heap.Frozen = true;
            CheckAllocations(p);
            s_heap.Frozen = false;
            Check(s_bench != null, "bench server");
            Refused(p);
        }

        /// <summary>
        /// What the heap reserve refused (docs/benchmarks.md): identities not registered, BLF keys not monitored, and
        /// the status that says it ("none" when all was taken on, as at 200,000 B).
        /// </summary>
        private static void Refused(LoadProfile p)
        {
            CountRefused();
            string said = s_app.Core.Statuses.IsActive(StatusId.PhoneHasLowMemory) ? s_app.Core.Statuses.ParamOf(StatusId.PhoneHasLowMemory) : null;
            Check(s_refusedIdentities + s_refusedKeys == 0 || said != null, "refused but PhoneHasLowMemory not raised");
            SayRefused(p, said);
        }

        // What the profile's phone refused when last counted: counted before a phone that ran out of heap is dropped,
        // said after (saying it needs heap).
        private static int s_refusedIdentities;
        private static int s_refusedKeys;

        /// <summary>Counts what the phone refused, -1 without a phone (allocates nothing: also right after it ran out of heap).</summary>
        private static void CountRefused()
        {
            bool phone = s_app != null && s_app.Binding != null;
            s_refusedIdentities = phone ? s_app.Binding.Registrations.RefusedCount : -1;
            s_refusedKeys = phone ? s_app.Core.Monitored.RefusedCount : -1;
        }

        /// <summary>The profile's one "refused" line: what the heap reserve did not take on, and PhoneHasLowMemory's text when known.</summary>
        private static void SayRefused(LoadProfile p, string said)
        {
            int[] c = s_low;
            int low = c == null ? 0 : c[LowRequests] + c[LowStatuses] + c[LowConnections] + c[LowCalls] + c[LowDropped];
            Console.WriteLine("load profile=" + p.Name + " refused " + (s_refusedIdentities < 0 ? "unknown (the phone was not built)" :
                s_refusedIdentities + s_refusedKeys + low == 0 ? "none" :
                "identities=" + s_refusedIdentities.ToString() + "/" + p.Identities.ToString() + " blf-keys=" + s_refusedKeys.ToString() + "/" + p.BlfKeys.ToString() +
                (low == 0 ? "" : " requests-503=" + c[LowRequests].ToString() + " statuses=" + c[LowStatuses].ToString() + " tcp-closed=" +
                                 c[LowConnections].ToString() + " calls=" + c[LowCalls].ToString() + " dropped-unanswered=" + c[LowDropped].ToString())) +
                (said == null ? "" : " low-memory='" + said + "'"));
        }

        /// <summary>
        /// Provisioning, as a phone leaves the factory configured: a profile's identities, BLF keys and the passwords,
        /// saved to the medium; then sealed (<see cref="FlashSettingsMedium.Seal"/>: the blob let go, made anew by
        /// <see cref="Provisioned"/> when the phone reads it, which must give the very bytes saved).
        /// </summary>
        private static void Provision(FlashSettingsMedium medium, LoadProfile p)
        {
            Save(medium, p);
            Check(medium.Seal(), "the provisioned settings made anew differ from those saved");
        }

        /// <summary>The blob <see cref="Provision"/> saves for a profile, made anew (the settings medium's read of it).</summary>
        internal static byte[] Provisioned(LoadProfile p)
        {
            var medium = new FlashSettingsMedium(null);
            Save(medium, p);
            return medium.TakeWritten();
        }

        private static void Save(FlashSettingsMedium medium, LoadProfile p)
        {
            var s = new SettingsStore(medium, new Random());
            for (int identity = 1; identity <= p.Identities; identity++)
            {
                Set(s, "user_active", identity, "on");
                Set(s, "user_name", identity, (485 + identity).ToString());
                Set(s, "user_host", identity, Registrar);
                Set(s, "user_sipusername_as_line", identity, "on");
            }
            for (int key = 1; key <= p.BlfKeys; key++)
            {
                if (key <= SettingsTable.FunctionKeys)
                {
                    Set(s, "fkey", key, "blf " + BlfTarget(key));
                }
                else
                {
                    Set(s, "expansion_key", key - SettingsTable.FunctionKeys, "blf " + BlfTarget(key));
                }
            }
            Set(s, "cancel_desktop", 0, "on");
            // The administrator and bench passwords as provisioning files carry them (the settings export's hash form), so
            // the store keeps them as they are: nothing hashes (PBKDF2 needs the crypto natives the interpreter lacks).
            Set(s, "admin_mode_password", 0, AdminPasswordHash);
            Set(s, "http_pass", 0, AdminPasswordHash);
            string error = s.Save();
            Check(error == null, "settings save: " + error);
        }

        /// <summary>
        /// The status the phone answered a MESSAGE to <paramref name="identity"/>. An identity the heap reserve refused is
        /// not in the phone's agent (kept as its settings only): its 503 (<see cref="NotTakenOnAnswer"/>) is counted
        /// (<see cref="NotTakenOn"/>, said beside the 503s) and returned as 200, so that the 503s stay the transaction table's.
        /// </summary>
        private static int MessageAnswer(int status, int identity)
        {
            if (NotTakenOnAnswer(status, identity))
            {
                Low(NotTakenOn, 1);
                return 200;
            }
            return status;
        }

        /// <summary>
        /// Whether <paramref name="status"/> is the phone's answer to a parsed request for an identity the heap reserve did
        /// not take on (kept as its settings only, not in the agent): 503 with Retry-After (IdentityRouting: while an
        /// identity is refused, a request that matches none may be for it; the office phone meets its call and MESSAGEs
        /// so at the board's heap). Not the 503 written unparsed (<see cref="Unparsed503"/>).
        /// </summary>
        private static bool NotTakenOnAnswer(int status, int identity) =>
            status == 503 && s_app.Binding.Registrations.IsRefused(identity);

        // MESSAGEs to identities the heap reserve refused (answered 503 after their parse), said with the profile's MESSAGE counts.
        private const int NotTakenOn = 4;

        /// <summary>
        /// 1 for a 503 (refused: no room to remember the transaction, or no heap to take it in: <see cref="LowRefusal"/>),
        /// 0 for a 200; anything else fails.
        /// </summary>
        private static int Answered(int status, string what, int n)
        {
            // The request's name made only for a failure's report: the stream's 300 requests make no string.
            if (!(status == 200 || status == 503 || LowRefusal(status) || Unanswered(status)))
            {
                Check(false, what + n.ToString() + " answered " + status.ToString() + ", expected 200 (or 503 when refused)");
            }
            return status == 200 ? 0 : 1;
        }

        /// <summary>Whether <paramref name="status"/> is the phone's 503 for want of heap (HeapReserve.Refusal), counted.</summary>
        /// <summary>
        /// Whether a request got no answer because the phone had no heap even for its 503 (UnparsedRefusal.Unanswered
        /// grew: dropped as an overloaded server may, its retransmission answered later): counted, not a failure.
        /// </summary>
        private static bool Unanswered(int status)
        {
            if (status != -1 || UnparsedRefusal.Unanswered == s_unanswered)
            {
                return false;
            }
            s_unanswered = UnparsedRefusal.Unanswered;
            Low(LowDropped, 1);
            return true;
        }

        // UnparsedRefusal.Unanswered when last counted (a static: it outlives a profile's phone).
        private static int s_unanswered;

        private static bool LowRefusal(int status)
        {
            if (status != Unparsed503)
            {
                return false;
            }
            Low(LowRequests, 1);
            return true;
        }

        // What the phone refused while low on heap, as the PBX and the bench see it, by kind: requests answered 503,
        // statuses kept without their parameter or not raised, TCP connections closed at once, calls refused. Made by the
        // profile's first refusal (one static field: the boot's tight steps and a profile that refuses nothing hold no array).
        private static int[] s_low;

        /// <summary>Adds <paramref name="count"/> to a kind of refusal (the array made by the first: none at the fitting heap); returns its count.</summary>
        private static int Low(int kind, int count)
        {
            if (s_low == null)
            {
                if (count == 0)
                {
                    return 0;
                }
                s_low = new int[6];
            }
            return s_low[kind] += count;
        }
        private const int LowRequests = 0;
        private const int LowStatuses = 1;
        private const int LowConnections = 2;
        private const int LowCalls = 3;
        private const int LowDropped = 5;

        /// <summary>
        /// The PBX's Infobox NOTIFY: a queue document (application/snomxml) with <paramref name="count"/> boxes of two lines,
        /// made piece by piece as the phone takes it in (<see cref="InfoBoxDatagram"/>); returns the status the phone answered.
        /// </summary>
        private static int InfoBoxNotify(int count)
        {
            string uri = "sip:486@" + PhoneAddress + ":5060";
            string branch = "z9hG4bKboot" + (++s_branch).ToString();
            s_wire.Queue(new InfoBoxDatagram("NOTIFY " + uri + " SIP/2.0\r\nVia: SIP/2.0/UDP " + Registrar + ":5060;branch=" + branch +
                    "\r\nMax-Forwards: 70\r\nFrom: <sip:admin@" + Registrar + ">;tag=b" + s_branch.ToString() + "\r\nTo: <" + uri +
                    ">\r\nCall-ID: boot-" + s_branch.ToString() + "@" + Registrar + "\r\nCSeq: 1 NOTIFY\r\nEvent: xml\r\nSubscription-State: active\r\n" +
                    "Content-Type: " + InfoBoxQueue.ContentType + "\r\nContent-Length: " + InfoBoxDatagram.BodyBytes(count).ToString() + "\r\n\r\n",
                    count), Registrar);
            Run(TurnMs);
            return AnswerTo(branch);
        }


        /// <summary>The first frames of where the heap ran out (the allocating method first), on one line.</summary>
        private static string Where(Exception e)
        {
            string trace = e.StackTrace;
            if (trace == null)
            {
                return "";
            }
            string[] frames = trace.Split('\n');
            string where = "";
            for (int i = 0; i < frames.Length && i < 20; i++)
            {
                where += (i == 0 ? " at " : " < ") + frames[i].Trim();
            }
            return where;
        }

        private static void Step(LoadProfile p, string step)
        {
            uint free = nanoFramework.Runtime.Native.GC.Run(false);
            Console.WriteLine("load profile=" + p.Name + " step=" + step + " free=" + free.ToString() + " script=" + ScriptHeld().ToString() +
                              " t=" + s_now.ToString() + "ms");
        }

        /// <summary>
        /// Stands in for the TCP transport's connections until the profile ends: one thread holding what TcpTransport's
        /// serving thread holds (the parser, and while a connection is open the message and parse result it shares) and a
        /// receive buffer per connection taken on.
        /// </summary>
        private sealed class TcpStandIn
        {
            private readonly ManualResetEvent _release;
            private readonly byte[][] _buffers;
            private readonly SipParser _parser = new SipParser { MaxBodyBytes = DeviceSizing.InboxPacketBytes, MaxHeaderBytes = DeviceSizing.InboxPacketBytes };
            // Made by the first connection taken on, as TcpTransport makes them by the first bytes to frame (none while no
            // connection is open).
            private SipMessage _message;
            private ParseResult _result;

            public TcpStandIn(ManualResetEvent release, int connections)
            {
                _release = release;
                _buffers = new byte[connections][];
            }

            /// <summary>Connection i, as TcpTransport accepts one: refused (closed at once) when the reserve has no room for its buffer.</summary>
            public bool Accept(int i, HeapReserve reserve)
            {
                if (reserve != null && !reserve.AdmitConnection(TcpBufferBytes))
                {
                    return false;
                }
                _buffers[i] = new byte[TcpBufferBytes];
                if (_message == null)
                {
                    _message = new SipMessage();
                    _result = new ParseResult();
                }
                return true;
            }

            public void Hold()
            {
                while (!_release.WaitOne(0, false))
                {
                    Thread.Sleep(20);
                }
                _buffers[0] = _parser == null || (_message == null) != (_result == null) ? null : _buffers[0];
            }
        }
    }
}
