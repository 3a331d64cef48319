using System.Collections;

namespace DeskPhone.Firmware.Status
{
    /// <summary>
    /// Which categories each status ID is in, and the optional ":N" seconds of each entry, parsed from the six
    /// status_msgs_* setting strings. Unknown IDs and bad numbers are reported and skipped, never fatal.
    /// </summary>
    public sealed class StatusCategories
    {
        /// <summary>":N" above this many seconds (a day) is refused as a typo.</summary>
        public const int MaxSeconds = 86400;

        // Per (ID, category): -1 when the ID is not in the category, else position << SecondsBits | (seconds + 1), one
        // int instead of three arrays. A settings list holds at most 4,096 characters, so six of them stay far below
        // MaxPosition entries; entries past it share the last position.
        private const int SecondsBits = 17;
        private const int SecondsMask = (1 << SecondsBits) - 1;
        private const int MaxPosition = (1 << (31 - SecondsBits)) - 1;

        private readonly int[] _entries = new int[StatusId.Count * StatusCategory.Count];
        private int _nextPosition;
        private readonly ArrayList _problems = new ArrayList();

        public StatusCategories()
        {
            Clear();
        }

        /// <summary>One line per unknown ID or bad number of the last <see cref="Configure"/>, for the bench and logs.</summary>
        public ArrayList Problems => _problems;

        public bool IsIn(int id, int category) => _entries[id * StatusCategory.Count + category] >= 0;

        /// <summary>The ":N" of the ID's entry in a category: -1 when none was given (0 means until cleared).</summary>
        public int Seconds(int id, int category)
        {
            int entry = _entries[id * StatusCategory.Count + category];
            return entry < 0 ? -1 : (entry & SecondsMask) - 1;
        }

        /// <summary>Where the ID's entry stands in the category's list (smaller is earlier): the priority within a rank.</summary>
        public int Position(int id, int category)
        {
            int entry = _entries[id * StatusCategory.Count + category];
            return entry < 0 ? int.MaxValue : entry >> SecondsBits;
        }

        public void Configure(string blocked, string showDirectly, string essential, string important, string audio, string popUp)
        {
            Clear();
            Parse(StatusCategory.Blocked, blocked);
            Parse(StatusCategory.ShowDirectly, showDirectly);
            Parse(StatusCategory.Essential, essential);
            Parse(StatusCategory.Important, important);
            Parse(StatusCategory.AudioIndication, audio);
            Parse(StatusCategory.PopUp, popUp);
        }

        private void Clear()
        {
            for (int i = 0; i < _entries.Length; i++)
            {
                _entries[i] = -1;
            }
            _nextPosition = 0;
            _problems.Clear();
        }

        private void Parse(int category, string list)
        {
            if (list == null)
            {
                return;
            }
            int i = 0;
            while (i < list.Length)
            {
                while (i < list.Length && IsSeparator(list[i]))
                {
                    i++;
                }
                int start = i;
                while (i < list.Length && !IsSeparator(list[i]))
                {
                    i++;
                }
                if (i > start)
                {
                    AddEntry(category, list, start, i);
                }
            }
        }

        private void AddEntry(int category, string list, int start, int end)
        {
            int colon = start;
            while (colon < end && list[colon] != ':')
            {
                colon++;
            }
            int id = StatusCatalog.Find(list, start, colon - start);
            if (id < 0)
            {
                _problems.Add(StatusCategory.SettingName(category) + ": unknown status ID '" + list.Substring(start, colon - start) + "'");
                return;
            }
            int seconds = -1;
            if (colon < end)
            {
                seconds = ParseSeconds(list, colon + 1, end);
                if (seconds < 0)
                {
                    _problems.Add(StatusCategory.SettingName(category) + ": bad seconds in '" + list.Substring(start, end - start) +
                                  "' (a whole number from 0 to " + MaxSeconds.ToString() + ")");
                    return;
                }
            }
            int at = id * StatusCategory.Count + category;
            int position = _entries[at] >= 0 ? _entries[at] >> SecondsBits : _nextPosition < MaxPosition ? _nextPosition++ : MaxPosition;
            _entries[at] = position << SecondsBits | (seconds + 1);
        }

        private static int ParseSeconds(string s, int start, int end)
        {
            if (end == start || end - start > 5)
            {
                return -1;
            }
            int n = 0;
            for (int i = start; i < end; i++)
            {
                char c = s[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }
                n = n * 10 + (c - '0');
            }
            return n <= MaxSeconds ? n : -1;
        }

        private static bool IsSeparator(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',';
    }
}
