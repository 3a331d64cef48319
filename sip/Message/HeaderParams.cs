namespace DeskPhone.Sip.Message
{
    /// <summary>The ";name=value" parameters of a header value such as Subscription-State or Event.</summary>
    public static class HeaderParams
    {
        /// <summary>The token before the first ';' (trimmed, lower case), e.g. "active" of "active;expires=600".</summary>
        public static string Value(string header)
        {
            if (header == null)
            {
                return null;
            }
            int semi = header.IndexOf(';');
            return (semi < 0 ? header : header.Substring(0, semi)).Trim().ToLower();
        }

        /// <summary>A parameter's value ("" when it has none), or null when absent; quotes are removed.</summary>
        public static string Get(string header, string name)
        {
            if (header == null)
            {
                return null;
            }
            int semi = header.IndexOf(';');
            return semi < 0 ? null : Params.Get(header.Substring(semi + 1), name);
        }
    }
}
