namespace DeskPhone.Sip.Text
{
    /// <summary>
    /// A text of several parts, each ended by '\n' (which no token, tag, URI or reason holds; an absent part is empty),
    /// kept as one string instead of one field and one string a part: a subscription's package, target, remote tag and
    /// last failure, a ringing key's pickup (call-id, tags, caller). One reader for all.
    /// </summary>
    public static class LineParts
    {
        public const char End = '\n';

        /// <summary>Where part <paramref name="n"/> (from 0) of <paramref name="text"/> starts.</summary>
        public static int Start(string text, int n)
        {
            int start = 0;
            for (int i = 0; i < n; i++)
            {
                start = text.IndexOf(End, start) + 1;
            }
            return start;
        }

        /// <summary>Part <paramref name="n"/> (from 0) of <paramref name="text"/>, null for an empty one.</summary>
        public static string Part(string text, int n)
        {
            int start = Start(text, n);
            int end = text.IndexOf(End, start);
            return end == start ? null : text.Substring(start, end - start);
        }
    }
}
