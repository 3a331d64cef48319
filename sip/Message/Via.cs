namespace DeskPhone.Sip.Message
{
    /// <summary>One Via value: SIP / 2.0 / transport sent-by;params (white space around the slashes allowed).</summary>
    public sealed class Via
    {
        public string Transport { get; private set; }
        public string Host { get; private set; }

        /// <summary>0 when sent-by names no port.</summary>
        public int Port { get; private set; }

        public string ParamText { get; private set; }

        private string _branch;
        private bool _branchRead;
        private int _rport = NotRead;
        private const int NotRead = -3;

        /// <summary>The branch (kept once read: the transaction cache, the checks and the answer all ask).</summary>
        public string Branch
        {
            get
            {
                if (!_branchRead)
                {
                    _branch = GetParam("branch");
                    _branchRead = true;
                }
                return _branch;
            }
        }

        public string Received => GetParam("received");

        /// <summary>-1 without rport, 0 for a bare rport (the client asks for it), else the port the server filled in.</summary>
        public int Rport
        {
            get
            {
                if (_rport == NotRead)
                {
                    string value = GetParam("rport");
                    int n;
                    _rport = value == null ? -1 : value.Length == 0 || !int.TryParse(value, out n) ? 0 : n;
                }
                return _rport;
            }
        }

        public string GetParam(string name) => Params.Get(ParamText, name);

        public static Via Parse(string value)
        {
            if (value == null)
            {
                return null;
            }
            string[] parts = new string[3];
            int i = 0;
            for (int p = 0; p < 3; p++)
            {
                while (i < value.Length && Token.IsWhite(value[i]))
                {
                    i++;
                }
                int start = i;
                while (i < value.Length && Token.IsTokenChar(value[i]))
                {
                    i++;
                }
                parts[p] = value.Substring(start, i - start);
                while (i < value.Length && Token.IsWhite(value[i]))
                {
                    i++;
                }
                if (p < 2)
                {
                    if (i >= value.Length || value[i] != '/')
                    {
                        return null;
                    }
                    i++;
                }
            }
            if (!HeaderNames.EqualIgnoreCase(parts[0], "SIP") || parts[1] != "2.0" || parts[2].Length == 0)
            {
                return null;
            }
            string rest = value.Substring(i).Trim();
            int semi = rest.IndexOf(';');
            string sentBy = (semi < 0 ? rest : rest.Substring(0, semi)).Trim();
            var via = new Via { Transport = parts[2].ToUpper() };
            if (semi >= 0)
            {
                via.ParamText = rest.Substring(semi + 1);
                if (!Params.Valid(via.ParamText, false))
                {
                    return null;
                }
            }
            SipUri hostPort = SipUri.Parse("sip:" + sentBy);
            if (sentBy.Length == 0 || hostPort == null || hostPort.User != null || hostPort.ParamText != null || hostPort.Headers != null)
            {
                return null;
            }
            via.Host = hostPort.Host;
            via.Port = hostPort.Port;
            return via;
        }
    }
}
