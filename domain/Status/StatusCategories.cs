using System.Collections;
using DeskPhone.Sip.Text;

namespace DeskPhone.Domain.Status
{
    /// <summary>
    /// Which categories each status ID is in, and the optional ":N" seconds of each entry, parsed from the six
    /// status_msgs_* setting strings. Unknown IDs and bad numbers are reported and skipped, never fatal.
    /// </summary>
    public sealed partial class StatusCategories
    {
        /// <summary>":N" above this many seconds (a day) is refused as a typo.</summary>
        public const int MaxSeconds = 86400;

        private const byte NotIn = 255;

        // Per ID: the categories it is in (bit c for category c) from 0, and from RankAt its entry's place among the
        // distinct IDs of its ranking category (essential, else important, else show-directly; NotIn: none), the only
        // place the status line compares; from CountAt the entries per category (at most one per ID, so under 256). Two
        // bytes an ID instead of one per (ID, category): 224 B instead of 576 B on nanoCLR; one array for the three
        // (issue #17: 84 B less).
        private const int RankAt = StatusId.Count;
        private const int CountAt = 2 * StatusId.Count;
        private readonly byte[] _bytes = new byte[CountAt + Count];

        // The few entries with ":N", sorted by (ID, category) index, each index << SecondsBits | its seconds (one int each:
        // an index is under 2^14, MaxSeconds under 2^17); most entries have none, so the array is made by the first. Exactly
        // as long as the entries (null: none), made again by each change (only while the lists are configured): no spare
        // slots and no count field, 36 B at rest in office (docs/benchmarks.md h-restcuts3).
        private const int SecondsBits = 17;
        private int[] _timed;
        // Made by the first problem: the default lists and a correct provisioning have none (an ArrayList is 120 B).
        private ArrayList _problems;

        public StatusCategories()
        {
            Clear();
        }

        /// <summary>One line per unknown ID or bad number of the last <see cref="Configure"/>, for the bench and logs (a new empty list when none).</summary>
        public ArrayList Problems => _problems ?? new ArrayList();

        private void Problem(string line)
        {
            if (_problems == null)
            {
                _problems = new ArrayList();
            }
            _problems.Add(line);
        }

        public bool IsIn(int id, int category) => (_bytes[id] & (1 << category)) != 0;

        /// <summary>The ":N" of the ID's entry in a category: -1 when none was given (0 means until cleared).</summary>
        public int Seconds(int id, int category)
        {
            int at = FindTimed(id * Count + category);
            return at >= 0 ? _timed[at] & ((1 << SecondsBits) - 1) : -1;
        }

        /// <summary>
        /// The status line's rank of an ID: 3 essential, 2 important, 1 show-directly only, 0 none of them (an ID in
        /// several of these lists ranks by the highest).
        /// </summary>
        public int Rank(int id) => RankOf(_bytes[id]);

        /// <summary>
        /// Where the ID's entry stands in the list of its rank's category (smaller is earlier): the priority within a
        /// rank; <see cref="int.MaxValue"/> for rank 0.
        /// </summary>
        public int RankPosition(int id)
        {
            int position = _bytes[RankAt + id];
            return position == NotIn ? int.MaxValue : position;
        }

        private static int RankOf(int member)
        {
            if ((member & (1 << Essential)) != 0)
            {
                return 3;
            }
            if ((member & (1 << Important)) != 0)
            {
                return 2;
            }
            return (member & (1 << ShowDirectly)) != 0 ? 1 : 0;
        }

        public void Configure(string blocked, string showDirectly, string essential, string important, string audio, string popUp)
        {
            Clear();
            Parse(Blocked, blocked);
            Parse(ShowDirectly, showDirectly);
            Parse(Essential, essential);
            Parse(Important, important);
            Parse(AudioIndication, audio);
            Parse(PopUp, popUp);
        }

        private void Clear()
        {
            for (int i = 0; i < RankAt; i++)
            {
                _bytes[i] = 0;
                _bytes[RankAt + i] = NotIn;
            }
            for (int c = CountAt; c < _bytes.Length; c++)
            {
                _bytes[c] = 0;
            }
            _timed = null;
            _problems = null;
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
                Problem(SettingName(category) + ": unknown status ID '" + list.Substring(start, colon - start) + "'");
                return;
            }
            int seconds = -1;
            if (colon < end)
            {
                seconds = ParseSeconds(list, colon + 1, end);
                if (seconds < 0)
                {
                    Problem(SettingName(category) + ": bad seconds in '" + list.Substring(start, end - start) +
                                  "' (a whole number from 0 to " + MaxSeconds.ToString() + ")");
                    return;
                }
            }
            int at = id * Count + category;
            int member = _bytes[id];
            if ((member & (1 << category)) == 0)
            {
                int position = _bytes[CountAt + category]++;
                _bytes[id] = (byte)(member | (1 << category));
                // An entry gives the ID its place when it raises the ID's rank (whatever the order the lists are parsed
                // in: an essential ID that is also important keeps its essential place).
                if (RankOf(_bytes[id]) > RankOf(member))
                {
                    _bytes[RankAt + id] = (byte)position;
                }
            }
            SetTimed(at, seconds);
        }

        private int FindTimed(int at)
        {
            int lo = 0;
            int hi = (_timed == null ? 0 : _timed.Length) - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                int atMid = _timed[mid] >> SecondsBits;
                if (atMid == at)
                {
                    return mid;
                }
                if (atMid < at)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }
            return ~lo;
        }

        /// <summary>A later entry for the same ID overrides an earlier one's ":N", with or without one of its own.</summary>
        private void SetTimed(int at, int seconds)
        {
            int i = FindTimed(at);
            if (i >= 0)
            {
                if (seconds >= 0)
                {
                    _timed[i] = at << SecondsBits | seconds;
                    return;
                }
                int[] fewer = _timed.Length == 1 ? null : new int[_timed.Length - 1];
                if (fewer != null)
                {
                    System.Array.Copy(_timed, fewer, i);
                    System.Array.Copy(_timed, i + 1, fewer, i, fewer.Length - i);
                }
                _timed = fewer;
                return;
            }
            if (seconds < 0)
            {
                return;
            }
            i = ~i;
            int count = _timed == null ? 0 : _timed.Length;
            int[] more = new int[count + 1];
            if (count > 0)
            {
                System.Array.Copy(_timed, more, i);
                System.Array.Copy(_timed, i, more, i + 1, count - i);
            }
            more[i] = at << SecondsBits | seconds;
            _timed = more;
        }

        private static int ParseSeconds(string s, int start, int end)
        {
            long n = DecimalDigits.Parse(s, start, end, 5);
            return n >= 0 && n <= MaxSeconds ? (int)n : -1;
        }

        private static bool IsSeparator(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',';
    }
}
