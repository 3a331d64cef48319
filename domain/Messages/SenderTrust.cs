namespace DeskPhone.Domain.Messages
{
    /// <summary>
    /// Who may push Infobox messages: the registrar of a registered identity, or a host listed in mb_trusted_hosts
    /// (space or comma separated; host names compare case-insensitively, an entry may carry a port that is ignored).
    /// A part of <see cref="InfoBoxQueue"/>, not a class of its own (a type is 8 B of runtime tables on the device,
    /// h-domslim).
    /// </summary>
    public sealed partial class InfoBoxQueue
    {
        public static bool IsTrusted(string sourceHost, bool fromRegistrar, string trustedHosts)
        {
            if (fromRegistrar)
            {
                return true;
            }
            if (sourceHost == null || sourceHost.Length == 0 || trustedHosts == null)
            {
                return false;
            }
            string host = sourceHost.ToLower();
            int i = 0;
            while (i < trustedHosts.Length)
            {
                while (i < trustedHosts.Length && IsSeparator(trustedHosts[i]))
                {
                    i++;
                }
                int start = i;
                while (i < trustedHosts.Length && !IsSeparator(trustedHosts[i]))
                {
                    i++;
                }
                int end = i;
                int colon = trustedHosts.IndexOf(':', start);
                if (colon >= 0 && colon < end && trustedHosts.IndexOf(':', colon + 1) < 0)
                {
                    end = colon;
                }
                if (end > start && SameHost(host, trustedHosts, start, end))
                {
                    return true;
                }
            }
            return false;
        }

        private static bool SameHost(string host, string list, int start, int end)
        {
            if (host.Length != end - start)
            {
                return false;
            }
            for (int k = 0; k < host.Length; k++)
            {
                char c = list[start + k];
                if (c >= 'A' && c <= 'Z')
                {
                    c = (char)(c + 32);
                }
                if (c != host[k])
                {
                    return false;
                }
            }
            return true;
        }

        private static bool IsSeparator(char c) => c == ' ' || c == ',' || c == '\t' || c == ';';
    }
}
