using System.Collections.Generic;
using DeskPhone.Domain.Presence;

namespace DeskPhone.Firmware.Tests.Presence
{
    /// <summary>Records what <see cref="MonitoredExtensions"/> tells its listener and answers its admission from <see cref="Room"/>.</summary>
    internal sealed class RecordingMonitoredListener : IMonitoredListener
    {
        public readonly List<string> Changes = new List<string>();
        public bool? Ringing;
        public bool Room = true;
        public long TakenBefore = -1;

        public void KeyStateChanged(int key, string state) => Changes.Add(key + "=" + (state ?? "none"));

        public void RingingChanged(bool ringing) => Ringing = ringing;

        public bool AdmitKey(int taken)
        {
            TakenBefore = taken;
            return Room;
        }
    }
}
