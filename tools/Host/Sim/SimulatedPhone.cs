using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.App;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;
using DeskPhone.Domain.Presence;
using DeskPhone.Board.Settings;
using DeskPhone.Board.Updates;
using DeskPhone.Domain.Provisioning;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Time;
using DeskPhone.Host.Audio;
using DeskPhone.Host.Panel;
using DeskPhone.Host.Simulated;
using DeskPhone.Ui.Rendering;
using DeskPhone.Media.Audio;
using DeskPhone.Media.Rtp;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Host.Sim
{
    /// <summary>
    /// The virtual phone: the real firmware, built by the same <see cref="PhoneApp"/> as the board's, on simulated
    /// hardware, its sockets and a software panel, run by one loop thread every 5 ms like the device's main loop.
    /// Everything else (bench, sockets) enters under <see cref="PhoneCore.Gate"/>.
    /// </summary>
    public sealed class SimulatedPhone : IBenchHardware, IDisposable
    {
        public const int LoopMs = 5;

        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Thread _loop;
        private volatile bool _running = true;
        private string _bind = "127.0.0.1";

        /// <param name="audio">The calls' microphone and speaker (null: silence sent, nothing played).</param>
        /// <param name="stateDirectory">The folder of the settings (--state): also the flash of the update slots; null: no updates.</param>
        /// <param name="dns">The DNS server (host[:port]) first hops given as names are located with by SRV (--dns); null: none.</param>
        public SimulatedPhone(SettingsStore settings, ICallAudio audio = null, string stateDirectory = null, string dns = null)
        {
            Settings = settings;
            Hardware = new SimulatedPhoneHardware();
            Hardware.SetLink(true, 0, _bind);
            // The address is known once Start binds (WifiAddressBeside); until then the access point cannot be joined.
            Wifi = new SimulatedWifi(null);
            Panel = new SoftwarePanel(DisplayProfile.Color320x240);
            // The one deliberate difference from the board: the inbox (see InboxSlots).
            Inbox = new SipInbox(InboxSlots, InboxPacketBytes);
            Udp = new UdpTransport(Inbox);
            WifiUdp = new UdpTransport(Inbox);
            Tcp = new TcpTransport(Inbox);
            Trace = new SipTrace(TraceSlots, InboxPacketBytes, TraceSlots * InboxPacketBytes) { Clock = () => Now };
            Inbox.Trace = Trace;
            Udp.Trace = Trace;
            Tcp.Trace = Trace;
            WifiUdp.Trace = Trace;
            // The media ports are bound on the SIP address once Start knows it (the channels are made at a call's start).
            App = new PhoneApp(new PhoneParts(settings, Inbox, Udp)
            {
                Tcp = Tcp,
                Drivers = Hardware.Drivers,
                LocalHost = "127.0.0.1",
                Panel = Panel,
                Profile = DisplayProfile.Color320x240,
                WallClock = () => DateTime.Now,
                Ntp = new UdpNtpChannel(),
                Rtp = () => new UdpRtpChannel(_bind),
                Multicast = () => new UdpMulticastChannel(_bind),
                Audio = audio,
                Http = new SchemeChannel(new TcpHttpChannel(), new DeskPhone.Host.Net.TlsHttpChannel(settings)),
                UpdateHttp = stateDirectory == null ? null : new SchemeChannel(new TcpHttpChannel(), new DeskPhone.Host.Net.TlsHttpChannel(settings)),
                UpdateMedium = stateDirectory == null ? null : new FileUpdateMedium(stateDirectory),
                UpdateLoader = new StubUpdateLoader(),
                LogLines = LogLines,
                Wifi = Wifi,
                DnsServers = dns == null ? null : new[] { dns },
            });
            App.Links.Changed += OnLinkChanged;
            Events = new EventHub();
            Core.Event += Events.Publish;
            Core.EventDetails = true;
            _loop = new Thread(Loop) { IsBackground = true, Name = "phone-loop" };
        }

        /// <summary>
        /// The simulator's inbox, larger than the board's (DeviceSizing: 2 x 3,072 B) on purpose: the host takes SIP
        /// messages up to 8 KB (docs/sip-message.md; the 413 for larger MESSAGE bodies in docs/idle-messages.md) and
        /// many TCP peers at once.
        /// </summary>
        public const int InboxSlots = 32;

        public const int InboxPacketBytes = 8192;

        /// <summary>The phone as the board builds it (firmware/App/PhoneApp.cs); the loop runs its turn.</summary>
        public PhoneApp App { get; }
        public SipInbox Inbox { get; }

        /// <summary>The simulator's SIP trace: the last 64 messages whole (the board keeps 4, cut at 512 B; DeviceSizing).</summary>
        public SipTrace Trace { get; }

        public const int TraceSlots = 64;

        /// <summary>Lines of the phone's log the simulator keeps (the board 16).</summary>
        public const int LogLines = 256;
        public SipSubscriptions Subscriptions => App.Subscriptions;
        public PresencePublisher Publisher => App.Publisher;

        /// <summary>The simulated 320x240 panel the real renderer draws on (bench: /api/screen.png).</summary>
        public SoftwarePanel Panel { get; }
        public ScreenFeeder Screen => App.Screen;
        public SipBinding Binding => App.Binding;
        public SipUserAgent Agent => App.Agent;
        public UdpTransport Udp { get; }
        public TcpTransport Tcp { get; }

        /// <summary>The simulated Wi-Fi station and access point (docs/simulator.md, "Links").</summary>
        public SimulatedWifi Wifi { get; }

        /// <summary>SIP on the Wi-Fi address (same port), open while the phone is on Wi-Fi; its requests go out there.</summary>
        public UdpTransport WifiUdp { get; }

        public SettingsStore Settings { get; }
        public SimulatedPhoneHardware Hardware { get; }
        public PhoneCore Core => App.Core;
        public EventHub Events { get; }

        /// <summary>Exceptions the loop caught and reported (the bench and tests can see that there were some).</summary>
        public int LoopFaults { get; private set; }

        /// <summary>Milliseconds since the phone started: the firmware's monotonic clock.</summary>
        public long Now => _clock.ElapsedMilliseconds;

        /// <summary>Keys from the bench and the bench page take this path; the renderer sees them first once attached.</summary>
        public KeyEventHandler KeyHandler { get; set; }

        /// <summary>
        /// The simulator's defaults: identity 1 with the given user, found by its user name (user_sipusername_as_line on)
        /// and open to any host (filter_registrar off), so that a MESSAGE to sip:USER@127.0.0.1 works at once.
        /// </summary>
        public static SettingsStore DefaultSettings(string stateDirectory, string identity, string registrar)
        {
            SettingsStore settings;
            if (stateDirectory != null)
            {
                Directory.CreateDirectory(stateDirectory);
                settings = new SettingsStore(new FileSettingsMedium(stateDirectory), new Random());
                settings.Load();
            }
            else
            {
                settings = new SettingsStore();
            }
            Apply(settings, SettingNames.UserActive, 1, "on");
            Apply(settings, SettingNames.UserName, 1, identity);
            Apply(settings, SettingNames.UserSipUserNameAsLine, 1, "on");
            Apply(settings, SettingNames.FilterRegistrar, 0, "off");
            if (registrar != null)
            {
                Apply(settings, SettingNames.UserHost, 1, registrar);
            }
            return settings;
        }

        private static void Apply(SettingsStore settings, string name, int idx, string value)
        {
            string error = settings.Set(name, idx, value);
            if (error != null)
            {
                throw new ArgumentException(error);
            }
        }

        /// <summary>Opens SIP on UDP and TCP (the same port; 0 picks one free for both) and starts the loop.</summary>
        public void Start(string bind, int sipPort)
        {
            for (int attempt = 1; ; attempt++)
            {
                Udp.Start(bind, sipPort);
                try
                {
                    Tcp.Start(bind, Udp.LocalPort);
                    break;
                }
                catch (System.Net.Sockets.SocketException) when (sipPort == 0 && attempt < 20)
                {
                    // The free UDP port's number is taken on TCP (by a client socket, say): pick another pair.
                    Udp.Stop();
                }
            }
            Agent.LocalHost = bind;
            // Bound to IPv6 (dual stack by default): names may resolve to AAAA records too.
            HostResolver.IPv6 = Udp.IsIPv6;
            _bind = bind;
            // The simulated cable's address is the one the phone listens on, so that the web interface's status page and
            // the technician menu name where it is reached (was a made-up 192.168.1.50).
            Hardware.Drivers.Ethernet.ReportAddress(bind);
            Wifi.HostAddress = WifiAddressBeside(bind);
            _loop.Start();
        }

        public void Key(int code, KeyAction action)
        {
            lock (Core.Gate)
            {
                KeyEventHandler handler = KeyHandler;
                if (handler != null)
                {
                    handler(code, action);
                }
                else
                {
                    Core.OnKey(code, action, Now);
                }
            }
        }

        public void SetEthernet(bool plugged) => Hardware.SetLink(plugged, Now, _bind);

        public bool SetWifi(string access)
        {
            lock (Core.Gate)
            {
                return Wifi.SetAccess(access);
            }
        }

        /// <summary>
        /// The Wi-Fi link's address: the next loopback address after an IPv4 bind (127.0.0.1 gives 127.0.0.2); null for
        /// an IPv6 bind (::1 has no neighbour), so that the simulator has no Wi-Fi there.
        /// </summary>
        public static string WifiAddressBeside(string bind)
        {
            string[] octets = bind.Split('.');
            if (octets.Length != 4 || octets[0] != "127" || !int.TryParse(octets[3], out int last))
            {
                return null;
            }
            return "127." + octets[1] + "." + octets[2] + "." + (last >= 254 ? 1 : last + 1);
        }

        /// <summary>In the loop turn (under the gate): the phone's own requests leave from the link in use.</summary>
        private void OnLinkChanged(string link)
        {
            if (link == LinkPolicy.Wifi)
            {
                WifiUdp.Stop();
                WifiUdp.Start(Wifi.Address, Udp.LocalPort);
                Agent.Udp = WifiUdp;
            }
            else
            {
                Agent.Udp = Udp;
                WifiUdp.Stop();
            }
        }

        public void SetHid(bool plugged)
        {
            if (plugged)
            {
                Hardware.Usb.AttachKeyboard();
                Hardware.Usb.AttachHeadset();
            }
            else
            {
                Hardware.Usb.Detach(0);
                Hardware.Usb.Detach(1);
            }
        }

        public bool SetModule(int module, bool plugged)
        {
            var chain = Hardware.Modules;
            if (plugged)
            {
                if (module == chain.Modules.Count + 1)
                {
                    chain.Plug();
                    return true;
                }
                return module <= chain.Modules.Count;
            }
            if (module > chain.Modules.Count)
            {
                return false;
            }
            chain.Unplug(module - 1);
            return true;
        }

        public void Dispose()
        {
            _running = false;
            if (_loop.IsAlive)
            {
                _loop.Join(1000);
            }
            Udp.Stop();
            Tcp.Stop();
            WifiUdp.Stop();
        }

        private void Loop()
        {
            while (_running)
            {
                try
                {
                    App.Poll(Now);
                }
                catch (Exception ex)
                {
                    // Like the device's loop, the phone keeps running; the fault is reported, not swallowed.
                    LoopFaults++;
                    Console.Error.WriteLine("deskphone-sim: phone loop fault: " + ex);
                }
                Udp.ReceiveFor(LoopMs);
                WifiUdp.ReceiveFor(0);
            }
        }
    }
}
