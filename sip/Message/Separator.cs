namespace DeskPhone.Sip.Message
{
    /// <summary>Finds the next separator of a header value that is not inside a quoted string (nor, optionally, &lt;&gt;).</summary>
    internal static class Separator
    {
        /// <summary>The first <paramref name="separator"/> in [from, end) outside quotes (and &lt;&gt;), or -1.</summary>
        public static int Next(char[] value, int from, int end, char separator, bool angleBrackets)
        {
            bool quoted = false;
            bool angle = false;
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
                else if (angleBrackets && c == '<')
                {
                    angle = true;
                }
                else if (angleBrackets && c == '>')
                {
                    angle = false;
                }
                else if (c == separator && !angle)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
