using DeskPhone.Drivers.Hal;

namespace DeskPhone.Drivers.Network
{
    /// <summary>What changed on the link; the link's properties (Address, EthernetUnplugged, Ready) say how it is now.</summary>
    public enum EthernetChange
    {
        /// <summary>The address changed (Address; null when lost).</summary>
        Address = 0,
        /// <summary>EthernetUnplugged raised or cleared.</summary>
        Unplugged = 1,
        /// <summary>Link up with a usable address again, or the address changed while up: the SIP layer re-registers.</summary>
        Restored = 2,
        /// <summary>Link or address lost: the SIP layer stops sending until Restored.</summary>
        Lost = 3,
    }

    public delegate void EthernetChangeHandler(EthernetChange change);

    /// <summary>
    /// Debounced Ethernet state from raw link and address reports. Raw reports may come from any thread
    /// (NetworkChange callbacks); every event is raised from Tick on the caller's thread.
    /// A link loss shorter than DownDebounceMs (a flapping cable, a switch port renegotiating) goes unnoticed;
    /// a link must stay up UpDebounceMs before it counts.
    /// </summary>
    public sealed class EthernetLink
    {
        public const int DefaultUpDebounceMs = 500;
        public const int DefaultDownDebounceMs = 2000;

        // The debounce times, up in the low 16 bits and down above (at most 65,535 ms each): one field, not two (12 B).
        private readonly int _debounceMs;

        // Flags as bits of two ints (nanoCLR: 12 B a field, whatever its type): the raw report's, written under the
        // link's lock (the link itself: a lock object was 24 B) from any thread, and the debounced state's, written by Tick only.
        private const int RawUp = 1;
        private const int RawKnown = 2;
        private const int Started = 1;
        private const int Decided = 2;
        private const int Up = 4;
        private const int Unplugged = 8;
        private const int IsReady = 16;

        private int _raw;
        private long _rawSince;
        private string _rawAddress;

        private int _state;
        private string _address;
        private string _macAddress;

        /// <summary>
        /// Every change, in the order address, unplugged, restored or lost. One event, not one per change: each
        /// subscriber (status, SIP, screen) makes one delegate and no event holds a list of them (nanoCLR: 36 B a
        /// delegate, 48 B a list of two, 12 B an event field).
        /// </summary>
        public event EthernetChangeHandler Changed;

        public EthernetLink(int upDebounceMs, int downDebounceMs)
        {
            _debounceMs = Ms(upDebounceMs) | Ms(downDebounceMs) << 16;
        }

        public EthernetLink()
            : this(DefaultUpDebounceMs, DefaultDownDebounceMs)
        {
        }

        private static int Ms(int ms) => ms < 0 ? 0 : ms > 0xFFFF ? 0xFFFF : ms;

        public bool LinkUp
        {
            get { return (_state & Up) != 0; }
        }

        public bool EthernetUnplugged
        {
            get { return (_state & Unplugged) != 0; }
        }

        /// <summary>Current IPv4 address, null without one.</summary>
        public string Address
        {
            get { return _address; }
        }

        /// <summary>Link up and an address assigned.</summary>
        public bool Ready
        {
            get { return (_state & IsReady) != 0; }
        }

        /// <summary>The hardware address as printed on the phone's label ("00:08:DC:1F:2E:3D"), null until reported.</summary>
        public string MacAddress
        {
            get { return _macAddress; }
        }

        /// <summary>The interface's hardware address, once at start-up (NetworkInterface.PhysicalAddress); not six bytes = unknown.</summary>
        public void ReportMacAddress(byte[] mac)
        {
            if (mac == null || mac.Length != 6)
            {
                _macAddress = null;
                return;
            }
            const string hex = "0123456789ABCDEF";
            char[] text = new char[17];
            for (int i = 0; i < 6; i++)
            {
                text[i * 3] = hex[mac[i] >> 4];
                text[i * 3 + 1] = hex[mac[i] & 0xF];
                if (i < 5)
                {
                    text[i * 3 + 2] = ':';
                }
            }
            _macAddress = new string(text);
        }

        /// <summary>Raw link state from the PHY or NetworkChange.NetworkAvailabilityChanged.</summary>
        public void ReportLink(bool up, long nowMs)
        {
            lock (this)
            {
                if ((_raw & RawKnown) == 0 || up != ((_raw & RawUp) != 0))
                {
                    _raw = RawKnown | (up ? RawUp : 0);
                    _rawSince = nowMs;
                }
            }
        }

        /// <summary>Raw IPv4 address (null, empty or 0.0.0.0 = none) from NetworkChange.NetworkAddressChanged.</summary>
        public void ReportAddress(string address)
        {
            if (address != null && (address.Length == 0 || address == "0.0.0.0"))
            {
                address = null;
            }
            lock (this)
            {
                _rawAddress = address;
            }
        }

        public void Tick(long nowMs)
        {
            bool rawUp;
            long since;
            bool known;
            string rawAddress;
            lock (this)
            {
                rawUp = (_raw & RawUp) != 0;
                since = _rawSince;
                known = (_raw & RawKnown) != 0;
                rawAddress = _rawAddress;
            }
            int state = _state;
            if ((state & Started) == 0)
            {
                state |= Started;
                if (!known)
                {
                    // No report yet counts as "down since boot": an unplugged phone says so once the down debounce passed.
                    ReportLink(false, nowMs);
                    since = nowMs;
                }
            }
            bool up = (state & Up) != 0;
            if ((rawUp != up || (state & Decided) == 0) && nowMs - since >= (rawUp ? _debounceMs & 0xFFFF : _debounceMs >> 16))
            {
                up = rawUp;
                state |= Decided;
            }
            string oldAddress = _address;
            state = up ? state | Up : state & ~Up;
            _state = state;
            if (rawAddress != _address)
            {
                _address = rawAddress;
                Raise(EthernetChange.Address);
            }
            bool unplugged = (state & Decided) != 0 && !up;
            if (unplugged != ((_state & Unplugged) != 0))
            {
                _state ^= Unplugged;
                Raise(EthernetChange.Unplugged);
            }
            bool ready = up && _address != null;
            if (ready != ((_state & IsReady) != 0))
            {
                _state ^= IsReady;
                Raise(ready ? EthernetChange.Restored : EthernetChange.Lost);
            }
            else if (ready && oldAddress != _address)
            {
                Raise(EthernetChange.Restored);
            }
        }

        private void Raise(EthernetChange change)
        {
            EthernetChangeHandler handler = Changed;
            if (handler != null)
            {
                handler(change);
            }
        }
    }
}
