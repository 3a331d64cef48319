using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// PhoneHasLowMemory from the real free heap (issue #21 item 4): every <see cref="PeriodMs"/> the free bytes after a
    /// collection are compared with <c>low_memory_threshold</c>. Below it the status is raised with the free bytes as
    /// its parameter; it clears only once the heap is <see cref="HysteresisBytes"/> above the threshold again, so a
    /// phone hovering at the threshold does not blink the status. Without a heap to ask (the simulator) or with the
    /// threshold 0 nothing is measured.
    /// </summary>
    // Its plain state (LastFree, a report) is public fields, not properties: no accessor method in the runtime
    // tables, image and calls on the device (issue #17).
    public sealed class MemoryWatch
    {
        /// <summary>How often the heap is measured: each measurement is a full collection.</summary>
        public const int PeriodMs = 10000;

        /// <summary>How far above the threshold the free heap must get before the status clears.</summary>
        public const int HysteresisBytes = 2048;

        private readonly PhoneCore _phone;
        private readonly IFreeMemory _memory;
        private long _nextMs;

        /// <param name="memory">The heap to ask; null: never measured.</param>
        public MemoryWatch(PhoneCore phone, IFreeMemory memory, long nowMs)
        {
            _phone = phone;
            _memory = memory;
            _nextMs = nowMs + PeriodMs;
            LastFree = -1;
        }

        /// <summary>The free bytes at the last measurement, -1 before the first (the web interface's figure).</summary>
        public int LastFree;

        /// <summary>From the main loop: measures when the period is over.</summary>
        public void Poll(long nowMs)
        {
            if (_memory == null || nowMs < _nextMs)
            {
                return;
            }
            _nextMs = nowMs + PeriodMs;
            int threshold = _phone.Settings.GetInt(SettingNames.LowMemoryThreshold);
            if (threshold <= 0)
            {
                _phone.Statuses.Clear(StatusId.PhoneHasLowMemory, nowMs);
                return;
            }
            int free = _memory.FreeAfterCollection();
            LastFree = free;
            bool active = _phone.Statuses.IsActive(StatusId.PhoneHasLowMemory);
            if (free < threshold && !active)
            {
                // The parameter is the figure that raised it; later measurements do not raise it again (no event churn).
                _phone.Statuses.Raise(StatusId.PhoneHasLowMemory, free.ToString() + " B free", "memory", nowMs);
            }
            else if (active && free >= threshold + HysteresisBytes)
            {
                _phone.Statuses.Clear(StatusId.PhoneHasLowMemory, nowMs);
            }
        }
    }
}
