using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using DeskPhone.Domain.Provisioning;
using DeskPhone.Domain.Settings;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Board.Net
{
    /// <summary>
    /// The board's https <see cref="IHttpChannel"/> (docs/provisioning.md, "HTTPS"; <see cref="SchemeChannel"/> sends
    /// http to the plain channel): it connects and shakes hands on a thread of its own over nanoFramework's <see cref="SslStream"/>
    /// (mbedTLS, in System.Net, which the board loads anyway: no further assembly), TLS 1.2, the peer verified
    /// (<see cref="SslVerification.VerifyPeer"/>) against the first CA certificate of <c>custom_certificates</c> and
    /// the URL's host. No CA refuses https with the reason; a failed handshake fails with mbedTLS's reason. The stream
    /// and its buffers exist only while a fetch runs. Not run on a board yet (the POSIX interpreter has no System.Net
    /// natives): built by nf-build, the same flow tested on the simulator's channel.
    /// </summary>
    public sealed class TlsHttpChannel : IHttpChannel
    {
        private readonly SettingsStore _settings;
        private readonly object _sync = new object();
        private int _state = HttpChannelState.Failed;
        private string _error;
        private int _generation;
        private bool _connectRunning;
        private string _host;
        private int _port;
        private X509Certificate _ca;
        private Socket _socket;
        private SslStream _stream;

        public TlsHttpChannel(SettingsStore settings)
        {
            _settings = settings;
        }

        public int State => _state;

        public string Error => _error;

        /// <summary>Always over TLS: the scheme was chosen by <see cref="SchemeChannel"/>.</summary>
        public bool Open(string host, int port, bool tls)
        {
            Close();
            lock (_sync)
            {
                if (_connectRunning)
                {
                    return false;
                }
                _generation++;
                _ca = Authority(_settings.Get(SettingNames.CustomCertificates), out _error);
                if (_ca == null)
                {
                    return true;
                }
                _host = host;
                _port = port;
                _state = HttpChannelState.Connecting;
                _connectRunning = true;
            }
            new Thread(Connect).Start();
            return true;
        }

        public bool Send(byte[] data, int offset, int length)
        {
            SslStream stream = _stream;
            if (stream == null)
            {
                return false;
            }
            try
            {
                stream.Write(data, offset, length);
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        public int Receive(byte[] buffer, int offset, int count)
        {
            SslStream stream = _stream;
            Socket socket = _socket;
            if (stream == null)
            {
                return -1;
            }
            try
            {
                if (!stream.DataAvailable)
                {
                    // Readable with nothing decrypted waiting: the server closed (or a record still arriving, read next turn).
                    return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0 ? -1 : 0;
                }
                int n = stream.Read(buffer, offset, count);
                return n > 0 ? n : -1;
            }
            catch (Exception)
            {
                return -1;
            }
        }

        public void Close()
        {
            lock (_sync)
            {
                _generation++;
                _state = HttpChannelState.Failed;
                if (_stream != null)
                {
                    _stream.Dispose();
                    _stream = null;
                }
                if (_socket != null)
                {
                    // Also makes a connect or handshake in progress fail, so its thread returns.
                    _socket.Close();
                    _socket = null;
                }
            }
        }

        // The first certificate of the setting (space-separated PEM as the settings store keeps it) as DER, or null with why.
        private static X509Certificate Authority(string pem, out string error)
        {
            const string Begin = "-----BEGIN CERTIFICATE-----";
            const string End = "-----END CERTIFICATE-----";
            error = null;
            int at = pem == null ? -1 : pem.IndexOf(Begin);
            int end = at < 0 ? -1 : pem.IndexOf(End, at);
            if (end < 0)
            {
                error = "https needs the server's CA certificate (PEM) in custom_certificates: refused, never fetched unverified";
                return null;
            }
            char[] body = pem.Substring(at + Begin.Length, end - at - Begin.Length).ToCharArray();
            int n = 0;
            for (int i = 0; i < body.Length; i++)
            {
                if (body[i] > ' ')
                {
                    body[n++] = body[i];
                }
            }
            try
            {
                return new X509Certificate(Convert.FromBase64String(new string(body, 0, n)));
            }
            catch (Exception)
            {
                error = "custom_certificates holds a certificate that cannot be read";
                return null;
            }
        }

        private void Connect()
        {
            int generation;
            string host;
            int port;
            X509Certificate ca;
            lock (_sync)
            {
                generation = _generation;
                host = _host;
                port = _port;
                ca = _ca;
            }
            Socket socket = null;
            SslStream stream = null;
            string why = null;
            try
            {
                string address = HostResolver.Resolve(host);
                if (address != null)
                {
                    IPAddress ip = IPAddress.Parse(address);
                    socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                    lock (_sync)
                    {
                        if (generation != _generation)
                        {
                            socket.Close();
                            _connectRunning = false;
                            return;
                        }
                        _socket = socket;
                    }
                    socket.Connect(new IPEndPoint(ip, port));
                    stream = new SslStream(socket);
                    stream.SslVerification = SslVerification.VerifyPeer;
                    why = "TLS handshake with " + host + " failed (certificate not signed by the CA of custom_certificates, or not for this host)";
                    stream.AuthenticateAsClient(host, ca, SslProtocols.Tls12);
                    why = null;
                }
            }
            catch (Exception)
            {
                // Refused, unreachable, closed under the connect, or the handshake refused (why says so).
            }
            lock (_sync)
            {
                _connectRunning = false;
                bool current = generation == _generation;
                bool connected = stream != null && why == null;
                if (current)
                {
                    _stream = connected ? stream : null;
                    _socket = connected ? socket : null;
                    _state = connected ? HttpChannelState.Connected : HttpChannelState.Failed;
                    _error = connected ? null : why;
                }
                if (!current || !connected)
                {
                    if (stream != null)
                    {
                        stream.Dispose();
                    }
                    if (socket != null)
                    {
                        socket.Close();
                    }
                }
            }
        }
    }
}
