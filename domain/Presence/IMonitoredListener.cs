namespace DeskPhone.Domain.Presence
{
    /// <summary>
    /// What <see cref="MonitoredExtensions"/> tells and asks the phone (its core): one field for it instead of two events
    /// and an admission delegate (nanoCLR: 36 B a delegate and 12 B a field, docs/benchmarks.md h-restcuts2).
    /// </summary>
    public interface IMonitoredListener
    {
        /// <summary>A key's state changed: the key and its state name (null: the key monitors nothing now).</summary>
        void KeyStateChanged(int key, string state);

        /// <summary>Any monitored extension started or stopped ringing (the monitored-extension-ringing status).</summary>
        void RingingChanged(bool ringing);

        /// <summary>
        /// Asked before a key's subscription is made, with the keys taken on before it (<see cref="MonitoredExtensions.Count"/>):
        /// whether one more may be taken on now (the phone's heap reserve); false refuses it (the key monitors nothing,
        /// shows no state, and <see cref="MonitoredExtensions.IsRefused"/> until it is configured again).
        /// </summary>
        bool AdmitKey(int taken);
    }
}
