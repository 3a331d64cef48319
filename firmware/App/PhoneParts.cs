using DeskPhone.Drivers;
using DeskPhone.Domain.Provisioning;
using DeskPhone.Firmware.Updates;
using DeskPhone.Domain.Time;
using DeskPhone.Firmware.Phone;
using DeskPhone.Firmware.Voice;
using DeskPhone.Media.Audio;
using DeskPhone.Domain.Settings;
using DeskPhone.Sip.Transport;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Firmware.App
{
    /// <summary>
    /// What a host hands to the composition root (<see cref="PhoneApp"/>): the three parts every phone needs, in the
    /// constructor, and the optional ones, set by name, each meaning "none" while null (or 0). The board, the simulator,
    /// the tests, the benchmarks and the interpreter scenarios fill one of these; only PhoneApp reads it.
    /// Fields, not properties: the board's image pays for every accessor, and only the constructor of PhoneApp reads
    /// them.
    /// </summary>
    public sealed class PhoneParts
    {
        /// <param name="settings">The settings store, loaded (its medium is the caller's: flash, a folder, memory).</param>
        /// <param name="inbox">
        /// Where the transports deliver SIP packets; the caller creates it (with explicit sizes: DeviceSizing on the
        /// board) before the transports, which need it.
        /// </param>
        /// <param name="transport">The transport the phone's own requests go out on (UDP socket, or a fake channel; null: none).</param>
        public PhoneParts(SettingsStore settings, SipInbox inbox, ISipTransport transport)
        {
            Settings = settings;
            Inbox = inbox;
            Transport = transport;
        }

        public readonly SettingsStore Settings;
        public readonly SipInbox Inbox;
        public readonly ISipTransport Transport;

        /// <summary>
        /// The TCP transport: an identity whose outbound proxy (or registrar) says <c>;transport=tcp</c> sends its own
        /// requests over it, on a connection the phone opens (<see cref="OwnConnections"/>); null: every identity on UDP.
        /// </summary>
        public TcpTransport Tcp;

        /// <summary>The board's drivers; null runs without hardware (unit tests).</summary>
        public PhoneDrivers Drivers;

        /// <summary>
        /// The address put in Via and Contact; null follows the Ethernet link's address (the board, whose sockets are
        /// bound to 0.0.0.0).
        /// </summary>
        public string LocalHost;

        /// <summary>The panel the screen model is drawn on; null runs headless (the model is kept, not drawn).</summary>
        public IPanel Panel;

        /// <summary>The panel's display profile; null: the reference board's, for the model's layout.</summary>
        public DisplayProfile Profile;

        /// <summary>
        /// The caller's local date and time (board RTC, host clock) for the status line while no NTP server is set; a
        /// year before 2000 counts as never set (docs/time.md). Null: none.
        /// </summary>
        public WallClock WallClock;

        /// <summary>The monotonic clock at start (milliseconds); 0 by default.</summary>
        public long StartMs;

        /// <summary>The UDP channel for network time (SNTP with <c>ntp_server</c>); null: none (tests).</summary>
        public INtpChannel Ntp;

        /// <summary>
        /// Makes the UDP channels of the calls' media ports (RTP and RTCP); null: calls carry no audio (tests that only
        /// look at signalling, the interpreter's boot scenario).
        /// </summary>
        public RtpChannelFactory Rtp;

        /// <summary>The microphone and speaker per call; null with <see cref="Rtp"/> set: silence sent, nothing played.</summary>
        public ICallAudio Audio;

        /// <summary>Makes the UDP channels of multicast paging (<c>mc_address</c>, with <see cref="Rtp"/>); null: no paging.</summary>
        public MulticastChannelFactory Multicast;

        /// <summary>The TCP channel for provisioning over HTTP (<c>setting_server</c>); null: no provisioning (tests).</summary>
        public IHttpChannel Http;

        /// <summary>The heap's free bytes after a collection, for PhoneHasLowMemory (the board's GC); null: not watched.</summary>
        public IFreeMemory Memory;

        /// <summary>A second TCP channel, for update checks (<c>firmware_status</c>); null: no updates (docs/updates.md).</summary>
        public IHttpChannel UpdateHttp;

        /// <summary>The flash for the update slots and the boot record; null: no updates.</summary>
        public IUpdateMedium UpdateMedium;

        /// <summary>What starts a staged set (the simulator's stub); null: sets are staged and verified, not applied.</summary>
        public IUpdateLoader UpdateLoader;

        /// <summary>The board's Wi-Fi station, used while the cable is out (with <see cref="Drivers"/>; docs/settings.md "Wi-Fi"); null: none.</summary>
        public DeskPhone.Drivers.Network.IWifiLink Wifi;

        /// <summary>
        /// The DNS servers (host[:port]) an identity's first hop given as a name is located with by SRV (FirstHops): the
        /// board's interface's, the simulator's --dns; null: no SRV lookup (names resolve as before).
        /// </summary>
        public string[] DnsServers;

        /// <summary>Lines the phone's log keeps (<see cref="PhoneLog"/>); 0: <see cref="PhoneLog.BoardLines"/>, the board's.</summary>
        public int LogLines;
    }
}
