using System.Text;
using DeskPhone.Drivers.Framing;
using DeskPhone.Drivers.Hal;
using DeskPhone.Drivers.Input;
using DeskPhone.Drivers.Leds;

namespace DeskPhone.Drivers.Expansion
{
    /// <summary>
    /// Phone side of the expansion-module chain (docs/expansion-protocol.md): enumerates the chain, pings each
    /// module, forwards LED states and labels, reports key events and the chain events the statuses need.
    /// Also the LED sink for module keys (index = module * 18 + key).
    /// </summary>
    public sealed class ExpansionChain : FrameReader, ILedSink
    {
        public const int HeartbeatMs = 1000;
        public const int LostAfterMs = 3500;
        public const int EnumerateEveryMs = 5000;
        public const int EnumerateWindowMs = 200;

        private const int Slots = ExpansionProtocol.MaxModules * ExpansionProtocol.KeysPerModule;

        // The oldest module firmware the phone works with (low 30 bits) and, in bit 30, an enumeration's window is open:
        // one field, not two (12 B at rest, docs/benchmarks.md h-uirest).
        private int _minFirmware;
        private const int Enumerating = 1 << 30;

        // The colours a module gets when it connects, made by the first key lit: while every module key is off (no
        // module, no key configured for one) there is nothing to keep.
        private LedColor[] _leds;

        // Made by the first module that answers an enumeration (MakeModuleTables): a board without modules keeps no
        // per-module state and no key tracker for 54 keys it cannot have, and, since the state is one object, one field
        // for it instead of ten (nanoCLR: 12 B a field).
        private Modules _m;

        /// <summary>
        /// Where the keys' labels are read when they are sent (a module connects, <see cref="Relabel"/>); none: no labels.
        /// Read, not kept: a slot per key held 1.4 KB for the worst profile's 29 labelled keys (issue #17).
        /// </summary>
        public IKeyLabels Labels;

        // The first Tick enumerates at once.
        private long _nextEnumerate = long.MinValue;
        private long _now;

        public event ExpansionEventHandler ChainEvent;

        /// <summary>Module keys as KeyCode.ExpansionKeyBase + module * 32 + key; long press like the keypad.</summary>
        public event KeyEventHandler KeyEvent;

        public event FrameErrorHandler LinkError;

        /// <param name="minFirmware">Oldest module firmware the phone works with, see ExpansionProtocol.Version.</param>
        public ExpansionChain(IUart uart, int minFirmware)
            : base(uart, ExpansionProtocol.Format, ExpansionProtocol.GapTimeoutMs)
        {
            _minFirmware = minFirmware & ~Enumerating;
        }

        private void MakeModuleTables()
        {
            int[] codes = new int[Slots];
            for (int i = 0; i < Slots; i++)
            {
                codes[i] = KeyCode.ExpansionKeyBase + (i / ExpansionProtocol.KeysPerModule) * KeyCode.ExpansionModuleStride
                    + i % ExpansionProtocol.KeysPerModule;
            }
            // Modules debounce their own keys; the tracker adds long press only.
            KeyTiming timing = new KeyTiming();
            timing.DebounceMs = 0;
            _m = new Modules();
            _m.Keys = new KeyTracker(codes, timing);
            _m.Keys.KeyEvent += RaiseKey;
            _m.Present = new bool[ExpansionProtocol.MaxModules];
            _m.Lost = new bool[ExpansionProtocol.MaxModules];
            _m.Firmware = new int[ExpansionProtocol.MaxModules];
            _m.LastSeen = new long[ExpansionProtocol.MaxModules];
            _m.Seen = new bool[ExpansionProtocol.MaxModules];
            _m.SeenFirmware = new int[ExpansionProtocol.MaxModules];
            _m.Serial = new uint[ExpansionProtocol.MaxModules];
            _m.SeenSerial = new uint[ExpansionProtocol.MaxModules];
            _m.LedsDirty = new bool[ExpansionProtocol.MaxModules];
        }

        public int ModuleCount
        {
            get
            {
                int n = 0;
                for (int m = 0; m < ExpansionProtocol.MaxModules; m++)
                {
                    if (IsPresent(m))
                    {
                        n++;
                    }
                }
                return n;
            }
        }

        public bool IsPresent(int module)
        {
            return _m != null && module >= 0 && module < ExpansionProtocol.MaxModules && _m.Present[module];
        }

        /// <summary>Firmware version (ExpansionProtocol.Version) of a present module, 0 otherwise.</summary>
        public int FirmwareOf(int module)
        {
            return IsPresent(module) ? _m.Firmware[module] : 0;
        }

        /// <summary>True while a module that was present has not answered again.</summary>
        public bool CablingBroken
        {
            get
            {
                for (int m = 0; _m != null && m < ExpansionProtocol.MaxModules; m++)
                {
                    if (_m.Lost[m])
                    {
                        return true;
                    }
                }
                return false;
            }
        }

        public bool LimitExceeded
        {
            get { return _m != null && _m.LimitExceeded; }
        }

        /// <summary>Serial number a present module reported, 0 otherwise.</summary>
        public uint SerialOf(int module)
        {
            return IsPresent(module) ? _m.Serial[module] : 0;
        }

        public bool IsOutdated(int module)
        {
            return IsPresent(module) && _m.Firmware[module] < (_minFirmware & ~Enumerating);
        }

        /// <summary>A key's label changed (<see cref="Labels"/>): sent now if its module is present, else when it connects.</summary>
        public void Relabel(int module, int key)
        {
            if (Slot(module, key) >= 0 && IsPresent(module))
            {
                SendLabel(module, key, LabelOf(module, key));
            }
        }

        private string LabelOf(int module, int key) => Labels == null ? null : Labels.LabelOf(module, key);

        public void Show(int index, LedColor color)
        {
            if (index < 0 || index >= Slots || (_leds == null && color == LedColor.Off))
            {
                return;
            }
            if (_leds == null)
            {
                _leds = new LedColor[Slots];
            }
            _leds[index] = color;
            if (_m != null)
            {
                _m.LedsDirty[index / ExpansionProtocol.KeysPerModule] = true;
            }
        }

        public void Commit()
        {
            for (int m = 0; _m != null && m < ExpansionProtocol.MaxModules; m++)
            {
                if (_m.LedsDirty[m] && _m.Present[m])
                {
                    SendLeds(m);
                }
            }
        }

        /// <summary>Reads the UART, runs enumeration and heartbeats; call every 10-20 ms.</summary>
        public void Tick(long nowMs)
        {
            _now = nowMs;
            Pump(nowMs);

            // An enumeration started EnumerateEveryMs before the next one is due (no field for its start).
            if ((_minFirmware & Enumerating) != 0 && nowMs - (_nextEnumerate - EnumerateEveryMs) >= EnumerateWindowMs)
            {
                FinishEnumeration();
            }
            if ((_minFirmware & Enumerating) == 0 && nowMs >= _nextEnumerate)
            {
                StartEnumeration(nowMs);
            }
            if (_m == null)
            {
                // No module has answered yet: nothing to ping, no key to track.
                return;
            }
            for (int m = 0; m < ExpansionProtocol.MaxModules; m++)
            {
                if (_m.Present[m] && nowMs - _m.LastSeen[m] > LostAfterMs)
                {
                    Lose(m, "no answer for " + (nowMs - _m.LastSeen[m]).ToString() + " ms");
                }
            }
            if (nowMs >= _m.NextPing)
            {
                _m.NextPing = nowMs + HeartbeatMs;
                for (int m = 0; m < ExpansionProtocol.MaxModules; m++)
                {
                    if (_m.Present[m])
                    {
                        SendBuffer[FrameFormat.PayloadAt] = (byte)(m + 1);
                        Send(ExpansionProtocol.Ping, 1);
                    }
                }
            }
            for (int i = 0; i < Slots; i++)
            {
                // The tracker keeps the last level each module reported.
                _m.Keys.Update(i, _m.Keys.RawPressed(i), nowMs);
            }
        }

        private void StartEnumeration(long nowMs)
        {
            _minFirmware |= Enumerating;
            _nextEnumerate = nowMs + EnumerateEveryMs;
            if (_m != null)
            {
                _m.HighestSeen = 0;
                for (int m = 0; m < ExpansionProtocol.MaxModules; m++)
                {
                    _m.Seen[m] = false;
                }
            }
            SendBuffer[FrameFormat.PayloadAt] = ExpansionProtocol.Broadcast;
            SendBuffer[FrameFormat.PayloadAt + 1] = 1;
            Send(ExpansionProtocol.Enumerate, 2);
        }

        private void FinishEnumeration()
        {
            _minFirmware &= ~Enumerating;
            for (int m = 0; _m != null && m < ExpansionProtocol.MaxModules; m++)
            {
                if (_m.Seen[m])
                {
                    // A different serial at a known position is a swapped or re-cabled module: it gets everything anew.
                    bool isNew = !_m.Present[m] || _m.Serial[m] != _m.SeenSerial[m];
                    bool changed = _m.Firmware[m] != _m.SeenFirmware[m];
                    _m.Present[m] = true;
                    _m.Lost[m] = false;
                    _m.Firmware[m] = _m.SeenFirmware[m];
                    _m.Serial[m] = _m.SeenSerial[m];
                    _m.LastSeen[m] = _now;
                    if (isNew)
                    {
                        Raise(ExpansionEventKind.Connected, m, "module " + (m + 1).ToString() + " firmware "
                            + ExpansionProtocol.VersionText(_m.Firmware[m]));
                        SendAll(m);
                    }
                    if ((isNew || changed) && _m.Firmware[m] < (_minFirmware & ~Enumerating))
                    {
                        Raise(ExpansionEventKind.FirmwareOutdated, m, "firmware " + ExpansionProtocol.VersionText(_m.Firmware[m])
                            + " older than " + ExpansionProtocol.VersionText(_minFirmware & ~Enumerating));
                    }
                }
                else if (_m.Present[m])
                {
                    Lose(m, "missing from enumeration");
                }
            }
            if (_m == null)
            {
                return;
            }
            int highest = _m.HighestSeen;
            if (highest > ExpansionProtocol.MaxModules && !_m.LimitExceeded)
            {
                _m.LimitExceeded = true;
                Raise(ExpansionEventKind.LimitExceeded, -1, highest.ToString() + " modules answered, "
                    + ExpansionProtocol.MaxModules.ToString() + " supported");
            }
            else if (highest <= ExpansionProtocol.MaxModules && _m.LimitExceeded)
            {
                _m.LimitExceeded = false;
                Raise(ExpansionEventKind.LimitCleared, -1, highest.ToString() + " modules answered");
            }
        }

        private void Lose(int m, string reason)
        {
            _m.Present[m] = false;
            _m.Lost[m] = true;
            int first = m * ExpansionProtocol.KeysPerModule;
            for (int k = 0; k < ExpansionProtocol.KeysPerModule; k++)
            {
                _m.Keys.Update(first + k, false, _now);
            }
            Raise(ExpansionEventKind.Lost, m, reason);
        }

        protected override void OnFrame(int type, byte[] p, int offset, int count)
        {
            int address = count > 0 ? p[offset] : 0;
            int m = address - 1;
            switch (type)
            {
                case ExpansionProtocol.Hello:
                    if (count != 8 || address == 0 || (_minFirmware & Enumerating) == 0 || p[offset + 1] != ExpansionProtocol.KeysPerModule)
                    {
                        break;
                    }
                    if (_m == null)
                    {
                        MakeModuleTables();
                    }
                    if (address > _m.HighestSeen)
                    {
                        _m.HighestSeen = address;
                    }
                    if (m < ExpansionProtocol.MaxModules)
                    {
                        _m.Seen[m] = true;
                        _m.SeenFirmware[m] = ExpansionProtocol.Version(p[offset + 2], p[offset + 3]);
                        _m.SeenSerial[m] = (uint)(p[offset + 4] << 24 | p[offset + 5] << 16 | p[offset + 6] << 8 | p[offset + 7]);
                    }
                    return;
                case ExpansionProtocol.Pong:
                    if (count != 1 || m < 0)
                    {
                        break;
                    }
                    if (IsPresent(m))
                    {
                        _m.LastSeen[m] = _now;
                    }
                    return;
                case ExpansionProtocol.Key:
                    if (count != 3 || m < 0 || p[offset + 1] >= ExpansionProtocol.KeysPerModule || p[offset + 2] > 1)
                    {
                        break;
                    }
                    // Keys of a module beyond the limit, or not yet enumerated, are ignored on purpose.
                    if (IsPresent(m))
                    {
                        _m.LastSeen[m] = _now;
                        int slot = m * ExpansionProtocol.KeysPerModule + p[offset + 1];
                        _m.Keys.Update(slot, p[offset + 2] == ExpansionProtocol.KeyPressed, _now);
                    }
                    return;
            }
            OnFrameError(FrameError.Unexpected, type);
        }

        private void SendAll(int m)
        {
            SendLeds(m);
            for (int k = 0; k < ExpansionProtocol.KeysPerModule && Labels != null; k++)
            {
                string label = LabelOf(m, k);
                if (label != null)
                {
                    SendLabel(m, k, label);
                }
            }
        }

        private void SendLeds(int m)
        {
            _m.LedsDirty[m] = false;
            SendBuffer[FrameFormat.PayloadAt] = (byte)(m + 1);
            int first = m * ExpansionProtocol.KeysPerModule;
            for (int k = 0; k < ExpansionProtocol.KeysPerModule; k++)
            {
                SendBuffer[FrameFormat.PayloadAt + 1 + k] = _leds == null ? (byte)LedColor.Off : (byte)_leds[first + k];
            }
            Send(ExpansionProtocol.Leds, 1 + ExpansionProtocol.KeysPerModule);
        }

        private void SendLabel(int m, int key, string text)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(text == null ? "" : text);
            int n = utf8.Length;
            if (n > ExpansionProtocol.MaxLabelBytes)
            {
                n = ExpansionProtocol.MaxLabelBytes;
                // Never cut inside a UTF-8 sequence: back up to the start of the character.
                while (n > 0 && (utf8[n] & 0xC0) == 0x80)
                {
                    n--;
                }
            }
            SendBuffer[FrameFormat.PayloadAt] = (byte)(m + 1);
            SendBuffer[FrameFormat.PayloadAt + 1] = (byte)key;
            System.Array.Copy(utf8, 0, SendBuffer, FrameFormat.PayloadAt + 2, n);
            Send(ExpansionProtocol.Label, 2 + n);
        }

        private static int Slot(int module, int key)
        {
            if (module < 0 || module >= ExpansionProtocol.MaxModules || key < 0 || key >= ExpansionProtocol.KeysPerModule)
            {
                return -1;
            }
            return module * ExpansionProtocol.KeysPerModule + key;
        }

        private void Raise(ExpansionEventKind kind, int module, string reason)
        {
            ExpansionEventHandler handler = ChainEvent;
            if (handler != null)
            {
                handler(kind, module, reason);
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

        protected override void OnFrameError(FrameError error, int detail)
        {
            FrameErrorHandler handler = LinkError;
            if (handler != null)
            {
                handler(error, detail);
            }
        }

        /// <summary>What the chain keeps per module position once a module answered (MakeModuleTables).</summary>
        private sealed class Modules
        {
            public KeyTracker Keys;
            public bool[] Present;
            public bool[] Lost;
            public int[] Firmware;
            public long[] LastSeen;
            public bool[] Seen;
            public int[] SeenFirmware;
            public uint[] Serial;
            public uint[] SeenSerial;
            public bool[] LedsDirty;
            public long NextPing;
            // The highest address that answered the enumeration running, and whether more modules than supported did.
            public int HighestSeen;
            public bool LimitExceeded;
        }
    }
}
