namespace DeskPhone.Sip.Message
{
    /// <summary>Finds the next separator of a header value that is not inside a quoted string (nor, optionally, &lt;&gt;).</summary>
    internal static class Separator
    {
        public static int Next(string value, int from, char separator, bool angleBrackets)
        {
            bool quoted = false;
            bool angle = false;
            for (int i = from; i < value.Length; i++)
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
