using System;
using System.Collections.Generic;
using System.Text;
using DeskPhone.Drivers.Expansion;
using DeskPhone.Drivers.Leds;

namespace DeskPhone.Host.Simulated
{
    /// <summary>One simulated D3/D7-like module: 18 keys with two-colour LEDs and a label per key.</summary>
    public sealed class SimulatedModule
    {
        internal SimulatedModule(int major, int minor, uint serial)
        {
            FirmwareMajor = major;
            FirmwareMinor = minor;
            Serial = serial;
        }

        public uint Serial { get; }

        /// <summary>Chain address given by the last enumeration, 0 before one.</summary>
        public int Address { get; internal set; }
        public int FirmwareMajor { get; }
        public int FirmwareMinor { get; }
        public LedColor[] Leds { get; } = new LedColor[ExpansionProtocol.KeysPerModule];
        public string[] Labels { get; } = new string[ExpansionProtocol.KeysPerModule];
        public int PingsAnswered { get; internal set; }
    }

    /// <summary>
    /// A daisy chain of simulated expansion modules behind one UART, speaking docs/expansion-protocol.md.
    /// Plug it in where the phone expects the chain's IUart: what the phone writes is handled synchronously and
    /// the replies wait to be read. CutCable makes modules from a position on unreachable (a broken cable).
    /// </summary>
    public sealed class SimulatedModuleChain : FramedUartPeer
    {
        private int _cutBefore = int.MaxValue;
        private uint _nextSerial = 0x00D70001;

        public SimulatedModuleChain()
            : base(ExpansionProtocol.Format, ExpansionProtocol.MaxPayload)
        {
        }

        public List<SimulatedModule> Modules { get; } = new List<SimulatedModule>();

        /// <summary>Frames the chain received from the phone, e.g. "enumerate", "ping 1", "leds 2", "label 1.3".</summary>
        public List<string> Received { get; } = new List<string>();

        public SimulatedModule Plug(int firmwareMajor = 1, int firmwareMinor = 2)
        {
            var module = new SimulatedModule(firmwareMajor, firmwareMinor, _nextSerial++);
            Modules.Add(module);
            return module;
        }

        public void Unplug(int index) => Modules.RemoveAt(index);

        /// <summary>Modules at index and after it stop hearing and answering.</summary>
        public void CutCable(int index) => _cutBefore = index;

        public void RepairCable() => _cutBefore = int.MaxValue;

        public bool Reachable(int index) => index < _cutBefore && index < Modules.Count;

        public void PressKey(int module, int key) => SendKey(module, key, ExpansionProtocol.KeyPressed);

        public void ReleaseKey(int module, int key) => SendKey(module, key, ExpansionProtocol.KeyReleased);

        private void SendKey(int module, int key, int action)
        {
            if (!Reachable(module) || Modules[module].Address == 0) return;
            Reply(ExpansionProtocol.Key, (byte)Modules[module].Address, (byte)key, (byte)action);
        }

        protected override void OnFrame(int type, byte[] p, int offset, int count)
        {
            int address = count > 0 ? p[offset] : -1;
            switch (type)
            {
                case ExpansionProtocol.Enumerate when count == 2:
                    Received.Add("enumerate");
                    for (int i = 0; i < Modules.Count && Reachable(i); i++)
                    {
                        var m = Modules[i];
                        m.Address = p[offset + 1] + i;
                        Reply(ExpansionProtocol.Hello, (byte)m.Address, ExpansionProtocol.KeysPerModule,
                            (byte)m.FirmwareMajor, (byte)m.FirmwareMinor,
                            (byte)(m.Serial >> 24), (byte)(m.Serial >> 16), (byte)(m.Serial >> 8), (byte)m.Serial);
                    }
                    return;
                case ExpansionProtocol.Ping when count == 1:
                    Received.Add("ping " + address);
                    if (Find(address) is SimulatedModule pinged)
                    {
                        pinged.PingsAnswered++;
                        Reply(ExpansionProtocol.Pong, (byte)address);
                    }
                    return;
                case ExpansionProtocol.Leds when count == 1 + ExpansionProtocol.KeysPerModule:
                    Received.Add("leds " + address);
                    if (Find(address) is SimulatedModule lit)
                    {
                        for (int k = 0; k < ExpansionProtocol.KeysPerModule; k++) lit.Leds[k] = (LedColor)p[offset + 1 + k];
                    }
                    return;
                case ExpansionProtocol.Label when count >= 2 && p[offset + 1] < ExpansionProtocol.KeysPerModule:
                    Received.Add("label " + address + "." + (p[offset + 1] + 1));
                    if (Find(address) is SimulatedModule labelled)
                    {
                        labelled.Labels[p[offset + 1]] = Encoding.UTF8.GetString(p, offset + 2, count - 2);
                    }
                    return;
            }
            Rejected.Add("unexpected:" + type);
        }

        private SimulatedModule Find(int address)
        {
            for (int i = 0; i < Modules.Count && Reachable(i); i++)
            {
                if (Modules[i].Address == address) return Modules[i];
            }
            return null;
        }
    }
}
