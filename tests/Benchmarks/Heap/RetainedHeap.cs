using System;
using System.IO;
using System.Linq;
using System.Reflection;
using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.App;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;
using DeskPhone.Host.Sim;
using DeskPhone.Host.Simulated;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;
using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Benchmarks.Heap
{
    /// <summary>
    /// `Benchmarks --retained-heap`: the firmware built by PhoneApp as board/Program.cs builds it (settings,
    /// drivers, phone core, SIP stack, renderer on a BandedPanel, bench), run for a minute of virtual time, and its retained size in
    /// nanoFramework's heap by <see cref="NanoHeapModel"/>, group by group (docs/benchmarks.md, "Retained heap").
    /// </summary>
    internal static class RetainedHeap
    {
        private const long TargetBytes = 48 * 1024;

        /// <summary>
        /// The board's band bitmap is native nanoFramework.Graphics memory, outside the managed heap; the BandedPanel
        /// in front of it, with its display list, is counted as on the board.
        /// </summary>
        private sealed class NativeBand : IBandTarget
        {
            public NativeBand(DisplayProfile p)
            {
                Width = p.Width;
                BandHeight = p.StatusHeight;
                IsColor = p.IsColor;
            }

            public int Width { get; }
            public int BandHeight { get; }
            public bool IsColor { get; }
            public void FillRect(int x, int y, int width, int height, int color) { }
            public void DrawText(string text, int x, int y, int color, BitmapFont font, int maxWidth) { }
            public void DrawIcon(int icon, int x, int y) { }
            public void FlushBand(int x, int screenY, int width, int height) { }
        }

        public static int Run(TextWriter output)
        {
            Assembly[] portable =
            {
                typeof(SipInbox).Assembly, typeof(KeyCode).Assembly, typeof(IdleScreen).Assembly, typeof(PhoneCore).Assembly,
            };
            var model = new NanoHeapModel(portable);

            var statics = model.StaticRoots().ToList();
            var staticSizes = statics.Select(s => (s.Field, Bytes: model.Measure(s.Value), s.Assembly)).OrderByDescending(s => s.Bytes).ToList();

            var settings = SimulatedPhone.DefaultSettings(null, "486", "127.0.0.1");
            var hardware = new SimulatedPhoneHardware();
            hardware.SetLink(true, 0);
            var inbox = new SipInbox(DeviceSizing.InboxSlots, DeviceSizing.InboxPacketBytes);
            var udp = new UdpTransport(inbox);
            WallClock clock = () => new DateTime(2026, 12, 1, 10, 0, 0);
            DisplayProfile profile = DisplayProfile.Color320x240;
            var panel = new BandedPanel(new NativeBand(profile), profile.Height, IdleScreen.MostCallsPerFlush(profile));
            var app = new PhoneApp(new PhoneParts(settings, inbox, udp) { Drivers = hardware.Drivers, Panel = panel, Profile = profile, WallClock = clock });
            PhoneCore phone = app.Core;
            SipUserAgent agent = app.Agent;
            SipSubscriptions subscriptions = app.Subscriptions;
            SipBinding binding = app.Binding;
            PresencePublisher publisher = app.Publisher;
            ScreenFeeder feeder = app.Screen;
            var router = new BenchRouter(phone, app.Text, (code, action) => phone.OnKey(code, action, 0), null, binding);
            for (long now = 0; now <= 60000; now += 5)
            {
                app.Poll(now);
            }

            // The SIP groups stop at the phone core (the binding and publisher hold it) and the phone core, which follows
            // its handlers into its own parts, stops at the SIP objects that subscribed to it.
            var groups = new (string Name, object[] Roots, bool FollowDelegates, object[] Boundaries)[]
            {
                ("SIP: inbox (" + DeviceSizing.InboxSlots + " x " + DeviceSizing.InboxPacketBytes.ToString("N0") + " B)", new object[] { inbox }, true, new object[0]),
                ("drivers (portable part)", new object[] { hardware.Drivers }, false, new object[0]),
                ("settings store", new object[] { settings }, false, new object[0]),
                ("SIP: user agent, transport", new object[] { agent, udp }, false, new object[] { phone, subscriptions, binding, publisher }),
                ("SIP side of the firmware: subscriptions, binding, publisher", new object[] { subscriptions, binding, publisher }, false, new object[] { phone }),
                ("phone core", new object[] { phone }, true, new object[0]),
                ("renderer (idle screen, feeder)", new object[] { feeder }, true, new object[0]),
                ("bench router", new object[] { router }, true, new object[0]),
            };
            long staticTotal = staticSizes.Sum(s => s.Bytes);
            long total = staticTotal;
            output.WriteLine("Retained managed heap on nanoFramework (model: 12-byte heap blocks), after 60 s of virtual time:");
            output.WriteLine("{0,-56} {1,9}", "static fields (all run at boot)", staticTotal.ToString("N0"));
            foreach (var a in staticSizes.GroupBy(s => s.Assembly).Select(g => (Name: g.Key, Bytes: g.Sum(s => s.Bytes))).OrderByDescending(a => a.Bytes))
            {
                output.WriteLine("  {0,-54} {1,9}", "of which " + a.Name, a.Bytes.ToString("N0"));
            }
            foreach (var s in staticSizes.Take(Environment.GetEnvironmentVariable("HEAP_PATHS") == null ? 16 : 200).Where(s => s.Bytes >= (Environment.GetEnvironmentVariable("HEAP_PATHS") == null ? 120 : 48)))
            {
                output.WriteLine("    {0,-52} {1,9}", s.Field, s.Bytes.ToString("N0"));
            }
            foreach (var g in groups)
            {
                var before = new System.Collections.Generic.Dictionary<string, long>(model.ByType);
                model.ByPath.Clear();
                long bytes = g.Roots.Sum(r => model.Measure(r, g.FollowDelegates, g.Boundaries));
                total += bytes;
                output.WriteLine("{0,-56} {1,9}", g.Name, bytes.ToString("N0"));
                foreach (var t in model.ByType.Select(t => (t.Key, Bytes: t.Value - (before.TryGetValue(t.Key, out long b) ? b : 0))).OrderByDescending(t => t.Bytes).Take(6).Where(t => t.Bytes > 0))
                {
                    output.WriteLine("        {0,-48} {1,9}", t.Key, t.Bytes.ToString("N0"));
                }
                foreach (var p in model.ByPath.OrderByDescending(p => p.Value).Take(Environment.GetEnvironmentVariable("HEAP_PATHS") == null ? 10 : 80).Where(p => p.Value >= (Environment.GetEnvironmentVariable("HEAP_PATHS") == null ? 240 : 100)))
                {
                    output.WriteLine("        {0,-48} {1,9}", p.Key, p.Value.ToString("N0"));
                }
            }
            output.WriteLine("{0,-56} {1,9}  (target {2:N0})", "total", total.ToString("N0"), TargetBytes);
            output.WriteLine("largest types:");
            foreach (var t in model.ByType.OrderByDescending(t => t.Value).Take(12))
            {
                output.WriteLine("    {0,-52} {1,9}", t.Key, t.Value.ToString("N0"));
            }
            return total <= TargetBytes ? 0 : 1;
        }
    }
}
