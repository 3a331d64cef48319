using System.Text;
using DeskPhone.Domain.Settings;

namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// The call lists kept across a restart in one blob beside the settings (<see cref="Name"/> on the settings
    /// medium): a line per entry, oldest first, "m|r|d TAB identity TAB seconds TAB remote TAB name". Remote and name
    /// come from the network, so each is cut to <see cref="MaxField"/> characters and its tabs and line breaks become
    /// spaces; the blob is at most 3 x CallList.Capacity lines. The time of a call is not kept (the phone's clock
    /// restarts), so loaded entries have time 0. A blob that cannot be read or written is left alone: the lists stay
    /// in memory.
    /// </summary>
    // Static, the medium the history's (CallHistory.Medium): an object of its own and the call layer's handler that
    // saved through it were 60 B of every call (h-callstream).
    public static class CallListFile
    {
        public const string Name = "calls.txt";

        /// <summary>Longest remote URI or name kept.</summary>
        public const int MaxField = 96;

        // Larger than any blob this class writes (30 lines of two fields and numbers): anything bigger is not ours.
        private const int MaxBlob = 3 * CallList.Capacity * (2 * MaxField + 24);

        /// <summary>Adds the entries kept on the history's medium to its (empty) lists; false when there was nothing usable.</summary>
        public static bool Load(CallHistory calls)
        {
            byte[] blob;
            try
            {
                blob = calls.Medium.Read(Name);
            }
            catch (System.Exception)
            {
                return false;
            }
            if (blob == null || blob.Length == 0 || blob.Length > MaxBlob)
            {
                return false;
            }
            string[] lines = Encoding.UTF8.GetString(blob, 0, blob.Length).Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string[] f = lines[i].Split('\t');
                int identity;
                int seconds;
                if (f.Length != 5 || f[0].Length != 1 || !int.TryParse(f[1], out identity) || !int.TryParse(f[2], out seconds))
                {
                    continue;
                }
                CallList list = f[0] == "m" ? calls.Missed : f[0] == "r" ? calls.Received : f[0] == "d" ? calls.Dialled : null;
                if (list != null)
                {
                    list.Add(new CallRecord(f[3], f[4].Length == 0 ? null : f[4], identity, 0, seconds));
                }
            }
            return true;
        }

        /// <summary>Writes the history's lists to its medium (what cannot be written stays in memory).</summary>
        public static void Save(CallHistory calls)
        {
            var sb = new StringBuilder();
            Append(sb, 'm', calls.Made('m'));
            Append(sb, 'r', calls.Made('r'));
            Append(sb, 'd', calls.Made('d'));
            byte[] blob = Encoding.UTF8.GetBytes(sb.ToString());
            try
            {
                calls.Medium.Write(Name, blob, 0, blob.Length);
            }
            catch (System.Exception)
            {
                // Storage full or failing: the lists stay in memory; the next change tries again.
            }
        }

        private static void Append(StringBuilder sb, char kind, CallList list)
        {
            for (int i = list == null ? -1 : list.Count - 1; i >= 0; i--)
            {
                CallRecord r = list.Get(i);
                sb.Append(kind).Append('\t').Append(r.Identity).Append('\t').Append(r.Seconds).Append('\t')
                  .Append(Clean(r.Remote)).Append('\t').Append(Clean(r.Name)).Append('\n');
            }
        }

        private static string Clean(string text)
        {
            if (text == null)
            {
                return "";
            }
            char[] chars = (text.Length > MaxField ? text.Substring(0, MaxField) : text).ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] == '\t' || chars[i] == '\n' || chars[i] == '\r')
                {
                    chars[i] = ' ';
                }
            }
            return new string(chars);
        }
    }
}
