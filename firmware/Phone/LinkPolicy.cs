using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Drivers.Network;
using DeskPhone.Firmware.Voice;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// Which link the phone talks on (docs/settings.md "Wi-Fi", docs/status-messages.md WlanActive): Ethernet whenever
    /// the cable is in; while it is out (EthernetUnplugged) and <c>wifi_ssid</c> names a network, the board's Wi-Fi.
    /// Each switch puts the new address in Via and Contact and re-registers every identity through the same path as
    /// a network change (<see cref="PhoneCore.NetworkRestored"/>); a failed attempt (wrong key, no network) is
    /// shown as the parameter of EthernetUnplugged and in the log, and retried after 5 s, doubling up to 5 minutes.
    /// Nothing here runs while the cable is in, and the Wi-Fi link is never asked to connect without an SSID.
    /// </summary>
    // Its plain state (LastFailure, a report) is public fields, not properties: no accessor method in the runtime
    // tables, image and calls on the device (issue #17).
    public sealed class LinkPolicy
    {
        public const string Ethernet = "ethernet";
        public const string Wifi = "wifi";
        public const string None = "none";

        /// <summary>The wait after the first failed attempt; each further failure doubles it, up to <see cref="MaxRetryMs"/>.</summary>
        public const int FirstRetryMs = 5000;

        public const int MaxRetryMs = 300000;

        private readonly PhoneCore _phone;
        private readonly SipUserAgent _agent;
        public readonly IWifiLink WifiLink;
        private readonly EthernetLink _ethernet;
        private readonly bool _followsEthernet;
        private string _link;
        private string _ethernetHost;
        private string _ssid;
        private string _key;
        private bool _asked;
        private long _nextTryMs;
        private int _retryMs = FirstRetryMs;

        /// <param name="followsEthernet">The agent's address follows the Ethernet link's (the board); else it is fixed (the simulator's bind address) and restored as it was.</param>
        public LinkPolicy(PhoneCore phone, SipUserAgent agent, IWifiLink wifi, bool followsEthernet)
        {
            _phone = phone;
            _agent = agent;
            WifiLink = wifi;
            _ethernet = phone.Drivers.Ethernet;
            _followsEthernet = followsEthernet;
            _link = Ethernet;
            ReadSettings();
        }

        /// <summary>A setting changed (from the composition root's one handler, PhoneApp.OnSettingChanged).</summary>
        internal void OnSettingChanged(string name)
        {
            if (name == SettingNames.WifiSsid || name == SettingNames.WifiPassword)
            {
                ReadSettings();
            }
        }

        /// <summary>Raised (from <see cref="Poll"/>) with the link now in use: <see cref="Ethernet"/>, <see cref="Wifi"/> or <see cref="None"/>.</summary>
        // A field, not an event: its one handler is added as the phone is composed, on one thread; an event's add and
        // remove were two methods (h-firmslim).
        public TextHandler Changed;

        /// <summary>The link in use: ethernet (also while it has no address yet), wifi, or none (cable out, Wi-Fi not connected).</summary>
        public string Link => _link;

        /// <summary>The network named in <c>wifi_ssid</c> ("" : no Wi-Fi).</summary>
        public string Ssid => _ssid;

        /// <summary>Failed attempts since the cable was pulled (or the last success).</summary>
        public int Failures { get; private set; }

        /// <summary>Why the last attempt failed; null after a success or while the cable is in.</summary>
        public string LastFailure;

        /// <summary>When the next attempt starts (monotonic ms; 0: none waiting).</summary>
        public long NextTryMs => _asked ? 0 : _nextTryMs;

        /// <summary>One turn, after the drivers' (the Ethernet link's debounced state is this turn's).</summary>
        public void Poll(long nowMs)
        {
            if (!_ethernet.EthernetUnplugged || _ssid.Length == 0)
            {
                if (_asked || _link == Wifi)
                {
                    WifiLink.Disconnect();
                    _asked = false;
                }
                _retryMs = FirstRetryMs;
                _nextTryMs = 0;
                Failures = 0;
                LastFailure = null;
                Switch(_ethernet.EthernetUnplugged ? None : Ethernet, nowMs);
                return;
            }
            int state = WifiLink.State;
            if (state == WifiState.Connected && WifiLink.Address != null)
            {
                _asked = false;
                _retryMs = FirstRetryMs;
                Failures = 0;
                LastFailure = null;
                Switch(Wifi, nowMs);
                return;
            }
            if (_link == Wifi)
            {
                // The Wi-Fi network went away under the phone: nothing to talk on; join again at once.
                _asked = false;
                _nextTryMs = nowMs;
                Switch(None, nowMs);
            }
            else if (_link == Ethernet)
            {
                Switch(None, nowMs);
            }
            if (_asked && state == WifiState.Failed)
            {
                _asked = false;
                Failures++;
                LastFailure = WifiLink.Failure ?? "failed";
                _nextTryMs = nowMs + _retryMs;
                _retryMs = _retryMs >= MaxRetryMs / 2 ? MaxRetryMs : _retryMs * 2;
                Report("Wi-Fi: " + LastFailure, nowMs);
            }
            if (!_asked && nowMs >= _nextTryMs)
            {
                _asked = true;
                WifiLink.Connect(_ssid, _key);
                Report(LastFailure == null ? "Wi-Fi: connecting" : "Wi-Fi: " + LastFailure + ", connecting again", nowMs);
            }
        }

        private void ReadSettings()
        {
            _ssid = _phone.Settings.Get(SettingNames.WifiSsid);
            _key = _phone.Settings.Get(SettingNames.WifiPassword);
            // A new network or key is tried at once, not after the back-off of the old one.
            _nextTryMs = 0;
            _retryMs = FirstRetryMs;
            if (_asked || _link == Wifi)
            {
                WifiLink.Disconnect();
                _asked = false;
            }
        }

        private void Switch(string link, long nowMs)
        {
            string old = _link;
            if (link == old && (link != Wifi || _agent.LocalHost == WifiLink.Address))
            {
                return;
            }
            _link = link;
            if (link == Wifi)
            {
                if (old != Wifi)
                {
                    _ethernetHost = _agent.LocalHost;
                }
                _agent.LocalHost = WifiLink.Address;
                Report(null, nowMs);
            }
            else if (old == Wifi)
            {
                _agent.LocalHost = _followsEthernet && _ethernet.Address != null ? _ethernet.Address : _ethernetHost;
            }
            _phone.Statuses.Set(StatusId.WlanActive, link == Wifi, "wifi", nowMs);
            _phone.Raise(PhoneEventKind.Link, link);
            TextHandler changed = Changed;
            if (changed != null)
            {
                changed(link);
            }
            if (link == Wifi || (old == Wifi && link == Ethernet))
            {
                // A new address: every identity registers again from it (and the own subscriptions follow the registrations).
                _phone.SignalNetworkRestored();
            }
        }

        /// <summary>The Wi-Fi attempt as EthernetUnplugged's parameter, on the status line after its description.</summary>
        private void Report(string text, long nowMs)
        {
            if (_phone.Statuses.IsActive(StatusId.EthernetUnplugged) && _phone.Statuses.ParamOf(StatusId.EthernetUnplugged) != text)
            {
                _phone.Statuses.Raise(StatusId.EthernetUnplugged, text, "wifi", nowMs);
            }
            if (text != null)
            {
                _phone.Raise(PhoneEventKind.Link, text);
            }
        }
    }
}
