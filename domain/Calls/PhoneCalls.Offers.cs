using DeskPhone.Domain.Presence;

namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// What the call screen offers while no call is live (docs/calls.md, "Call screen"): a monitored extension's call
    /// to pick up, a call back; and the features above the call layer (conference, call completion) it shows.
    /// </summary>
    public sealed partial class PhoneCalls
    {
        /// <summary>The conference and call completion (firmware), or null: the screen shows neither.</summary>
        public ICallFeatures Features { get; set; }

        /// <summary>The BLF keys (a ringing extension's call can be picked up), or null.</summary>
        public MonitoredExtensions Monitored { get; set; }

        /// <summary>The first function key (0-based) whose monitored extension rings, or -1 (the pickup screen's key).</summary>
        public int RingingKey()
        {
            MonitoredExtensions m = Monitored;
            if (m == null || !m.AnyRinging)
            {
                return -1;
            }
            for (int key = 0; key < MonitoredExtensions.MaxKeys; key++)
            {
                DialogInfo d = m.DialogOf(key);
                if (d != null && d.State == DialogInfo.Ringing)
                {
                    return key;
                }
            }
            return -1;
        }
    }
}
