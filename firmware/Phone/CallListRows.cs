using DeskPhone.Domain.Calls;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>The rows of a call list in the menu, newest first: who (name and number, or the number) and, for received calls, how long.</summary>
    // Part of ScreenMenus (partial, a file each): a type of its own is 8 B of runtime tables (h-firmslim).
    public sealed partial class ScreenMenus
    {
        private static string[] CallRows(CallList list, bool withDuration)
        {
            if (list.Count == 0)
            {
                return new[] { "No calls" };
            }
            var rows = new string[list.Count];
            for (int i = 0; i < rows.Length; i++)
            {
                CallRecord r = list.Get(i);
                string number = UserOf(r.Remote);
                string who = r.Name != null && r.Name.Length > 0 ? r.Name + " " + number : number;
                rows[i] = withDuration ? who + " " + CallDisplay.Duration(r.Seconds) : who;
            }
            return rows;
        }

        /// <summary>"sip:555@pbx" reads "555"; anything else as it is.</summary>
        private static string UserOf(string uri)
        {
            if (uri == null)
            {
                return "";
            }
            int start = uri.StartsWith("sip:") ? 4 : uri.StartsWith("sips:") ? 5 : 0;
            int at = uri.IndexOf('@');
            return at > start ? uri.Substring(start, at - start) : uri.Substring(start);
        }
    }
}
