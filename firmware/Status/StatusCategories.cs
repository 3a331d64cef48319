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

        private readonly int[] _bits = new int[StatusId.Count];
        private readonly int[] _seconds = new int[StatusId.Count * StatusCategory.Count];
        private readonly int[] _position = new int[StatusId.Count * StatusCategory.Count];
        private int _nextPosition;
        private readonly ArrayList _problems = new ArrayList();

        public StatusCategories()
        {
            Clear();
        }

        /// <summary>One line per unknown ID or bad number of the last <see cref="Configure"/>, for the bench and logs.</summary>
        public ArrayList Problems => _problems;

        public bool IsIn(int id, int category) => (_bits[id] & StatusCategory.Bit(category)) != 0;

        /// <summary>The ":N" of the ID's entry in a category: -1 when none was given (0 means until cleared).</summary>
        public int Seconds(int id, int category) => _seconds[id * StatusCategory.Count + category];

        /// <summary>Where the ID's entry stands in the category's list (smaller is earlier): the priority within a rank.</summary>
        public int Position(int id, int category) => _position[id * StatusCategory.Count + category];

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
            for (int i = 0; i < _bits.Length; i++)
            {
                _bits[i] = 0;
            }
            for (int i = 0; i < _seconds.Length; i++)
            {
                _seconds[i] = -1;
                _position[i] = int.MaxValue;
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
            _bits[id] |= StatusCategory.Bit(category);
            _seconds[id * StatusCategory.Count + category] = seconds;
            if (_position[id * StatusCategory.Count + category] == int.MaxValue)
            {
                _position[id * StatusCategory.Count + category] = _nextPosition++;
            }
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
