using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using DeskPhone.Drivers.Network;

namespace DeskPhone.Board.Drivers
{
    /// <summary>
    /// The ESP32's Wi-Fi station behind <see cref="IWifiLink"/> (docs/board-profile.md, "Wi-Fi"), through
    /// nanoFramework's <see cref="WifiAdapter"/>. Nothing native is touched before the first <see cref="Connect"/>
    /// (the link policy asks only while the cable is out and wifi_ssid is set): then the adapter is found and each
    /// attempt runs on a short-lived thread, because <see cref="WifiAdapter.Connect(string, WifiReconnectionKind, string)"/>
    /// blocks until the access point answers or the native gives up. Manual reconnection: the network is not saved to
    /// the flash configuration, so the board does not join it by itself at the next boot while the cable is in.
    /// </summary>
    public sealed class WifiStation : IWifiLink
    {
        /// <summary>How long an associated station may wait for its DHCP address before the attempt counts as failed.</summary>
        private const int AddressWaitMs = 15000;

        private readonly object _sync = new object();
        private WifiAdapter _adapter;
        private int _attempt;

        public int State { get; private set; }
        public string Address { get; private set; }
        public string Failure { get; private set; }

        public void Connect(string ssid, string key)
        {
            lock (_sync)
            {
                _attempt++;
                State = WifiState.Connecting;
                Address = null;
                Failure = null;
            }
            int attempt = _attempt;
            new Thread(() => Run(attempt, ssid, key)).Start();
        }

        public void Disconnect()
        {
            lock (_sync)
            {
                _attempt++;
                State = WifiState.Off;
                Address = null;
            }
            if (_adapter != null)
            {
                _adapter.Disconnect();
            }
        }

        private void Run(int attempt, string ssid, string key)
        {
            string failure;
            string address = null;
            try
            {
                if (_adapter == null)
                {
                    WifiAdapter[] adapters = WifiAdapter.FindAllAdapters();
                    if (adapters.Length == 0)
                    {
                        Conclude(attempt, null, "no Wi-Fi in this firmware");
                        return;
                    }
                    _adapter = adapters[0];
                    NetworkChange.NetworkAddressChanged += OnAddressChanged;
                }
                WifiConnectionResult result = _adapter.Connect(ssid, WifiReconnectionKind.Manual, key);
                failure = Reason(result.ConnectionStatus);
                if (failure == null)
                {
                    address = WaitForAddress();
                    failure = address == null ? "no address (DHCP)" : null;
                }
            }
            catch (Exception ex)
            {
                failure = ex.Message;
            }
            Conclude(attempt, address, failure);
        }

        /// <summary>Ends an attempt unless a newer one (or a disconnect) replaced it meanwhile.</summary>
        private void Conclude(int attempt, string address, string failure)
        {
            lock (_sync)
            {
                if (attempt != _attempt)
                {
                    return;
                }
                Address = failure == null ? address : null;
                Failure = failure;
                State = failure == null ? WifiState.Connected : WifiState.Failed;
            }
        }

        private string WaitForAddress()
        {
            for (int waited = 0; waited < AddressWaitMs; waited += 250)
            {
                string address = StationAddress();
                if (address != null)
                {
                    return address;
                }
                Thread.Sleep(250);
            }
            return null;
        }

        private string StationAddress()
        {
            NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                {
                    string address = all[i].IPv4Address;
                    return address == null || address == "0.0.0.0" ? null : address;
                }
            }
            return null;
        }

        /// <summary>The station lost its address (the access point went away): the policy sees a failed link.</summary>
        private void OnAddressChanged(object sender, EventArgs e)
        {
            if (State == WifiState.Connected && StationAddress() == null)
            {
                lock (_sync)
                {
                    Address = null;
                    Failure = "network lost";
                    State = WifiState.Failed;
                }
            }
        }

        private static string Reason(WifiConnectionStatus status)
        {
            switch (status)
            {
                case WifiConnectionStatus.Success:
                    return null;
                case WifiConnectionStatus.InvalidCredential:
                    return "wrong key";
                case WifiConnectionStatus.NetworkNotAvailable:
                    return "network not found";
                case WifiConnectionStatus.Timeout:
                    return "timeout";
                case WifiConnectionStatus.UnsupportedAuthenticationProtocol:
                    return "unsupported security";
                case WifiConnectionStatus.AccessRevoked:
                    return "access revoked";
                default:
                    return "failed";
            }
        }
    }
}
