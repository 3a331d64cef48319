using DeskPhone.Drivers.Framing;
using DeskPhone.Drivers.Hal;
using DeskPhone.Drivers.Input;

namespace DeskPhone.Drivers.Hid
{
    /// <summary>
    /// Phone side of the USB-host bridge (CH9350-class chip on a UART): tracks the devices on its ports,
    /// turns keyboard reports into key events and a headset's telephony report into hook and mute events.
    /// Devices, a headset's buttons and damaged or unexpected frames are told to its <see cref="Listener"/>; damaged
    /// frames are otherwise ignored.
    /// </summary>
    public sealed class HidBridge : FrameReader
    {
        private const int KeySlots = 6;

        // Per port: its state, device class and telephony flags, made by the first Device frame (zeros until then): a
        // bridge with nothing plugged in keeps no per-port state, and one array instead of three (nanoCLR: a header each).
        private int[] _ports;
        private const int State = 0;
        private const int Class = 1;
        private const int Telephony = 2;
        private const int PerPort = 3;

        // Made by the first keyboard report (MakeKeyTables): a phone without a USB keyboard keeps no key state, and
        // one field for it instead of five.
        private UsbKeys _k;
        private int _bridgeVersion = -1;

        /// <summary>USB keys as phone keys, with the keypad's long press and auto-repeat added by the phone.</summary>
        public event KeyEventHandler KeyEvent;

        /// <summary>Told of devices, a headset's buttons and damaged frames (one field, no delegate: IHidListener).</summary>
        public IHidListener Listener;

        public HidBridge(IUart uart)
            : base(uart, HidProtocol.Format, HidProtocol.GapTimeoutMs)
        {
        }

        private void MakeKeyTables()
        {
            var k = new UsbKeys();
            k.Usages = new int[HidProtocol.Ports][];
            k.Codes = new int[HidProtocol.Ports][];
            for (int p = 0; p < HidProtocol.Ports; p++)
            {
                k.Usages[p] = new int[KeySlots];
                k.Codes[p] = new int[KeySlots];
            }
            k.KeyCodes = UsbKeyMap.Codes();
            k.Held = new int[k.KeyCodes.Length];
            // The bridge reports clean key states: no debounce, only long press and repeat.
            KeyTiming timing = new KeyTiming();
            timing.DebounceMs = 0;
            k.Keys = new KeyTracker(k.KeyCodes, timing);
            k.Keys.KeyEvent += RaiseKey;
            _k = k;
        }

        /// <summary>Bridge firmware version from its last Status frame, -1 before one arrived.</summary>
        public int BridgeVersion
        {
            get { return _bridgeVersion; }
        }

        public bool IsConnected(int port)
        {
            return port >= 0 && port < HidProtocol.Ports && Get(port, State) == HidProtocol.StateReady;
        }

        public HidDeviceClass DeviceClassOf(int port)
        {
            return port >= 0 && port < HidProtocol.Ports ? (HidDeviceClass)Get(port, Class) : HidDeviceClass.Unknown;
        }

        /// <summary>True when a headset is ready on any port (the glue raises AudioDeviceIsHeadset from this).</summary>
        public bool HeadsetPresent
        {
            get
            {
                for (int p = 0; p < HidProtocol.Ports; p++)
                {
                    if (Get(p, State) == HidProtocol.StateReady && Get(p, Class) == (int)HidDeviceClass.Headset)
                    {
                        return true;
                    }
                }
                return false;
            }
        }

        /// <summary>Asks the bridge to report its status and every attached device (after power-up or a bridge reset).</summary>
        public void Query()
        {
            Send(HidProtocol.Query, 0);
        }

        /// <summary>Drives the headset's indicators (HID LED page) on every headset port.</summary>
        public void SetHeadsetIndicators(bool offHook, bool muted, bool ringing)
        {
            int flags = (offHook ? HidProtocol.IndicatorOffHook : 0) | (muted ? HidProtocol.IndicatorMute : 0)
                | (ringing ? HidProtocol.IndicatorRing : 0);
            for (int p = 0; p < HidProtocol.Ports; p++)
            {
                if (Get(p, State) == HidProtocol.StateReady && Get(p, Class) == (int)HidDeviceClass.Headset)
                {
                    SendBuffer[FrameFormat.PayloadAt] = (byte)p;
                    SendBuffer[FrameFormat.PayloadAt + 1] = (byte)flags;
                    Send(HidProtocol.SetIndicators, 2);
                }
            }
        }

        /// <summary>Reads what the UART has and handles complete frames; call every 10-20 ms.</summary>
        public void Poll(long nowMs)
        {
            Pump(nowMs);
            for (int i = 0; _k != null && i < _k.Held.Length; i++)
            {
                _k.Keys.Update(i, _k.Held[i] > 0, nowMs);
            }
        }

        protected override void OnFrame(int type, byte[] p, int offset, int count)
        {
            switch (type)
            {
                case HidProtocol.Status:
                    if (count < 1)
                    {
                        break;
                    }
                    _bridgeVersion = p[offset];
                    return;
                case HidProtocol.Device:
                    if (count != 3 || p[offset] >= HidProtocol.Ports || p[offset + 1] > HidProtocol.StateReady)
                    {
                        break;
                    }
                    OnDevice(p[offset], p[offset + 1], p[offset + 2] > 3 ? HidDeviceClass.Unknown : (HidDeviceClass)p[offset + 2]);
                    return;
                case HidProtocol.Keyboard:
                    if (count != 9 || !IsConnected(p[offset]))
                    {
                        break;
                    }
                    OnKeyboard(p[offset], p[offset + 1], p, offset + 3);
                    return;
                case HidProtocol.Telephony:
                    if (count != 2 || !IsConnected(p[offset]))
                    {
                        break;
                    }
                    OnTelephony(p[offset], p[offset + 1]);
                    return;
            }
            OnFrameError(FrameError.Unexpected, type);
        }

        private void OnDevice(int port, int state, HidDeviceClass cls)
        {
            int old = Get(port, State);
            HidDeviceClass was = (HidDeviceClass)Get(port, Class);
            if (state == old && cls == was)
            {
                return;
            }
            if (_ports == null)
            {
                _ports = new int[HidProtocol.Ports * PerPort];
            }
            if (old != HidProtocol.StateDetached && (state == HidProtocol.StateDetached || cls != was))
            {
                ReleaseAll(port);
                _ports[port * PerPort + State] = HidProtocol.StateDetached;
                Raise(port, was, HidProtocol.StateDetached);
                old = HidProtocol.StateDetached;
            }
            _ports[port * PerPort + Class] = (int)cls;
            _ports[port * PerPort + State] = state;
            if (state == HidProtocol.StateDetached)
            {
                return;
            }
            // Some bridges skip the enumerating report: the phone still shows "connecting" before "connected".
            if (old == HidProtocol.StateDetached)
            {
                Raise(port, cls, HidProtocol.StateEnumerating);
            }
            if (state == HidProtocol.StateReady)
            {
                Raise(port, cls, HidProtocol.StateReady);
            }
        }

        private void OnKeyboard(int port, int modifiers, byte[] keys, int offset)
        {
            // ErrorRollOver (usage 1 in every slot) means "too many keys": keep the previous state.
            if (keys[offset] == 0x01)
            {
                return;
            }
            if (_k == null)
            {
                MakeKeyTables();
            }
            int[] usages = _k.Usages[port];
            int[] codes = _k.Codes[port];
            for (int i = 0; i < KeySlots; i++)
            {
                if (usages[i] != 0 && !Contains(keys, offset, usages[i]))
                {
                    TrackKey(codes[i], KeyAction.Release);
                    usages[i] = 0;
                    codes[i] = KeyCode.None;
                }
            }
            for (int k = 0; k < KeySlots; k++)
            {
                int usage = keys[offset + k];
                if (usage == 0 || IndexOf(usages, usage) >= 0)
                {
                    continue;
                }
                int free = IndexOf(usages, 0);
                if (free < 0)
                {
                    break;
                }
                int code = UsbKeyMap.Map(usage, modifiers);
                usages[free] = usage;
                // The code is fixed at press time so the release matches even if Shift was let go first.
                codes[free] = code;
                TrackKey(code, KeyAction.Press);
            }
        }

        private void OnTelephony(int port, int flags)
        {
            // A Telephony frame is taken only from a connected port, so the per-port state exists.
            int old = _ports[port * PerPort + Telephony];
            _ports[port * PerPort + Telephony] = flags;
            IHidListener listener = Listener;
            if (listener == null)
            {
                return;
            }
            if (((old ^ flags) & HidProtocol.TelephonyHook) != 0)
            {
                listener.HeadsetButton(HidProtocol.TelephonyHook, (flags & HidProtocol.TelephonyHook) != 0);
            }
            if ((flags & HidProtocol.TelephonyMute) != 0 && (old & HidProtocol.TelephonyMute) == 0)
            {
                listener.HeadsetButton(HidProtocol.TelephonyMute, true);
            }
        }

        private void ReleaseAll(int port)
        {
            _ports[port * PerPort + Telephony] = 0;
            if (_k == null)
            {
                return;
            }
            int[] usages = _k.Usages[port];
            int[] codes = _k.Codes[port];
            for (int i = 0; i < KeySlots; i++)
            {
                if (usages[i] != 0)
                {
                    TrackKey(codes[i], KeyAction.Release);
                    usages[i] = 0;
                    codes[i] = KeyCode.None;
                }
            }
        }

        private int Get(int port, int what) => _ports == null ? 0 : _ports[port * PerPort + what];

        private static bool Contains(byte[] keys, int offset, int usage)
        {
            for (int k = 0; k < KeySlots; k++)
            {
                if (keys[offset + k] == usage)
                {
                    return true;
                }
            }
            return false;
        }

        private static int IndexOf(int[] values, int value)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] == value)
                {
                    return i;
                }
            }
            return -1;
        }

        private void TrackKey(int code, KeyAction action)
        {
            // Several USB keys may map to one phone key (digit row and keypad): it is down while any of them is.
            int[] keyCodes = _k.KeyCodes;
            for (int i = 0; i < keyCodes.Length; i++)
            {
                if (keyCodes[i] == code)
                {
                    _k.Held[i] += action == KeyAction.Press ? 1 : -1;
                    // Keys change only while a frame is handled: the time its bytes were read.
                    _k.Keys.Update(i, _k.Held[i] > 0, FrameMs);
                    return;
                }
            }
        }

        private void RaiseKey(int keyCode, KeyAction action)
        {
            KeyEventHandler handler = KeyEvent;
            if (handler != null)
            {
                handler(keyCode, action);
            }
        }

        private void Raise(int port, HidDeviceClass cls, int state)
        {
            IHidListener listener = Listener;
            if (listener != null)
            {
                listener.HidDeviceChanged(port, cls, state);
            }
        }

        protected override void OnFrameError(FrameError error, int detail)
        {
            IHidListener listener = Listener;
            if (listener != null)
            {
                listener.HidLinkError(error, detail);
            }
        }

        /// <summary>The USB keyboard's key state, made by its first report (fields, not properties: one use, no accessors).</summary>
        private sealed class UsbKeys
        {
            // Per port, the usages in its six report slots and the phone key each was pressed as.
            public int[][] Usages;
            public int[][] Codes;
            public KeyTracker Keys;
            public int[] KeyCodes;
            // Per phone key: how many USB keys hold it down.
            public int[] Held;
        }
    }
}
