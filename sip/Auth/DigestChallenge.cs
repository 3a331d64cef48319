namespace DeskPhone.Sip.Auth
{
    /// <summary>A Digest challenge from WWW-Authenticate or Proxy-Authenticate (RFC 2617, RFC 3261 22.4).</summary>
    // Its plain state (Realm, Nonce, Opaque, Algorithm, QopAuth, Stale) is public fields, not properties: no accessor
    // method in the runtime tables, image and calls on the device (issue #17).
    public sealed class DigestChallenge
    {
        public string Realm;
        public string Nonce;
        public string Opaque;
        public string Algorithm;

        /// <summary>True when the server offers qop=auth (the phone then uses it, with nc and cnonce).</summary>
        public bool QopAuth;

        /// <summary>stale=true: the nonce expired but the credentials were right; retry with the new nonce.</summary>
        public bool Stale;

        /// <summary>Parses "Digest realm=..., nonce=..., ..."; null for another scheme, a missing nonce or an unsupported algorithm.</summary>
        public static DigestChallenge Parse(string header)
        {
            if (header == null)
            {
                return null;
            }
            string h = header.Trim();
            if (h.Length < 7 || !(h.Substring(0, 6).ToLower() == "digest") || (h[6] != ' ' && h[6] != '\t'))
            {
                return null;
            }
            var c = new DigestChallenge();
            int i = 7;
            while (i < h.Length)
            {
                while (i < h.Length && (h[i] == ' ' || h[i] == ',' || h[i] == '\t'))
                {
                    i++;
                }
                int eq = h.IndexOf('=', i);
                if (eq < 0)
                {
                    break;
                }
                string name = h.Substring(i, eq - i).Trim().ToLower();
                i = eq + 1;
                while (i < h.Length && h[i] == ' ')
                {
                    i++;
                }
                string value;
                if (i < h.Length && h[i] == '"')
                {
                    int close = h.IndexOf('"', i + 1);
                    if (close < 0)
                    {
                        return null;
                    }
                    value = h.Substring(i + 1, close - i - 1);
                    i = close + 1;
                }
                else
                {
                    int comma = h.IndexOf(',', i);
                    int end = comma < 0 ? h.Length : comma;
                    value = h.Substring(i, end - i).Trim();
                    i = end;
                }
                switch (name)
                {
                    case "realm": c.Realm = value; break;
                    case "nonce": c.Nonce = value; break;
                    case "opaque": c.Opaque = value; break;
                    case "algorithm": c.Algorithm = value; break;
                    case "stale": c.Stale = value.ToLower() == "true"; break;
                    case "qop":
                        // The separator's array made here, with the qop (a challenge's, once a registration): a static one was a
                        // field and an array on the heap from boot (h-margin4).
                        string[] options = value.Split(',');
                        for (int k = 0; k < options.Length; k++)
                        {
                            if (options[k].Trim().ToLower() == "auth")
                            {
                                c.QopAuth = true;
                            }
                        }
                        break;
                }
            }
            if (c.Nonce == null || (c.Algorithm != null && c.Algorithm.ToLower() != "md5"))
            {
                return null;
            }
            return c;
        }
    }
}
