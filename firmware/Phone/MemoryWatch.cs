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
    /// <para>
    /// It also drives the phone's <see cref="HeapReserve"/> (issue #17): its first poll (the first loop turn, the phone
    /// built) lets admissions in, every turn after takes on the next part while one waits its turn, and while something
    /// is refused every period asks again; the reserve it keeps is <c>low_memory_threshold</c>. Once a take-on is over, what is refused is the status's parameter ("12 of 45
    /// BLF keys not monitored") and a log line (parts waiting their turn are not said).
    /// </para>
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
        private bool _started;
        // The reserve's Changes when what it refuses was last said.
        private int _said;
        // What the reserve refused when last said (the status's parameter and the log's line), null: nothing.
        private string _refused;

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
            if (_memory == null)
            {
                return;
            }
            HeapReserve reserve = _phone.Reserve;
            bool due = nowMs >= _nextMs;
            int threshold = 0;
            if (due || !_started)
            {
                threshold = _phone.Settings.GetInt(SettingNames.LowMemoryThreshold);
                if (reserve != null)
                {
                    // The reserve is the threshold: what would make the phone low on memory is not taken on.
                    reserve.KeepBytes = threshold > 0 ? threshold : 0;
                }
            }
            if (reserve != null)
            {
                // A status raised while the heap is short (low, or something refused) keeps no parameter (or, needing
                // more slots, is not raised).
                _phone.Statuses.Lean = reserve.Short ? reserve.Counts() : null;
                if (due)
                {
                    reserve.ReportTransient();
                }
                if (!_started || reserve.Busy || (due && reserve.Refusing))
                {
                    _started = true;
                    reserve.Retry(nowMs);
                }
                // Said once a take-on is over, and when a setting's change refused or freed a part between periods.
                if (!reserve.Busy && reserve.Changes != _said)
                {
                    _said = reserve.Changes;
                    SayRefused(reserve.Refused, nowMs);
                }
            }
            if (!due)
            {
                return;
            }
            _nextMs = nowMs + PeriodMs;
            if (threshold <= 0)
            {
                if ((object)_refused == null)
                {
                    _phone.Statuses.Clear(StatusId.PhoneHasLowMemory, nowMs);
                }
                return;
            }
            int free = reserve != null ? reserve.Measure() : _memory.FreeAfterCollection();
            LastFree = free;
            bool active = _phone.Statuses.IsActive(StatusId.PhoneHasLowMemory);
            if (free < threshold && !active)
            {
                // The parameter is the figure that raised it; later measurements do not raise it again (no event churn).
                RaiseLow(free.ToString() + " B free", nowMs);
            }
            else if (active && (object)_refused == null && free >= threshold + HysteresisBytes)
            {
                _phone.Statuses.Clear(StatusId.PhoneHasLowMemory, nowMs);
            }
        }

        /// <summary>PhoneHasLowMemory with its parameter even while the statuses are lean: the report is what low memory must say.</summary>
        private void RaiseLow(string param, long nowMs)
        {
            StatusScheduler statuses = _phone.Statuses;
            int[] lean = statuses.Lean;
            statuses.Lean = null;
            statuses.Raise(StatusId.PhoneHasLowMemory, param, "memory", nowMs);
            statuses.Lean = lean;
        }

        /// <summary>
        /// What the reserve refuses, when it changed: the status with it as parameter (what was refused says more than a
        /// figure) and a log line; once nothing is refused the status clears unless the heap is below the threshold.
        /// </summary>
        private void SayRefused(string refused, long nowMs)
        {
            if ((object)refused == null ? (object)_refused == null : (object)_refused != null && refused == _refused)
            {
                return;
            }
            _refused = refused;
            if ((object)refused != null)
            {
                RaiseLow(refused, nowMs);
                _phone.Raise(PhoneEventKind.Status, "low memory: " + refused);
                return;
            }
            _phone.Raise(PhoneEventKind.Status, "low memory: all taken on");
            int threshold = _phone.Settings.GetInt(SettingNames.LowMemoryThreshold);
            if (threshold <= 0 || LastFree < 0 || LastFree >= threshold + HysteresisBytes)
            {
                _phone.Statuses.Clear(StatusId.PhoneHasLowMemory, nowMs);
            }
        }
    }
}
