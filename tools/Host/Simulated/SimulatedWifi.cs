using DeskPhone.Drivers.Network;

namespace DeskPhone.Host.Simulated
{
    /// <summary>
    /// The simulator's Wi-Fi station (docs/simulator.md, "Links"): an access point the bench puts in range, out of range
    /// or refusing the key (<see cref="SetAccess"/>), and a second loopback address for the phone once joined. An
    /// attempt ends at once, as the board's would after its timeout.
    /// </summary>
    public sealed class SimulatedWifi : IWifiLink
    {
        /// <summary>The access point is in range and takes any key.</summary>
        public const string InRange = "up";

        /// <summary>No such network (out of range, switched off).</summary>
        public const string OutOfRange = "down";

        /// <summary>The network is there and refuses the key.</summary>
        public const string RefusesKey = "reject";

        private readonly object _sync = new object();
        private string _access = InRange;

        /// <param name="address">The phone's address on the Wi-Fi link (127.0.0.2 beside the Ethernet's 127.0.0.1).</param>
        public SimulatedWifi(string address)
        {
            HostAddress = address;
        }

        /// <summary>The address the phone gets on joining (the simulator sets it from --bind).</summary>
        public string HostAddress { get; set; }

        public int State { get; private set; }
        public string Address { get; private set; }
        public string Failure { get; private set; }

        /// <summary>The network and key of the last attempt, and how many attempts there were (tests read them).</summary>
        public string LastSsid { get; private set; }
        public string LastKey { get; private set; }
        public int Attempts { get; private set; }

        public string Access
        {
            get { lock (_sync) { return _access; } }
        }

        /// <summary>up, down or reject; false for another word. Out of range or refusing drops a joined phone.</summary>
        public bool SetAccess(string access)
        {
            if (access != InRange && access != OutOfRange && access != RefusesKey)
            {
                return false;
            }
            lock (_sync)
            {
                _access = access;
                if (access != InRange && State == WifiState.Connected)
                {
                    Fail("network lost");
                }
            }
            return true;
        }

        public void Connect(string ssid, string key)
        {
            lock (_sync)
            {
                Attempts++;
                LastSsid = ssid;
                LastKey = key;
                if (_access == InRange && HostAddress != null)
                {
                    State = WifiState.Connected;
                    Address = HostAddress;
                    Failure = null;
                }
                else
                {
                    Fail(_access == RefusesKey ? "wrong key" : "network not found");
                }
            }
        }

        public void Disconnect()
        {
            lock (_sync)
            {
                State = WifiState.Off;
                Address = null;
            }
        }

        private void Fail(string why)
        {
            State = WifiState.Failed;
            Address = null;
            Failure = why;
        }
    }
}
