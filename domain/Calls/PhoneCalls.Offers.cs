using DeskPhone.Domain.Presence;

namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// What the call screen offers while no call is live (docs/calls.md, "Call screen"): the calls ringing at monitored
    /// extensions to pick up (a list, newest first, one selected), a call back; and the features above the call layer
    /// (conference, call completion) it shows.
    /// </summary>
    public sealed partial class PhoneCalls
    {
        // The key whose ringing extension the user selected in the pickup list, + 1 (low bits, PickedMask; 0, or a key no
        // longer ringing: the newest), and above them the call being parked (TryParking; 0 while none): one field, an
        // object field costs 12 B on nanoCLR (h-callrest2).
        private int _picked;
        private const int PickedMask = 0x3FF;
        private const int ParkingShift = 10;

        /// <summary>The conference and call completion (firmware), or null: the screen shows neither.</summary>
        public ICallFeatures Features;

        /// <summary>The BLF keys (a ringing extension's call can be picked up), or null.</summary>
        public MonitoredExtensions Monitored;

        /// <summary>How many monitored extensions ring (the pickup list's length).</summary>
        public int RingingCount => Monitored == null ? 0 : Monitored.RingingCount;

        /// <summary>The selected entry of the pickup list (0: the newest), -1 while no monitored extension rings.</summary>
        public int PickupIndex
        {
            get
            {
                int n = RingingCount;
                for (int i = 0; i < n; i++)
                {
                    if (Monitored.RingingKeyAt(i) == (_picked & PickedMask) - 1)
                    {
                        return i;
                    }
                }
                return n > 0 ? 0 : -1;
            }
        }

        /// <summary>The function key (0-based) of the selected ringing extension, or -1 (the Pick up softkey's key).</summary>
        public int RingingKey()
        {
            int at = PickupIndex;
            return at < 0 ? -1 : Monitored.RingingKeyAt(at);
        }

        /// <summary>Moves the pickup list's selection (up -1, down +1, kept at the ends); false while it has fewer than two entries.</summary>
        public bool MovePickup(int step)
        {
            int n = RingingCount;
            if (n < 2)
            {
                return false;
            }
            int at = PickupIndex + step;
            _picked = (_picked & ~PickedMask) | (Monitored.RingingKeyAt(at < 0 ? 0 : at >= n ? n - 1 : at) + 1);
            return true;
        }
    }
}
