using System;
using DeskPhone.Firmware.Bench;

namespace DeskPhone.Host.Sim
{
    /// <summary>
    /// The simulator's answers for the web interface's status page (docs/web.md): the .NET runtime; no free-memory figure
    /// (the host's heap says nothing about a board's), and no reboot (501): restart the process instead.
    /// </summary>
    public sealed class SimulatorTarget : IBenchTarget
    {
        public string Platform => ".NET " + Environment.Version + " (simulator)";

        public long FreeMemory => -1;

        public bool Reboot() => false;
    }
}
