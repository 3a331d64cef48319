using System.Collections.Generic;
using DeskPhone.Drivers.Hid;

namespace DeskPhone.Host.Simulated
{
    /// <summary>
    /// USB-host bridge in memory speaking docs/hid-bridge.md: attach a keyboard or headset, type keys, work the
    /// headset's hook switch and mute button; what the phone sends back (queries, indicator updates) is recorded.
    /// </summary>
    public sealed class SimulatedHidBridge : FramedUartPeer
    {
        private readonly HidDeviceClass[] _attached = new HidDeviceClass[HidProtocol.Ports];
        private readonly List<byte>[] _keys = { new List<byte>(), new List<byte>() };
        private readonly int[] _modifiers = new int[HidProtocol.Ports];
        private readonly int[] _telephony = new int[HidProtocol.Ports];
        private readonly int[] _indicators = new int[HidProtocol.Ports];

        public SimulatedHidBridge(int firmwareVersion = 0x21)
            : base(HidProtocol.Format, HidProtocol.MaxPayload)
        {
            FirmwareVersion = firmwareVersion;
        }

        public int FirmwareVersion { get; }
        public int Queries { get; private set; }

        /// <summary>Last SetIndicators flags the phone sent for a port (HidProtocol.Indicator*).</summary>
        public int Indicators(int port) => _indicators[port];

        public void AttachKeyboard(int port = 0) => Attach(port, HidDeviceClass.Keyboard);

        public void AttachHeadset(int port = 1) => Attach(port, HidDeviceClass.Headset);

        /// <summary>Reports enumeration, then readiness, as a real bridge does.</summary>
        public void Attach(int port, HidDeviceClass cls)
        {
            _attached[port] = cls;
            Reply(HidProtocol.Device, (byte)port, HidProtocol.StateEnumerating, (byte)cls);
            Reply(HidProtocol.Device, (byte)port, HidProtocol.StateReady, (byte)cls);
        }

        public void Detach(int port)
        {
            Reply(HidProtocol.Device, (byte)port, HidProtocol.StateDetached, (byte)_attached[port]);
            _attached[port] = HidDeviceClass.Unknown;
            _keys[port].Clear();
            _telephony[port] = 0;
        }

        public void KeyDown(int usage, int modifiers = 0, int port = 0)
        {
            if (!_keys[port].Contains((byte)usage)) _keys[port].Add((byte)usage);
            _modifiers[port] = modifiers;
            SendKeyboard(port);
        }

        public void KeyUp(int usage, int port = 0)
        {
            _keys[port].Remove((byte)usage);
            SendKeyboard(port);
        }

        public void SetHook(bool offHook, int port = 1) => SetTelephony(port, HidProtocol.TelephonyHook, offHook);

        /// <summary>Press and release the headset's mute button.</summary>
        public void ClickMute(int port = 1)
        {
            SetTelephony(port, HidProtocol.TelephonyMute, true);
            SetTelephony(port, HidProtocol.TelephonyMute, false);
        }

        private void SetTelephony(int port, int bit, bool on)
        {
            _telephony[port] = on ? _telephony[port] | bit : _telephony[port] & ~bit;
            Reply(HidProtocol.Telephony, (byte)port, (byte)_telephony[port]);
        }

        private void SendKeyboard(int port)
        {
            var report = new byte[9];
            report[0] = (byte)port;
            report[1] = (byte)_modifiers[port];
            for (int i = 0; i < _keys[port].Count && i < 6; i++) report[3 + i] = _keys[port][i];
            Reply(HidProtocol.Keyboard, report);
        }

        protected override void OnFrame(int type, byte[] p, int offset, int count)
        {
            if (type == HidProtocol.Query && count == 0)
            {
                Queries++;
                Reply(HidProtocol.Status, (byte)FirmwareVersion);
                for (int port = 0; port < HidProtocol.Ports; port++)
                {
                    if (_attached[port] != HidDeviceClass.Unknown)
                    {
                        Reply(HidProtocol.Device, (byte)port, HidProtocol.StateReady, (byte)_attached[port]);
                    }
                }
                return;
            }
            if (type == HidProtocol.SetIndicators && count == 2 && p[offset] < HidProtocol.Ports)
            {
                _indicators[p[offset]] = p[offset + 1];
                return;
            }
            Rejected.Add("unexpected:" + type);
        }
    }
}
