namespace DeskPhone.Sip.Message
{
    /// <summary>Splits a header value at top-level commas: not inside quoted strings or angle brackets.</summary>
    internal static class ValueList
    {
        public static int Count(string value)
        {
            int count = 1;
            int i = 0;
            while ((i = NextComma(value, i)) >= 0)
            {
                count++;
                i++;
            }
            return count;
        }

        public static string Get(string value, int index)
        {
            int start = 0;
            for (int k = 0; k < index; k++)
            {
                int comma = NextComma(value, start);
                if (comma < 0)
                {
                    return null;
                }
                start = comma + 1;
            }
            int end = NextComma(value, start);
            return (end < 0 ? value.Substring(start) : value.Substring(start, end - start)).Trim();
        }

        private static int NextComma(string value, int from) => Separator.Next(value, from, ',', true);
    }
}
