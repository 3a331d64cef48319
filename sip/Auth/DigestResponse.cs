using System.Text;

namespace DeskPhone.Sip.Auth
{
    /// <summary>Computes the Authorization (or Proxy-Authorization) value that answers a challenge (RFC 2617 3.2.2).</summary>
    public static class DigestResponse
    {
        public static string Response(string user, string password, string method, string uri, DigestChallenge c, int nc, string cnonce)
        {
            string ha1 = Md5.Hex(user + ":" + c.Realm + ":" + password);
            string ha2 = Md5.Hex(method + ":" + uri);
            // The qop part between the nonce and HA2, or none: one concatenation for both forms (Sip's byte code, h-sipmargin).
            string qop = c.QopAuth ? ":" + NonceCount(nc) + ":" + cnonce + ":auth" : "";
            return Md5.Hex(ha1 + ":" + c.Nonce + qop + ":" + ha2);
        }

        public static string Header(string user, string password, string method, string uri, DigestChallenge c, int nc, string cnonce)
        {
            var sb = new StringBuilder("Digest username=\"");
            sb.Append(user).Append("\", realm=\"").Append(c.Realm).Append("\", nonce=\"").Append(c.Nonce);
            sb.Append("\", uri=\"").Append(uri).Append("\", response=\"");
            sb.Append(Response(user, password, method, uri, c, nc, cnonce)).Append("\", algorithm=MD5");
            if (c.QopAuth)
            {
                sb.Append(", qop=auth, nc=").Append(NonceCount(nc)).Append(", cnonce=\"").Append(cnonce).Append('"');
            }
            if (c.Opaque != null)
            {
                sb.Append(", opaque=\"").Append(c.Opaque).Append('"');
            }
            return sb.ToString();
        }

        private static string NonceCount(int nc) => nc.ToString("x8");
    }
}
