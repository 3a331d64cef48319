using System;
using System.Net;
using DeskPhone.Drivers;
using DeskPhone.Drivers.Boards;
using DeskPhone.Board.Drivers;
using DeskPhone.Drivers.Display;
using DeskPhone.Firmware.App;
using DeskPhone.Drivers.Expansion;
using DeskPhone.Drivers.Network;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;
using DeskPhone.Domain.Provisioning;
using DeskPhone.Domain.Settings;
using DeskPhone.Board.Settings;
using DeskPhone.Board.Updates;
using DeskPhone.Domain.Time;
using DeskPhone.Media.Rtp;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;
using DeskPhone.Board.Display;
using DeskPhone.Board.Web;
using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Rendering;
using System.Device.Gpio;

namespace DeskPhone.Board
{
    /// <summary>
    /// Device entry point: the board profile's drivers, the settings from flash, the panel and the SIP sockets on
    /// network_id_port, the phone built by <see cref="PhoneApp"/> (as in the simulator, the tests and the boot test),
    /// the bench on port 80, then one loop turn (<see cref="PhoneApp.Poll"/>) every 5 ms.
    /// </summary>
    public static class Program
    {
        private const int LoopMs = 5;
        private const int BenchPort = 80;

        public static void Main()
        {
            var clock = new SystemClock();
            PhoneApp app = Start(clock, out UdpTransport udp);
            while (true)
            {
                try
                {
                    app.Poll(clock.NowMs);
                }
                catch (Exception ex)
                {
                    // A phone must not go dark over one bad packet: report and keep running.
                    Console.WriteLine("phone loop fault: " + ex.Message);
                }
                udp.ReceiveFor(LoopMs);
            }
        }

        /// <summary>
        /// Builds the phone and starts its sockets and the bench, in a frame of its own: the interpreter keeps every
        /// local of a running method's frame reachable, so what only the start needs (the board profile, about 980 B;
        /// the settings' load report) is let go once the loop in <see cref="Main"/> runs.
        /// </summary>
        private static PhoneApp Start(SystemClock clock, out UdpTransport udp)
        {
            // The board this image is built for (docs/board-profile.md), chosen with the image so that a flashed image
            // never drives another board's pins: msbuild -p:BoardProfile=olimex-poe (tools/flash/flash.sh --board
            // olimex-poe) the Olimex ESP32-POE; else the reference M5Stack Core, with its I2S amplifier and microphone
            // (m5core-audio) in the call audio variant (-p:CallAudio=true, flash.sh --audio).
#if BOARD_OLIMEX_POE
            BoardProfile board = BoardProfiles.OlimexEsp32Poe();
#elif CALL_AUDIO
            BoardProfile board = BoardProfiles.M5StackCoreAudio();
#else
            BoardProfile board = BoardProfiles.M5StackCore();
#endif
            Console.WriteLine("board: " + board.Name);
#if WIFI
            // The Wi-Fi variant: Wi-Fi while the cable is out (wifi_ssid); nothing native is touched until the first
            // attempt. The Ethernet monitor must know when the station is up.
            var wifi = new WifiStation();
            PhoneDrivers drivers = DeviceDrivers.Create(board, clock, ExpansionProtocol.Version(1, 2), wifi);
#else
            // The LAN-only image (the default build, docs/board-profile.md "Wi-Fi"): a wifi_ssid is reported, never
            // joined (NoWifiLink, through the link policy), and the Ethernet monitor has no station to mind.
            var wifi = new NoWifiLink();
            PhoneDrivers drivers = DeviceDrivers.Create(board, clock, ExpansionProtocol.Version(1, 2), null);
#endif

            var settings = new SettingsStore(new FileSettingsMedium("I:\\"), new Random());
            SettingsLoadReport loaded = settings.Load();
            Console.WriteLine("settings: " + loaded.Source);
            ApplyNetworkSettings(settings);
#if !WIFI
            // Said at start too: the link policy only reports it while the cable is out.
            if (settings.Get(SettingNames.WifiSsid).Length != 0)
            {
                Console.WriteLine("wifi: wifi_ssid is set, not joined: " + NoWifiLink.Reason);
            }
#endif

            // The RTC keeps UTC; the phone's zone (named, with daylight saving, or the offset) applies once the phone exists.
            NetworkTime zone = null;
            WallClock wallClock = () => zone == null ? DateTime.UtcNow : zone.ToLocal(DateTime.UtcNow);
            DisplayProfile profile = DisplayProfile.Color320x240;
            IPanel panel = StartPanel(board, profile, clock);
            var inbox = new SipInbox(DeviceSizing.InboxSlots, DeviceSizing.InboxPacketBytes);
            udp = new UdpTransport(inbox);
            var tcp = new TcpTransport(inbox, DeviceSizing.TcpConnections);
            var trace = new SipTrace(DeviceSizing.TraceSlots, DeviceSizing.TraceSlotBytes, DeviceSizing.TraceRingBytes) { Clock = () => clock.NowMs };
            inbox.Trace = trace;
            udp.Trace = trace;
            tcp.Trace = trace;
            // The sockets are bound to 0.0.0.0, so the address in Via and Contact follows the Ethernet link (null).
            // The board's RTC until ntp_server is set; then the phone's own SNTP client (docs/time.md).
            // Calls' media on sockets bound to 0.0.0.0; in the call audio variant (CALL_AUDIO) the I2S amplifier and
            // microphone of the profile (m5core-audio) play and record the calls; without them silence is sent and
            // nothing is played (docs/board-profile.md, "Call audio").
            var app = new PhoneApp(new PhoneParts(settings, inbox, udp)
            {
                // Identities with ;transport=tcp in user_outbound register and call over connections the phone opens.
                Tcp = tcp,
                Drivers = drivers,
                Panel = panel,
                Profile = profile,
                WallClock = wallClock,
                StartMs = clock.NowMs,
                Ntp = new UdpNtpChannel(),
                Rtp = NewRtpChannel,
#if CALL_AUDIO
                Audio = HasCallAudio(board) ? new I2sCallAudio(board) : null,
#endif
                // Multicast paging (mc_address) joined on the board's one interface.
                Multicast = NewMulticastChannel,
                // Provisioning over HTTP or HTTPS (mbedTLS, the CA of custom_certificates) from setting_server (docs/provisioning.md).
                Http = new SchemeChannel(new TcpHttpChannel(), new DeskPhone.Board.Net.TlsHttpChannel(settings)),
                // Updates are staged and verified on flash; no loader can start them on this platform yet (docs/updates.md).
                UpdateHttp = new SchemeChannel(new TcpHttpChannel(), new DeskPhone.Board.Net.TlsHttpChannel(settings)),
                UpdateMedium = new FileUpdateMedium("I:\\"),
                Memory = new GcFreeMemory(),
                // Wi-Fi while the cable is out (wifi_ssid): the station, or on the LAN-only image the report that there is none.
                Wifi = wifi,
                // A registrar or outbound proxy given as a name without a port is located by SRV with the interface's DNS
                // servers (followed as the lease changes: NetworkMonitor).
                DnsServers = NetworkMonitor.DnsServers(),
            });
            NetworkMonitor.FirstHops = app.Binding.FirstHops;
            zone = app.Time;
#if CALL_AUDIO
            // The call audio variant built for a board without an I2S amplifier or microphone (-p:CallAudio=true with
            // -p:BoardProfile=olimex-poe, which the flashing helper refuses): said in the boot log and the phone's log
            // (/api/log), as a wifi_ssid on the LAN-only image, never silent without a word.
            if (!HasCallAudio(board))
            {
                Console.WriteLine("audio: " + NoCallAudio);
                app.Log.Add(NoCallAudio);
            }
#endif

            int port = settings.GetInt(SettingNames.NetworkIdPort);
            udp.Start("0.0.0.0", port);
            tcp.Start("0.0.0.0", port);

            // The bench's router and event stream are built by its first request (BoardBench): most phones never get one.
            new BenchHttpServer(new BoardBench(app)).Start(IPAddress.Any, BenchPort);
            Console.WriteLine("DeskPhone running: SIP port " + port.ToString() + ", web interface and bench on port " + BenchPort.ToString());
            return app;
        }

#if CALL_AUDIO
        /// <summary>What the call audio variant says on a board whose profile names no I2S amplifier or microphone.</summary>
        private const string NoCallAudio = "Call audio: this board has no I2S amplifier or microphone, calls are silent";

        /// <summary>Whether the profile names an I2S amplifier or microphone (m5core-audio).</summary>
        private static bool HasCallAudio(BoardProfile board) => board.AmpData >= 0 || board.MicData >= 0;
#endif

        // Named methods, not lambdas: a lambda without captures makes the compiler add a class with a static instance
        // and a static slot per lambda, runtime tables the board's heap keeps from boot (docs/benchmarks.md, h-tables).
        private static IRtpChannel NewRtpChannel() => new UdpRtpChannel(null);

        private static IMulticastChannel NewMulticastChannel() => new UdpMulticastChannel(null);

        /// <summary>
        /// The Ethernet addressing of the settings (dhcp, ip_adr, netmask, gateway, dns_server1/2), which take effect at
        /// start-up (they need a reboot): DHCP, or the static address. Unusable static values are reported and the
        /// interface keeps what it had, so a typo does not leave the phone unreachable.
        /// </summary>
        private static void ApplyNetworkSettings(SettingsStore settings)
        {
            NetworkSettings network = NetworkSettingsReader.Read(settings, out string error);
            if (network == null)
            {
                Console.WriteLine("network: static settings unusable (" + error + "), interface left as it was");
                return;
            }
            string failed = NetworkMonitor.Apply(network);
            Console.WriteLine(failed == null ? "network: " + (network.Dhcp ? "DHCP" : "static " + network.Address) : "network: " + failed);
        }

        /// <summary>
        /// The panel, drawn by the same IdleScreen as the simulator's (the feeder redraws and flushes only the regions
        /// that changed). A plain ESP32 has no room for a 153,600-byte full-screen buffer, so the screen is drawn in
        /// bands (BandedPanel) of <see cref="DeviceSizing.PanelBandRows"/> rows: a managed array of RGB565 rows drawn by block copies
        /// (Rgb565BandTarget, glyphs from the font resources: DeviceFonts) and sent to the ILI9342C over SPI by our
        /// own driver (Ili9342Panel), without nanoFramework.Graphics. The backlight pin stays with the drivers' PWM
        /// dimmer. Null, and the phone runs headless, when the board has no panel this image drives. The idle screen
        /// and its feeder on top are built by <see cref="PhoneApp"/>, as in the simulator and the boot test.
        /// </summary>
        private static IPanel StartPanel(BoardProfile board, DisplayProfile profile, SystemClock clock)
        {
            if (board.Panel != PanelModel.Ili9342 || board.LcdChipSelect < 0)
            {
                Console.WriteLine("display: none on this board, running headless");
                return null;
            }
            var gpio = new GpioController();
            var panel = new Ili9342Panel(
                new SpiPanelBus(board.SpiBus, board.LcdChipSelect, board.LcdSpiHz),
                new GpioOutput(gpio, board.LcdDataCommand, true),
                board.LcdReset >= 0 ? new GpioOutput(gpio, board.LcdReset, true) : null,
                clock);
            panel.Initialize(board.PanelRotation, board.PanelInverted);
            // A colour profile draws only with the 8x16 font: the 6x12 one is not even opened.
            GlyphRows large = DeviceFonts.Large;
            var band = new Rgb565BandTarget(profile.Width, DeviceSizing.PanelBandRows, profile.IsColor, large, profile.IsColor ? large : DeviceFonts.Small, panel.WriteRect);
            return new BandedPanel(band, profile.Height, IdleScreen.MostCallsPerFlush(profile));
        }
    }
}
