namespace DeskPhone.Domain.Provisioning
{
    /// <summary>
    /// The <see cref="IHttpChannel"/> a fetch is given on the board and the simulator: http goes to the plain channel,
    /// https to the TLS one (docs/provisioning.md, "HTTPS"), so each host's TLS adapter holds only its TLS part. The
    /// last <see cref="Open"/> decides which channel answers State, Error, Send and Receive until the next.
    /// </summary>
    public sealed class SchemeChannel : IHttpChannel
    {
        private readonly IHttpChannel _plain;
        private readonly IHttpChannel _tls;
        private IHttpChannel _current;

        public SchemeChannel(IHttpChannel plain, IHttpChannel tls)
        {
            _plain = plain;
            _tls = tls;
            _current = plain;
        }

        public int State => _current.State;

        public string Error => _current.Error;

        public bool Open(string host, int port, bool tls)
        {
            Close();
            _current = tls ? _tls : _plain;
            return _current.Open(host, port, tls);
        }

        public bool Send(byte[] data, int offset, int length)
        {
            return _current.Send(data, offset, length);
        }

        public int Receive(byte[] buffer, int offset, int count)
        {
            return _current.Receive(buffer, offset, count);
        }

        public void Close()
        {
            _plain.Close();
            _tls.Close();
        }
    }
}
