using System;
using System.Text;
using DeskPhone.Boot;
using DeskPhone.Drivers.Leds;
using DeskPhone.Firmware.App;
using DeskPhone.Firmware.Phone;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Sip.Transport;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Cost
{
    /// <summary>
    /// What one request costs the interpreter (tools/InterpCost/count.sh, docs/benchmarks.md "Interpreter cost per
    /// request"). The phone is built by <see cref="PhoneApp"/> on the host board's fakes, exactly as the boot scenario
    /// (tests/Device.Boot) builds it, registers, subscribes one BLF key, and then runs each workload twice: N times,
    /// then 2N times. Before each run it prints one marker line ("cost mark KIND N"); count.sh runs the interpreter under
    /// callgrind with a dump before every console write, so each run is one dump, and (Ir of 2N - Ir of N) / N is one
    /// request without start-up or marker. The preparation of each kind (one request unmeasured, then answering what the
    /// phone sent on its own) has a marker of its own ("cost mark prepare KIND"), so it is in no run. Every request's answer is checked on the wire (a failed check ends in an
    /// unhandled exception), so the count is the real path. Nothing else is printed after the first marker. The password
    /// checks (<see cref="PasswordCost"/>) and the voice workloads (<see cref="MediaCost"/>: G.711 per frame, tone
    /// frames) run first, before the phone is built.
    /// </summary>
    public static class CostProgram
    {
        /// <summary>Requests per kind in the first run (the second runs twice as many).</summary>
        private const int N = 20;

        /// <summary>Password checks in the first run: each costs about 100 ms on a board, so fewer.</summary>
        private const int PasswordN = 5;

        private const int TurnMs = 10;

        /// <summary>The kinds below (<see cref="KindName"/>).</summary>
        private const int Kinds = 7;
        /// <summary>The registrar is the seed MESSAGE's sender (filter_registrar is on by default, so only it may send one).</summary>
        private const string Registrar = "192.0.2.1";
        private const string PhoneAddress = "192.0.2.10";
        private const string Blf = "sip:201@" + Registrar;

        /// <summary>
        /// tools/ParseCount/message484.sip (the 484-byte MESSAGE of the parser benchmarks), byte for byte: its
        /// Request-URI is the phone's identity 486 at the phone's address, and it comes from the phone's registrar
        /// (192.0.2.1 here). Only the branch is rewritten per request.
        /// </summary>
        private const string Message484 = NFUnitTest.SeedMessage.Seed;

        private const string AdminPasswordHash =
            "$pbkdf2-sha256$100$000102030405060708090a0b0c0d0e0f$5c1d0a6b3e2f4c7d8e9fa0b1c2d3e4f5061728394a5b6c7d8e9f0a1b2c3d4e5f";

        private static long s_now;
        private static PhoneApp s_app;
        private static BootBoard s_board;
        private static RecordingTransport s_wire;
        private static RecordingBand s_band;
        private static SipInbox s_inbox;
        private static int s_keys;
        private static AgentCost s_agent;

        private static byte[] s_message;
        private static int s_branchAt;
        private static int s_branch;

        private static byte[][] s_notify;
        private static int s_notifyCSeq = 100;
        private static int s_blfVersion;
        private static string s_subscribe;

        private static readonly DateTime BootDate = new DateTime(2026, 12, 3, 9, 0, 0);

        public static void Main()
        {
            PasswordCost.Run(PasswordN);
            MediaCost.Run(N);
            Boot();
            Register();
            SubscribeBlf();
            PrepareMessage();
            s_agent = new AgentCost(PhoneAddress, Registrar, DeviceSizing.InboxSlots, DeviceSizing.InboxPacketBytes);

            // One of each first, unmeasured: first calls, static constructors, the cache's first slots.
            for (int i = 0; i < 2; i++)
            {
                for (int kind = 0; kind < Kinds; kind++)
                {
                    Do(kind);
                }
            }
            // The 16-slot transaction caches fill up before the runs start, so that every run reuses slots (the agent's
            // own table as many entries as the phone's: a MESSAGE and a NOTIFY each).
            for (int i = 0; i < 16; i++)
            {
                MessageNew();
                NotifyBlf();
                MessageAgent();
                MessageAgent();
            }
            SettleAll();

            for (int kind = 0; kind < Kinds; kind++)
            {
                // Once more unmeasured: the phone is in this kind's steady state when the first run starts (the key
                // scan's first Cancel removes the desktop message the MESSAGEs left, so the statuses run on the idle screen).
                Console.WriteLine("cost mark prepare " + KindName(kind));
                Do(kind);
                SettleAll();
                for (int run = 1; run <= 2; run++)
                {
                    int count = N * run;
                    Console.WriteLine("cost mark " + KindName(kind) + " " + count.ToString());
                    for (int i = 0; i < count; i++)
                    {
                        Do(kind);
                    }
                }
            }
            Console.WriteLine("cost mark end 0");
        }

        private static string KindName(int kind)
        {
            switch (kind)
            {
                case 0: return "message-new";
                case 1: return "message-retransmission";
                case 2: return "notify-blf";
                case 3: return "key-scan";
                case 4: return "idle-turn";
                case 5: return "status-raise-clear";
                default: return "message-agent";
            }
        }

        private static void Do(int kind)
        {
            switch (kind)
            {
                case 0: MessageNew(); break;
                case 1: MessageRetransmission(); break;
                case 2: NotifyBlf(); break;
                case 3: KeyScan(); break;
                case 4: IdleTurn(); break;
                case 5: StatusRaiseClear(); break;
                default: MessageAgent(); break;
            }
        }

        // ---- the workloads ----

        /// <summary>The 484-byte MESSAGE with a new branch: one loop turn parses, checks, routes, shows and answers it (200).</summary>
        private static void MessageNew()
        {
            s_branch++;
            WriteBranch(s_branch);
            Deliver(s_message, Registrar);
            Turn();
            Expect(200, "MESSAGE");
        }

        /// <summary>
        /// The same MESSAGE (new branch) through a user agent of its own whose routing's handler only answers 200
        /// (<see cref="AgentCost"/>): the part of "message-new" through the SIP stack, without the phone.
        /// </summary>
        private static void MessageAgent()
        {
            s_branch++;
            WriteBranch(s_branch);
            Check(s_agent.Handle(s_message, Registrar, 200), "MESSAGE through the agent alone: not one 200 from the handler");
        }

        /// <summary>The last MESSAGE again, same branch: answered from the transaction cache (200 again).</summary>
        private static void MessageRetransmission()
        {
            Deliver(s_message, Registrar);
            Turn();
            Expect(200, "MESSAGE retransmission");
        }

        /// <summary>A dialog-info NOTIFY for BLF key 1 (full state, next version), alternately confirmed and terminated: 200, key LED follows.</summary>
        private static void NotifyBlf()
        {
            bool busy = (s_blfVersion & 1) == 0;
            byte[] notify = s_notify[s_blfVersion & 1];
            // The template was made with CSeq 100, branch z9hG4bKcost000000 and version 0 in fixed-width fields (6 digits
            // each): a new transaction in the subscription's dialog with the next CSeq and the next version.
            WriteDigits(notify, s_notifyCSeqAt, ++s_notifyCSeq);
            WriteDigits(notify, s_notifyBranchAt, s_notifyCSeq);
            WriteDigits(notify, s_versionAt, s_blfVersion++);
            Deliver(notify, Registrar);
            Turn();
            Expect(200, "BLF NOTIFY");
            LedColor color = s_app.Core.Leds.ColorOf(LedMap.FunctionKey(0));
            Check(busy ? color == LedColor.Red : color != LedColor.Red, "BLF key LED " + ((int)color).ToString() + " after a " + (busy ? "confirmed" : "terminated") + " dialog");
        }

        private static int s_notifyCSeqAt;
        private static int s_notifyBranchAt;
        private static int s_versionAt;

        private static string s_unplugged;
        private static int s_statusHeight;

        /// <summary>
        /// EthernetUnplugged raised the way the link wiring raises it (message LED blinks fast, the status line shows it), a
        /// turn, cleared, a turn (LED off, the status line redrawn).
        /// </summary>
        private static void StatusRaiseClear()
        {
            s_band.Expect(s_unplugged);
            lock (s_app.Gate)
            {
                Check(s_app.Core.Statuses.Raise(StatusId.EthernetUnplugged, null, "cost", s_now), "status not raised");
            }
            Turn();
            Check(s_app.Core.Leds.PatternOf(LedMap.Message) == LedPattern.BlinkFast, "message LED does not blink fast with EthernetUnplugged");
            Check(s_band.Seen && s_band.SeenAtY < s_statusHeight, "EthernetUnplugged not drawn on the status line");
            int bands = s_band.Bands;
            lock (s_app.Gate)
            {
                Check(s_app.Core.Statuses.Clear(StatusId.EthernetUnplugged, s_now), "status not cleared");
            }
            Turn();
            Check(s_app.Core.Leds.PatternOf(LedMap.Message) == LedPattern.Off, "message LED still on after the clear");
            Check(s_band.Bands > bands, "nothing drawn after the clear");
        }

        /// <summary>One loop turn with nothing to do (drivers scanned, timers checked, nothing drawn, nothing sent).</summary>
        private static void IdleTurn()
        {
            int bands = s_band.Bands;
            int sent = s_wire.SentCount;
            Turn();
            Check(s_band.Bands == bands && s_wire.SentCount == sent, "the idle turn drew or sent something");
        }

        /// <summary>
        /// Button A (Cancel) pressed through its pin and released: 4 loop turns down, 4 up (the 20 ms debounce), one
        /// press and one release reaching the phone.
        /// </summary>
        private static void KeyScan()
        {
            int keys = s_keys;
            s_board.SetButton(0, true);
            for (int i = 0; i < 4; i++)
            {
                Turn();
            }
            s_board.SetButton(0, false);
            for (int i = 0; i < 4; i++)
            {
                Turn();
            }
            Check(s_keys == keys + 2, "key events: " + (s_keys - keys).ToString() + ", expected a press and a release");
        }

        // ---- the phone, as the boot scenario builds it ----

        private static void Boot()
        {
            var medium = new MemorySettingsMedium();
            var s = new SettingsStore(medium, new Random());
            Set(s, "user_active", 1, "on");
            Set(s, "user_name", 1, "486");
            Set(s, "user_host", 1, Registrar);
            Set(s, "user_sipusername_as_line", 1, "on");
            Set(s, "cancel_desktop", 0, "on");
            // As the boot scenario provisions them: in the settings export's hash form (nothing here may hash; PBKDF2 needs
            // natives the interpreter lacks). Without them PhoneHasNoAdminPassword would hold the status line.
            Set(s, "admin_mode_password", 0, AdminPasswordHash);
            Set(s, "http_pass", 0, AdminPasswordHash);
            Check(s.Save() == null, "settings save");

            var settings = new SettingsStore(medium, new Random());
            settings.Load();
            Check(settings.Get("user_name", 1) == "486", "settings loaded");

            s_board = new BootBoard();
            s_board.SetLink(true, 0, PhoneAddress);
            s_inbox = new SipInbox(DeviceSizing.InboxSlots, DeviceSizing.InboxPacketBytes);
            s_wire = new RecordingTransport(s_inbox);
            DisplayProfile profile = DisplayProfile.Color320x240;
            s_band = new RecordingBand(profile);
            s_statusHeight = profile.StatusHeight;
            s_unplugged = StatusCatalog.Description(StatusId.EthernetUnplugged);
            var panel = new BandedPanel(s_band, profile.Height, IdleScreen.MostCallsPerFlush(profile));
            s_app = new PhoneApp(new PhoneParts(settings, s_inbox, s_wire) { Drivers = s_board.Drivers, Panel = panel, Profile = profile, WallClock = WallNow });
            s_board.Drivers.KeyEvent += (code, action) => s_keys++;
            Run(1000);
            Check(s_app.Agent.LocalHost == PhoneAddress, "Via/Contact address");
        }

        private static void Register()
        {
            Check(AnswerAll("REGISTER", 200) > 0, "no REGISTER was sent");
            Run(200);
            Check(s_app.Core.IsRegistered(1), "identity 1 not registered after the 200");
            Settle();
        }

        /// <summary>BLF key 1 on sip:201: its SUBSCRIBE answered 200; NOTIFY templates made for its dialog.</summary>
        private static void SubscribeBlf()
        {
            Check(s_app.Settings.Set("fkey", 1, "blf " + Blf) == null, "fkey 1");
            long start = s_now;
            while ((s_subscribe = Take("SUBSCRIBE " + Blf + " ")) == null)
            {
                Check(s_now - start < 30000, "no SUBSCRIBE for the BLF key");
                Run(TurnMs);
            }
            Answer(s_subscribe, 200, "Expires: 3600\r\n");
            Run(TurnMs);
            s_notify = new byte[][] { NotifyTemplate("confirmed"), NotifyTemplate("terminated") };
            SettleAll();
        }

        private static byte[] NotifyTemplate(string state)
        {
            string from = Header(s_subscribe, "From");
            string to = Header(s_subscribe, "To");
            string contact = Header(s_subscribe, "Contact");
            string uri = contact.Substring(1, contact.IndexOf('>') - 1);
            string body = "<?xml version=\"1.0\"?>\n<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"000000\" state=\"full\" entity=\"" +
                          Blf + "\"><dialog id=\"d1\" direction=\"initiator\"><state>" + state + "</state></dialog></dialog-info>";
            string text = "NOTIFY " + uri + " SIP/2.0\r\nVia: SIP/2.0/UDP " + Registrar + ":5060;branch=z9hG4bKcost000000\r\nMax-Forwards: 70\r\n" +
                          "From: " + (to.IndexOf(";tag=") >= 0 ? to : to + ";tag=srv") + "\r\nTo: " + from + "\r\nCall-ID: " + Header(s_subscribe, "Call-ID") +
                          "\r\nCSeq: 000100 NOTIFY\r\nEvent: dialog\r\nSubscription-State: active;expires=3600\r\nContent-Type: application/dialog-info+xml\r\n" +
                          "Content-Length: " + Encoding.UTF8.GetBytes(body).Length.ToString() + "\r\n\r\n" + body;
            s_notifyCSeqAt = text.IndexOf("CSeq: ") + 6;
            s_notifyBranchAt = text.IndexOf("z9hG4bKcost") + 11;
            s_versionAt = text.IndexOf("version=\"000000\"") + 9;
            return Encoding.UTF8.GetBytes(text);
        }

        private static void PrepareMessage()
        {
            s_message = Encoding.UTF8.GetBytes(Message484);
            Check(s_message.Length == 484, "the MESSAGE is " + s_message.Length.ToString() + " bytes, not 484");
            s_branchAt = Message484.IndexOf("z9hG4bK") + 7;
        }

        /// <summary>The 9 characters after z9hG4bK become the counter in hex (fixed width: the message stays 484 bytes).</summary>
        private static void WriteBranch(int n)
        {
            for (int d = 8; d >= 0; d--)
            {
                s_message[s_branchAt + d] = (byte)"0123456789abcdef"[n & 15];
                n >>= 4;
            }
        }

        /// <summary>Six decimal digits at a fixed place.</summary>
        private static void WriteDigits(byte[] data, int at, int n)
        {
            for (int d = 5; d >= 0; d--)
            {
                data[at + d] = (byte)('0' + n % 10);
                n /= 10;
            }
        }

        private static DateTime WallNow()
        {
            return BootDate.AddMilliseconds(s_now);
        }

        private static void Set(SettingsStore s, string name, int idx, string value)
        {
            Check(s.Set(name, idx, value) == null, name + " = " + value);
        }

        // ---- loop, wire and checks ----

        private static void Turn()
        {
            s_now += TurnMs;
            s_app.Poll(s_now);
        }

        private static void Run(long ms)
        {
            long end = s_now + ms;
            do
            {
                Turn();
            }
            while (s_now < end);
        }

        /// <summary>The bytes arrive from host:5060 through the inbox, as the board's UDP transport posts them.</summary>
        private static void Deliver(byte[] bytes, string host)
        {
            Check(s_wire.Arrive(bytes, host), "inbox full");
        }

        /// <summary>The phone sent exactly one message since the last check, an answer with this status.</summary>
        private static void Expect(int status, string what)
        {
            if (s_wire.Pending != 1)
            {
                string lines = "";
                for (int i = 0; i < s_wire.Pending; i++)
                {
                    string sent = s_wire.Peek(i);
                    lines += " | " + sent.Substring(0, sent.IndexOf("\r\n"));
                }
                Check(false, what + ": " + s_wire.Pending.ToString() + " messages sent, expected one answer" + lines);
            }
            string m = s_wire.Peek(0);
            s_wire.RemoveAt(0);
            int got = m.IndexOf("SIP/2.0 ") == 0 ? (m[8] - '0') * 100 + (m[9] - '0') * 10 + (m[10] - '0') : -1;
            Check(got == status, what + " answered " + got.ToString() + ", expected " + status.ToString());
        }

        private static void Settle()
        {
            AnswerAll("SUBSCRIBE", 200);
            Run(TurnMs);
            s_wire.Clear();
        }

        /// <summary>
        /// Answers 200 to whatever the phone sends on its own (refreshed subscriptions, PUBLISH of its presence) until it
        /// has sent nothing for 1.5 s, so that no client transaction of the phone's runs during a measurement.
        /// </summary>
        private static void SettleAll()
        {
            long start = s_now;
            long quietSince = s_now;
            while (s_now - quietSince < 1500)
            {
                Check(s_now - start < 60000, "the phone keeps sending after a minute of answers");
                bool any = false;
                for (int i = 0; i < s_wire.Pending; i++)
                {
                    string m = s_wire.Peek(i);
                    if (m.IndexOf("SIP/2.0 ") != 0)
                    {
                        Answer(m, 200, m.IndexOf("SUBSCRIBE ") == 0 || m.IndexOf("PUBLISH ") == 0 ? "Expires: 3600\r\n" : "");
                    }
                    any = true;
                }
                s_wire.Clear();
                if (any)
                {
                    quietSince = s_now;
                }
                Run(50);
            }
        }

        private static int AnswerAll(string method, int status)
        {
            int count = 0;
            for (int i = 0; i < s_wire.Pending; i++)
            {
                string m = s_wire.Peek(i);
                if (m.IndexOf(method + " ") == 0)
                {
                    Answer(m, status, method == "SUBSCRIBE" ? "Expires: 3600\r\n" : "");
                    count++;
                }
            }
            Run(TurnMs);
            s_wire.Clear();
            return count;
        }

        private static string Take(string startsWith)
        {
            for (int i = 0; i < s_wire.Pending; i++)
            {
                string m = s_wire.Peek(i);
                if (m.IndexOf(startsWith) == 0)
                {
                    s_wire.RemoveAt(i);
                    return m;
                }
            }
            return null;
        }

        private static void Answer(string request, int status, string extra)
        {
            string to = Header(request, "To");
            if (request.IndexOf("REGISTER ") == 0)
            {
                extra += "Contact: " + Header(request, "Contact") + ";expires=3600\r\n";
            }
            string text = "SIP/2.0 " + status.ToString() + " OK\r\nVia: " + Header(request, "Via") + "\r\nFrom: " + Header(request, "From") +
                          "\r\nTo: " + to + (to.IndexOf(";tag=") >= 0 ? "" : ";tag=srv") + "\r\nCall-ID: " + Header(request, "Call-ID") +
                          "\r\nCSeq: " + Header(request, "CSeq") + "\r\n" + extra + "Content-Length: 0\r\n\r\n";
            while (!s_wire.Arrive(text, Registrar))
            {
                Run(TurnMs);
            }
        }

        private static string Header(string message, string name)
        {
            int at = message.IndexOf("\r\n" + name + ": ");
            if (at < 0)
            {
                return null;
            }
            int start = at + 4 + name.Length;
            return message.Substring(start, message.IndexOf("\r\n", start) - start);
        }

        private static void Check(bool ok, string what)
        {
            if (!ok)
            {
                Console.WriteLine("cost FAIL at t=" + s_now.ToString() + "ms: " + what);
                throw new InvalidOperationException(what);
            }
        }
    }
}
