using System;
using System.Collections;
using System.Threading;
using DeskPhone.Drivers.Hal;
using DeskPhone.Firmware.App;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Sip.Transport;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Boot
{
    /// <summary>
    /// Boots the real firmware in the nanoFramework interpreter (tests/Device.Boot/run.sh: nf-run on the POSIX
    /// nanoCLR with the board's heap) and scripts it in virtual time: the phone is built by <see cref="PhoneApp"/>,
    /// the same composition board/Program.cs runs, on the host board (fake hardware behind the drivers' Hal
    /// interfaces), settings in an in-memory medium, SIP through the inbox and a recording transport, and the idle
    /// screen drawn by the board's panel path (BandedPanel, Rgb565BandTarget, the ILI9342C driver on a recording SPI bus). Each answer is checked on the wire; after
    /// each step the free heap is printed as "boot step=NAME free=BYTES". A failed check prints what differed and
    /// ends in an unhandled exception (nf-run exits 3). Then the load profiles run (ProfileScript.cs), each on a phone
    /// built afresh; when the boot itself ran out of memory (the board's heap) or failed a check they still run, and
    /// the exception is thrown again at the end so that run.sh sees it.
    /// </summary>
    public static partial class BootProgram
    {
        private const int TurnMs = 10;

        /// <summary>The scripted PBX's 200 to a PUBLISH: its entity tag and an hour.</summary>
        private const string PublishGrant = "SIP-ETag: 5c3e9a1b\r\nExpires: 3600\r\n";
        private const string Registrar = "10.0.0.1";
        private const string PhoneAddress = "192.0.2.10";

        private static long s_now;
        private static PhoneApp s_app;
        private static RecordingTransport s_wire;
        private static RecordingBand s_band;
        private static RecordingSpiBus s_spi;
        private static BenchHttpServer s_bench;
        private static int s_branch;
        private static InterpreterHeap s_heap;

        /// <summary>The interpreter's free heap after a collection and a compaction (the board's GcFreeMemory); the last figure while frozen.</summary>
        private sealed class InterpreterHeap : IFreeMemory
        {
            public bool Frozen;
            private int _free;

            // Never inlined, as the board's GcFreeMemory: a collection inside an inlined call marks a stale slot (h-crash).
            [NotInlined]
            public int FreeAfterCollection()
            {
                if (!Frozen)
                {
                    _free = (int)nanoFramework.Runtime.Native.GC.Run(true);
                }
                return _free;
            }
        }

        private const string AdminPasswordHash =
            "$pbkdf2-sha256$100$000102030405060708090a0b0c0d0e0f$5c1d0a6b3e2f4c7d8e9fa0b1c2d3e4f5061728394a5b6c7d8e9f0a1b2c3d4e5f";

        /// <summary>
        /// The boot script, then the load profiles' (<see cref="ProfileTurns"/>), whose loop is Main's own: the phone is
        /// polled from this frame, nothing of the script's above it, as board/Program.cs's Main polls it (every frame
        /// under the phone's loop is heap the board does not spend; h-harness). Its locals fit the least frame (204 B), as
        /// the board's Main's.
        /// </summary>
        public static void Main()
        {
            Exception failed = Boot();
            var turns = new ProfileTurns();
            while (true)
            {
                try
                {
                    while (turns.Turn())
                    {
                        s_app.Poll(s_now);
                    }
                    break;
                }
                catch (Exception e)
                {
                    // Out of memory, or a failed check: reported, and the next profile runs on a phone built afresh.
                    turns.Fault(e);
                }
            }
            if (failed != null)
            {
                throw failed;
            }
        }

        /// <summary>
        /// The boot script (<see cref="RunBoot"/>); returns how it failed, null when it passed. When it ran out of memory
        /// (the board's heap) or failed a check the profiles still run, and <see cref="Main"/> throws it again at the end
        /// so that run.sh sees it.
        /// </summary>
        private static Exception Boot()
        {
            Exception failed = null;
            try
            {
                RunBoot();
            }
            catch (OutOfMemoryException e)
            {
                // Reported, then thrown again after the profiles, so that run.sh sees the boot did not fit.
                failed = e;
                Drop();
                Console.WriteLine("boot OUT OF MEMORY after step=" + s_step + Where(e));
            }
            catch (InvalidOperationException e)
            {
                // A failed check (Check printed it): thrown again after the profiles too. Short of heap, the phone lets
                // a message wait in its inbox rather than throw, so a boot that does not fit can end here.
                failed = e;
            }
            catch (Exception e)
            {
                // Anything else (a native short of heap may throw a bare System.Exception): reported where it came from,
                // and the profiles still run.
                failed = e;
                Drop();
                Console.WriteLine("boot FAILED after step=" + s_step + ": " + e.GetType().FullName + Where(e));
            }
            return failed;
        }

        private static void RunBoot()
        {
            Heap("start");

            // Provisioning, as a phone leaves the factory configured: written to the settings medium and read back at boot.
            LoadProfile idle = LoadProfile.Idle;
            var medium = new FlashSettingsMedium(idle);
            Provision(medium, idle);
            Heap("provisioned");

            BootBoard board = Build(medium, true);
            DisplayProfile profile = DisplayProfile.Color320x240;
            Run(1000);
            Check(s_app.Agent.LocalHost == PhoneAddress, "Via/Contact address " + s_app.Agent.LocalHost + ", expected the link's " + PhoneAddress);
            Check(s_band.Bands > 0 && s_band.Texts > 0, "the idle screen was drawn (" + s_band.Bands.ToString() + " bands)");
            // Every band flushed went to the panel over SPI: its pixels and the driver's window commands.
            Check(s_spi.Bytes > s_band.PixelBytes, "the panel received " + s_spi.Bytes.ToString() + " bytes over SPI for " + s_band.PixelBytes.ToString() + " bytes of bands");
            Heap("boot");

            // The registrar accepts the REGISTER (every REGISTER transaction sent so far gets its 200): AnswerAll's work
            // written out, so its frame is not under the phone's loop at the boot's tightest moment (as in the profiles', ProfileTurns).
            int answered = AnswerPending("REGISTER", null, 200);
            s_wire.Clear();
            // Run(TurnMs) written out: the turn that takes the 200 polls the phone from this frame, as the board's Main
            // polls it from its own (one frame less under the phone's loop at its tightest moment).
            for (int turn = 0; turn == 0 || (s_wire.Queued > 0 && turn < 200); turn++)
            {
                s_now += TurnMs;
                s_wire.Receive();
                s_app.Poll(s_now);
            }
            s_wire.Clear();
            Check(answered > 0, "no REGISTER was sent");
            Run(200);
            Check(s_app.Core.IsRegistered(1), "identity 1 not registered after the 200");
            Check(!s_app.Core.Statuses.IsActive(StatusId.CurrentIdentityIsNotRegistered), "CurrentIdentityIsNotRegistered still raised");
            Settle();
            Heap("register");

            // A text message to the phone's identity: 200, and its text on the screen.
            const string text = "Lunch is ready in the boot room";
            s_band.Expect(text);
            int status = Request("MESSAGE", "sip:486@" + PhoneAddress + ":5060", "text/plain", text, "");
            Check(status == 200, "MESSAGE to 486 answered " + status.ToString() + ", expected 200");
            Run(100);
            Check(s_band.Seen, "the message text was not drawn");
            Heap("message-486");

            status = Request("MESSAGE", "sip:999@" + PhoneAddress + ":5060", "text/plain", "nobody here", "");
            Check(status == 404, "MESSAGE to 999 answered " + status.ToString() + ", expected 404");
            Heap("message-999");

            // The user reads the message and presses the board's Cancel button (button A): the message goes away.
            board.SetButton(0, true);
            Run(200);
            board.SetButton(0, false);
            Run(200);
            Check(s_app.Core.Desktop.Text == null, "the desktop message is still shown after Cancel");
            Check(!s_app.Core.Statuses.IsActive(StatusId.ServerMessageToBeShownDirectly), "ServerMessageToBeShownDirectly still raised after Cancel");
            Heap("message-read");

            // The cable is pulled: after the link's debounce, EthernetUnplugged is on the status line.
            string unplugged = StatusCatalog.Description(StatusId.EthernetUnplugged);
            s_band.Expect(unplugged);
            board.SetLink(false, s_now, null);
            Run(3000);
            Check(s_app.Core.Statuses.IsActive(StatusId.EthernetUnplugged), "EthernetUnplugged not raised");
            Check(s_app.Core.Statuses.StatusLine == StatusId.EthernetUnplugged,
                "status line shows " + s_app.Core.Statuses.StatusLine.ToString() + ", expected EthernetUnplugged (" + StatusId.EthernetUnplugged.ToString() + ")");
            Check(s_band.Seen && s_band.SeenAtY >= 0 && s_band.SeenAtY < profile.StatusHeight,
                "'" + unplugged + "' drawn: " + (s_band.Seen ? "at y=" + s_band.SeenAtY.ToString() : "no") + ", expected on the status line");
            Heap("ethernet-unplugged");

            // Cable back: the phone registers again.
            board.SetLink(true, s_now, PhoneAddress);
            Run(1000);
            Check(!s_app.Core.Statuses.IsActive(StatusId.EthernetUnplugged), "EthernetUnplugged still raised with the link up");
            answered = AnswerAll("REGISTER", null, 200);
            Check(answered > 0, "no REGISTER after the link came back");
            Run(200);
            Check(s_app.Core.IsRegistered(1), "identity 1 not registered after the link came back");
            Settle();
            Heap("ethernet-restored");

            // 16 BLF keys, provisioned at once: each subscribes (dialog event package) as the user agent's client
            // transactions allow, the server accepts and NOTIFYs dialog-info, the phone answers 200.
            for (int key = 1; key <= 16; key++)
            {
                string error = s_app.Settings.Set("fkey", key, "blf " + BlfTarget(key));
                Check(error == null, "fkey " + key.ToString() + ": " + error);
            }
            Run(TurnMs);
            Heap("blf-configured");
            long blfStart = s_now;
            int notified = SubscribeAndNotify(16, false);
            // Keys the heap reserve refused (no room for their SUBSCRIBE and NOTIFYs beside the request room) are counted as the profiles count them.
            Console.WriteLine("boot blf subscribed+notified=" + notified.ToString() + " refused=" + s_app.Core.Monitored.RefusedCount.ToString() +
                " in " + (s_now - blfStart).ToString() + "ms");
            Run(500);
            Settle();
            Heap("blf-16");

            // 20 statuses, raised the way the phone's parts raise them, each a redraw.
            RaiseStatuses(20, StatusId.EthernetUnplugged);
            Run(1000);
            Settle();
            Console.WriteLine("boot statuses notifications=" + s_app.Core.Statuses.NotificationCount.ToString() + " line=" + s_app.Core.Statuses.StatusLine.ToString());
            Heap("statuses-20");

            // A minute of idle, the PBX answering the presence PUBLISHes at once: the figure shows what it leaves behind
            // (not checked: 720 B on 2026-12-03).
            for (int second = 0; second < 60; second++)
            {
                Run(1000);
                AnswerPublishes();
            }
            Settle();
            // Keeps the bench server reachable to the end, as the board's listener does.
            Check(s_bench != null, "bench server");
            Check(board.Rmt.Updates > 0 && board.Rmt.Bytes > 0, "the LED strip was never sent to its RMT channel");
            Console.WriteLine("boot sent=" + s_wire.SentCount.ToString() + " bands=" + s_band.Bands.ToString() + " texts=" + s_band.Texts.ToString() + " spi-bytes=" + s_spi.Bytes.ToString() + " strip-updates=" + board.Rmt.Updates.ToString() +
                " inbox-dropped=" + s_app.Inbox.Dropped.ToString());
            Heap("idle-60s");
            // What the bench's first request builds (as the board's server does, BootBench) and keeps. Not asked a request:
            // http_pass is set, and a challenge's nonce needs the HMAC natives the interpreter lacks (docs/benchmarks.md).
            BenchRouter router = new BootBench(s_app).Build();
            Settle();
            Heap("bench-built");
            Check(router != null, "bench router");
            // The phone's save (its BLF keys noted), then the phone let go (its store too, whose change events hold the
            // phone): the store that loads the save again needs room beside it.
            string saveError = s_app.Settings.Save();
            Check(saveError == null, "the phone's settings save: " + saveError);
            string keys = "";
            for (int key = 1; key <= 16; key++)
            {
                keys += s_app.Settings.Get("fkey", key) + "\n";
            }
            router = null;
            board = null;
            Drop();
            CheckMedium(medium, keys);
            Console.WriteLine("boot OK");
        }

        /// <summary>
        /// The settings medium is faithful (checked after the last figure: the phone's save is kept on the heap here, in
        /// flash on the board): bytes written read back as written, and the phone's settings (the BLF
        /// keys set since provisioning among them), saved to the other slot and read back by the store itself, are
        /// what a store loading the medium again finds (<paramref name="saved"/>: the phone's 16 function keys, one a line).
        /// </summary>
        private static void CheckMedium(FlashSettingsMedium medium, string saved)
        {
            byte[] bytes = new byte[256];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)(i * 7);
            }
            medium.Write("check.bin", bytes, 3, 250);
            byte[] back = medium.Read("check.bin");
            bool same = back != null && back.Length == 250;
            for (int i = 0; same && i < back.Length; i++)
            {
                same = back[i] == bytes[i + 3];
            }
            Check(same, "the settings medium did not read back what was written");
            medium.Delete("check.bin");
            Check(medium.Read("check.bin") == null, "the settings medium read a deleted blob");
            var again = new SettingsStore(medium, null);
            SettingsLoadReport loaded = again.Load();
            Check(loaded.Source == SettingsStore.SlotB && loaded.Sequence == 2 && !loaded.FellBack, "the phone's save read back from " + loaded.Source + " #" + loaded.Sequence.ToString());
            string keys = "";
            for (int key = 1; key <= 16; key++)
            {
                keys += again.Get("fkey", key) + "\n";
            }
            Check(keys == saved, "the BLF keys read back as " + keys + ", saved " + saved);
            Check(again.Get("fkey", 16) == "blf " + BlfTarget(16) && again.Get("user_name", 1) == "486", "the phone's save read back without its BLF keys");
        }

        /// <summary>
        /// Builds the phone as board/Program.cs does, from the settings in the medium, on the host board's fakes with the
        /// link up and recording media channels; keeps it in s_app, s_wire, s_band and s_bench. Returns the board.
        /// </summary>
        /// <param name="record">The recording band between the panel and its target, for checks of what is drawn
        /// (BootPanel); a load profile's phone draws as the board's, s_band null.</param>
        private static BootBoard Build(FlashSettingsMedium medium, bool record)
        {
            var settings = new SettingsStore(medium, new Random());
            SettingsLoadReport loaded = settings.Load();
            Check(settings.Get("user_name", 1) == "486", "settings loaded from the medium: user_name 1 = " + settings.Get("user_name", 1) + " (" + loaded.Source + ")");

            var board = new BootBoard();
            board.SetLink(true, s_now, PhoneAddress);
            var inbox = new SipInbox(DeviceSizing.InboxSlots, DeviceSizing.InboxPacketBytes);
            // The SIP trace the board keeps of what comes in and goes out (board/Program.cs), so its slots count.
            var trace = new SipTrace(DeviceSizing.TraceSlots, DeviceSizing.TraceSlotBytes, DeviceSizing.TraceRingBytes) { Clock = TraceClock };
            inbox.Trace = trace;
            s_wire = new RecordingTransport(inbox) { Trace = trace };
            DisplayProfile profile = DisplayProfile.Color320x240;
            // The board's panel path, down to the driver's SPI writes (BootPanel).
            BandedPanel panel = BootPanel.Build(profile, record, out s_band, out s_spi);
            WallClock wallClock = WallNow;
            // As on the board: the address in Via and Contact follows the Ethernet link (null).
            // The calls' media channels, as the board passes its UDP ones (no audio devices: silence is sent).
            RecordingRtpChannel.Sent = 0;
            RecordingRtpChannel.Received = 0;
            // The interpreter's heap, as the board passes its GC's: PhoneHasLowMemory and the heap reserve (HeapReserve).
            s_heap = new InterpreterHeap();
            s_app = new PhoneApp(new PhoneParts(settings, inbox, s_wire) { Drivers = board.Drivers, Panel = panel, Profile = profile, WallClock = wallClock, StartMs = s_now, Rtp = NewRtpChannel, Memory = s_heap });
            // The bench's server, as the board builds it (not started: its listener needs the network natives); its router
            // is built by the first request (BootBench), which the boot script makes at its end.
            s_bench = new BenchHttpServer(new BootBench(s_app));
            return board;
        }

        /// <summary>
        /// Answers the BLF keys' SUBSCRIBEs (Event: dialog) 200 as they come and NOTIFYs each key's first dialog-info,
        /// until keys 1..<paramref name="keys"/> are all notified; each NOTIFY must be answered 200. Keeps each key's
        /// dialog as its numbers (<see cref="KeepKeyDialog"/>) when <paramref name="keep"/>. Returns how many were notified
        /// (the others the heap reserve refused).
        /// </summary>
        private static int SubscribeAndNotify(int keys, bool keep)
        {
            bool[] done = new bool[keys + 1];
            int notified = 0;
            long start = s_now;
            // Keys the heap reserve refused send no SUBSCRIBE (until a later period takes them on).
            while (notified + s_app.Core.Monitored.RefusedCount < keys)
            {
                Check(s_now - start < 120000, "after 120 s only " + notified.ToString() + " of " + keys.ToString() + " BLF keys subscribed and notified");
                string subscribe = Take("SUBSCRIBE", "dialog");
                if (subscribe == null)
                {
                    // The identities' own SUBSCRIBEs and the PUBLISH take their turns among the keys' (one at a time).
                    AnswerOwn();
                    Run(TurnMs);
                    continue;
                }
                int key = KeyOf(subscribe, keys);
                Check(key > 0, "SUBSCRIBE for an unknown target: " + subscribe.Substring(0, subscribe.IndexOf("\r\n")));
                Answer(subscribe, 200, "Expires: 3600\r\n");
                Run(TurnMs);
                if (done[key])
                {
                    continue;
                }
                string dialog = DialogOf(subscribe);
                subscribe = null;
                if (keep)
                {
                    KeepKeyDialog(key, dialog);
                }
                int status = NotifyKey(ref dialog, key, key % 2 == 0 ? "confirmed" : "terminated");
                Check(status == 200, "NOTIFY for BLF key " + key.ToString() + " answered " + status.ToString() + ", expected 200");
                done[key] = true;
                notified++;
            }
            return notified;
        }

        /// <summary>
        /// A BLF key's first dialog-info NOTIFY (version 0) in its subscription's dialog (<see cref="DialogOf"/>); returns the
        /// status the phone answered. The dialog is taken from the caller (<paramref name="dialog"/> null on return) and let
        /// go with the NOTIFY's parts and body before the phone's turn: on the board the PBX is another machine, and the
        /// script's strings under the turn (~700 B, and a frame of its own for the text, h-harness) were heap the phone's
        /// reserve counted against the keys it takes on.
        /// </summary>
        private static int NotifyKey(ref string dialog, int key, string state)
        {
            string[] parts = dialog.Split('\n');
            dialog = null;
            string body = "<?xml version=\"1.0\"?>\n<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"0\" state=\"full\" entity=\"" +
                          BlfTarget(key) + "\"><dialog id=\"d" + key.ToString() + "\" direction=\"initiator\"><state>" + state + "</state></dialog></dialog-info>";
            string branch = "z9hG4bKboot" + (++s_branch).ToString();
            // parts: request URI, the phone's From (the NOTIFY's To), the target's To (its From, the PBX's tag added), Call-ID, Event.
            Deliver("NOTIFY " + parts[0] + " SIP/2.0\r\nVia: SIP/2.0/UDP " + Registrar + ":5060;branch=" + branch + "\r\nMax-Forwards: 70\r\n" +
                    "From: " + (parts[2].IndexOf(";tag=") >= 0 ? parts[2] : parts[2] + ";tag=srv") + "\r\nTo: " + parts[1] + "\r\nCall-ID: " + parts[3] +
                    "\r\nCSeq: " + (100 + s_branch).ToString() + " NOTIFY\r\nEvent: " + parts[4] +
                    "\r\nSubscription-State: active;expires=3600\r\nContent-Type: application/dialog-info+xml\r\nContent-Length: " +
                    System.Text.Encoding.UTF8.GetBytes(body).Length.ToString() + "\r\n\r\n" + body);
            parts = null;
            body = null;
            Run(TurnMs);
            return AnswerTo(branch);
        }

        /// <summary>Raises <paramref name="count"/> statuses not yet active, ids below <paramref name="limit"/>, a loop turn each.</summary>
        private static void RaiseStatuses(int count, int limit)
        {
            int raised = 0;
            for (int id = 0; raised < count && id < limit; id++)
            {
                if (s_app.Core.Statuses.IsActive(id))
                {
                    continue;
                }
                bool taken;
                lock (s_app.Gate)
                {
                    taken = s_app.Core.Statuses.Raise(id, "p" + id.ToString(), "boot", s_now);
                }
                // While the heap is low a status keeps no parameter, or is not raised when the phone's slots are full
                // (StatusScheduler.Lean): the phone's answer, counted.
                bool lean = s_app.Core.Statuses.Lean != null;
                Check(taken || (lean && !s_app.Core.Statuses.IsActive(id)), "status " + id.ToString() + " not raised");
                if (!taken || s_app.Core.Statuses.ParamOf(id) == null)
                {
                    Check(lean, "status " + id.ToString() + " raised without its parameter");
                    Low(LowStatuses, 1);
                }
                raised++;
                Run(TurnMs);
            }
            Check(raised == count, "only " + raised.ToString() + " of " + count.ToString() + " statuses raised");
        }

        /// <summary>The SIP trace's clock: the loop's (a method, not a lambda, whose cached delegate is a static field).</summary>
        private static long TraceClock() => s_now;

        private static DateTime WallNow()
        {
            // Boot at 2026-12-03 09:00, made at each call (a struct: nothing on the heap) rather than kept in a static field.
            return new DateTime(2026, 12, 3, 9, 0, 0).AddMilliseconds(s_now + s_wallShiftMs);
        }

        private static void Set(SettingsStore s, string name, int idx, string value)
        {
            string error = s.Set(name, idx, value);
            Check(error == null, name + "[" + idx.ToString() + "] = " + value + ": " + error);
        }

        // ---- the loop, in virtual time ----

        private static void Run(long ms)
        {
            long end = s_now + ms;
            int waiting = 0;
            do
            {
                s_now += TurnMs;
                // What the script sent reaches the inbox at the loop's receive, as on the board. The loop takes a packet
                // every turn, so a message that still finds no packet after 2 s of loop found no heap for one: reported as
                // the phone running out of memory. The loop runs on until every message sent is in.
                if (s_wire.Receive() == 0)
                {
                    waiting = 0;
                }
                else if (++waiting > 200)
                {
                    throw new OutOfMemoryException("no heap for the inbox's packet");
                }
                s_app.Poll(s_now);
                if (s_events != null)
                {
                    // The bench event stream's pump, sending each frame to its client.
                    while (s_events.Take() != null)
                    {
                    }
                }
            }
            while (s_now < end || s_wire.Queued > 0);
        }

        /// <summary>
        /// Answers what the phone asked of the server on its own (mailbox and reg subscriptions, its presence PUBLISH, as a
        /// PBX would, so no transaction stays in flight in the figures) and forgets the rest.
        /// </summary>
        private static void Settle()
        {
            // The phone lets its SUBSCRIBEs and PUBLISH out one at a time, each once the one before has its answer, so
            // they are answered as they come until none came for longer than a retransmission's first interval (500 ms:
            // one the script cleared off the wire is sent again within it).
            for (int quiet = 0; quiet < 60; quiet++)
            {
                if (AnswerOwn())
                {
                    quiet = 0;
                }
                Run(TurnMs);
            }
            s_wire.Clear();
        }

        /// <summary>
        /// Answers 200 each REGISTER, each SUBSCRIBE but a BLF key's (Event: dialog, <see cref="SubscribeAndNotify"/>'s) and each
        /// PUBLISH waiting on the wire, taking them off it; true when there was one.
        /// </summary>
        private static bool AnswerOwn()
        {
            bool any = false;
            for (int i = 0; i < s_wire.Pending; i++)
            {
                string m = s_wire.Peek(i);
                bool publish = IsRequest(m, "PUBLISH", null, null);
                // A REGISTER too: an identity the heap reserve took on after the registration step registers then.
                if (publish || IsRequest(m, "REGISTER", null, null) || (IsRequest(m, "SUBSCRIBE", null, null) && Header(m, "Event") != "dialog"))
                {
                    s_wire.RemoveAt(i--);
                    Answer(m, 200, publish ? PublishGrant : "Expires: 3600\r\n");
                    any = true;
                }
            }
            return any;
        }

        /// <summary>
        /// Sends a message to the phone: it waits in the wire's queue (the socket) until the loop's next turn puts it in
        /// the inbox (<see cref="Run"/>), which makes its packets as they are needed.
        /// </summary>
        private static void Deliver(string message)
        {
            s_wire.Queue(System.Text.Encoding.UTF8.GetBytes(message), Registrar);
        }

        // ---- the scripted registrar ----

        /// <summary>
        /// A request from the registrar to the phone, with <paramref name="extra"/> header lines (each ending in CRLF, or
        /// "") before Content-Type; returns the status the phone answered on the wire. One method, no overload calling it:
        /// the script's frames sit under the phone's turn, and at the board's heap the boot's MESSAGE steps have a few
        /// hundred bytes to spare (docs/benchmarks.md, h-msgfit).
        /// </summary>
        private static int Request(string method, string uri, string contentType, string body, string extra)
        {
            string branch = "z9hG4bKboot" + (++s_branch).ToString();
            int bodyBytes = System.Text.Encoding.UTF8.GetBytes(body).Length;
            Deliver(method + " " + uri + " SIP/2.0\r\nVia: SIP/2.0/UDP " + Registrar + ":5060;branch=" + branch +
                    "\r\nMax-Forwards: 70\r\nFrom: <sip:admin@" + Registrar + ">;tag=b" + s_branch.ToString() + "\r\nTo: <" + uri +
                    ">\r\nCall-ID: boot-" + s_branch.ToString() + "@" + Registrar + "\r\nCSeq: 1 " + method + "\r\n" + extra + "Content-Type: " + contentType +
                    "\r\nContent-Length: " + bodyBytes.ToString() + "\r\n\r\n" + body);
            Run(TurnMs);
            return AnswerTo(branch);
        }

        /// <summary>
        /// What a NOTIFY needs of the dialog of a SUBSCRIBE the phone sent, in a short string (made again from numbers for
        /// the MESSAGE stream, <see cref="KeyDialog"/>): request URI, From, To, Call-ID and Event, one a line.
        /// </summary>
        private static string DialogOf(string subscribe)
        {
            string contact = Header(subscribe, "Contact");
            return contact.Substring(1, contact.IndexOf('>') - 1) + "\n" + Header(subscribe, "From") + "\n" + Header(subscribe, "To") + "\n" +
                   Header(subscribe, "Call-ID") + "\n" + Header(subscribe, "Event");
        }

        /// <summary>Answers a request the phone sent (Via, From, To, Call-ID and CSeq echoed; REGISTER's Contact granted for an hour).</summary>
        private static void Answer(string request, int status, string extra)
        {
            string to = Header(request, "To");
            if (request.IndexOf("REGISTER ") == 0)
            {
                extra += "Contact: " + Header(request, "Contact") + ";expires=3600\r\n";
            }
            Deliver("SIP/2.0 " + status.ToString() + " X\r\nVia: " + Header(request, "Via") + "\r\nFrom: " + Header(request, "From") +
                    "\r\nTo: " + to + (to.IndexOf(";tag=") >= 0 ? "" : ";tag=srv") + "\r\nCall-ID: " + Header(request, "Call-ID") +
                    "\r\nCSeq: " + Header(request, "CSeq") + "\r\n" + extra + "Content-Length: 0\r\n\r\n");
        }

        /// <summary>Takes the phone's PUBLISHes off the wire (every copy) and answers each transaction once, 200 with a SIP-ETag.</summary>
        private static void AnswerPublishes()
        {
            string done = "";
            string m;
            while ((m = Take("PUBLISH", null)) != null)
            {
                string branch = Branch(m);
                if (done.IndexOf("|" + branch + "|") < 0)
                {
                    done += "|" + branch + "|";
                    Answer(m, 200, PublishGrant);
                }
            }
        }

        /// <summary>Answers every transaction (by Via branch) of a method (and Event package) sent and not taken; returns how many.</summary>
        private static int AnswerAll(string method, string eventPackage, int status)
        {
            int count = AnswerPending(method, eventPackage, status);
            // What was answered is dropped before the phone takes the answers (the script's copies are not the phone's
            // heap), and what the phone sends meanwhile after.
            s_wire.Clear();
            Run(TurnMs);
            s_wire.Clear();
            return count;
        }

        /// <summary>As <see cref="AnswerAll"/>, leaving the wire as it is (other methods still to answer).</summary>
        private static int AnswerPending(string method, string eventPackage, int status)
        {
            int count = 0;
            string done = "";
            for (int i = 0; i < s_wire.Pending; i++)
            {
                string m = s_wire.Peek(i);
                if (!IsRequest(m, method, eventPackage, null))
                {
                    continue;
                }
                string branch = Branch(m);
                if (done.IndexOf("|" + branch + "|") >= 0)
                {
                    continue;
                }
                done += "|" + branch + "|";
                Answer(m, status, method == "SUBSCRIBE" ? "Expires: 3600\r\n" :
                                  method == "PUBLISH" ? PublishGrant : "");
                count++;
            }
            return count;
        }

        private static string BlfTarget(int key)
        {
            return "sip:2" + (key < 10 ? "0" : "") + key.ToString() + "@" + Registrar;
        }

        /// <summary>The BLF key (1..<paramref name="keys"/>) a SUBSCRIBE is for (its Request-URI), 0 for none.</summary>
        private static int KeyOf(string subscribe, int keys)
        {
            for (int key = 1; key <= keys; key++)
            {
                if (subscribe.IndexOf("SUBSCRIBE " + BlfTarget(key) + " ") == 0)
                {
                    return key;
                }
            }
            return 0;
        }

        /// <summary>Takes the first request of a method and Event package sent and not yet taken (its start line and headers); null for none.</summary>
        private static string Take(string method, string eventPackage)
        {
            for (int i = 0; i < s_wire.Pending; i++)
            {
                if (!s_wire.Starts(i, method))
                {
                    continue;
                }
                string m = s_wire.Peek(i);
                if (IsRequest(m, method, eventPackage, null))
                {
                    s_wire.RemoveAt(i);
                    return m;
                }
            }
            return null;
        }

        /// <summary>
        /// The status of the phone's answer to the request with this branch, read from the bytes sent; -1 for none,
        /// <see cref="Unparsed503"/> for the 503 it writes from a request it has no heap to take in (its To tag "lowmem").
        /// </summary>
        private static int AnswerTo(string branch)
        {
            // Read in the sent bytes, no string made of them: the script's copy is not the phone's heap.
            for (int i = 0; i < s_wire.Pending; i++)
            {
                if (s_wire.Starts(i, "SIP/2.0 ") && s_wire.Holds(i, branch))
                {
                    int status = s_wire.StatusOf(i);
                    bool unparsed = status == 503 && s_wire.Holds(i, ";tag=lowmem\r\n");
                    s_wire.RemoveAt(i);
                    return unparsed ? Unparsed503 : status;
                }
            }
            return -1;
        }

        /// <summary>What <see cref="AnswerTo"/> returns for a request refused for want of heap (SipInbox.Admit), unparsed.</summary>
        private const int Unparsed503 = RecordingTransport.Unparsed503;

        private static bool IsRequest(string m, string method, string eventPackage, string target)
        {
            if (m.IndexOf(method + " ") != 0)
            {
                return false;
            }
            if (target != null && m.IndexOf(method + " " + target + " ") != 0)
            {
                return false;
            }
            return eventPackage == null || Header(m, "Event") == eventPackage;
        }

        private static string Branch(string m)
        {
            string via = Header(m, "Via");
            int at = via == null ? -1 : via.IndexOf("branch=");
            if (at < 0)
            {
                return "";
            }
            int end = via.IndexOf(';', at);
            return end < 0 ? via.Substring(at + 7) : via.Substring(at + 7, end - at - 7);
        }

        private static string Header(string message, string name)
        {
            int at = message.IndexOf("\r\n" + name + ": ");
            if (at < 0)
            {
                return null;
            }
            int start = at + 4 + name.Length;
            int end = message.IndexOf("\r\n", start);
            return message.Substring(start, end - start);
        }

        // ---- checks and heap ----

        private static void Check(bool ok, string what)
        {
            if (!ok)
            {
                Console.WriteLine("boot FAIL at t=" + s_now.ToString() + "ms: " + what);
                throw new InvalidOperationException(what);
            }
        }

        /// <summary>What the script itself holds of the heap at a step: the phone's messages it recorded and not yet took.</summary>
        private static int ScriptHeld() => s_wire == null ? 0 : s_wire.HeldBytes;

        private static void Heap(string step)
        {
            s_step = step;
            uint free = nanoFramework.Runtime.Native.GC.Run(false);
            Console.WriteLine("boot step=" + step + " free=" + free.ToString() + " script=" + ScriptHeld().ToString() + " t=" + s_now.ToString() + "ms");
        }
    }
}
