namespace DeskPhone.Sip.Message
{
    /// <summary>Finds the next ';' of a parameter list that is not inside a quoted string.</summary>
    internal static class Separator
    {
        /// <summary>
        /// The first ';' in [from, end) outside quotes, or -1. Its one use, a parameter list's walk (<see cref="Params"/>):
        /// the separator and the &lt;&gt; option nobody passed went, paying Sip's byte code for the request check's numbers
        /// read from bytes (h-checkbytes).
        /// </summary>
        public static int Next(char[] value, int from, int end)
        {
            bool quoted = false;
            for (int i = from; i < end; i++)
            {
                char c = value[i];
                if (quoted)
                {
                    if (c == '\\')
                    {
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ';')
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
