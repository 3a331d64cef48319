using System;
using System.Collections.Generic;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using DeskPhone.Domain.Provisioning;
using DeskPhone.Domain.Settings;

namespace DeskPhone.Host.Net
{
    /// <summary>
    /// The simulator's https <see cref="IHttpChannel"/> (docs/provisioning.md, "HTTPS"; <see cref="SchemeChannel"/> sends
    /// http to the plain channel): it connects, resolves and shakes hands over .NET's <see cref="SslStream"/> on a thread of its
    /// own, the server's chain verified against the CA certificates of <c>custom_certificates</c> alone (a custom trust
    /// store: the host's own CAs do not count) and its name against the URL's host. No CA, a chain to another CA or a
    /// name mismatch fail the connection with <see cref="Error"/> saying which; never unverified. A reader thread moves
    /// what arrives into a queue of at most <see cref="MaxQueued"/> bytes that <see cref="Receive"/> empties without waiting.
    /// </summary>
    public sealed class TlsHttpChannel : IHttpChannel
    {
        /// <summary>Bytes read ahead of the loop at most (the reader waits beyond that).</summary>
        public const int MaxQueued = 64 * 1024;

        public const int ConnectTimeoutMs = 10000;

        private readonly SettingsStore _settings;
        private readonly object _sync = new object();
        private readonly Queue<byte[]> _queue = new Queue<byte[]>();
        private int _state = HttpChannelState.Failed;
        private string _error;
        private int _generation;
        private TcpClient _client;
        private SslStream _stream;
        private int _queued;
        private int _headOffset;
        private bool _ended;

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
            X509Certificate2Collection cas = Authorities(_settings.Get(SettingNames.CustomCertificates), out string error);
            lock (_sync)
            {
                _generation++;
                _error = error;
                _state = error == null ? HttpChannelState.Connecting : HttpChannelState.Failed;
            }
            if (error == null)
            {
                int generation = _generation;
                new Thread(() => Connect(host, port, cas, generation)) { IsBackground = true, Name = "tls-connect" }.Start();
            }
            return true;
        }

        public bool Send(byte[] data, int offset, int length)
        {
            SslStream stream = _stream;
            try
            {
                stream?.Write(data, offset, length);
                return stream != null;
            }
            catch (Exception)
            {
                return false;
            }
        }

        public int Receive(byte[] buffer, int offset, int count)
        {
            lock (_sync)
            {
                if (_queue.Count == 0)
                {
                    return _ended || _state != HttpChannelState.Connected ? -1 : 0;
                }
                byte[] head = _queue.Peek();
                int n = Math.Min(count, head.Length - _headOffset);
                Array.Copy(head, _headOffset, buffer, offset, n);
                _headOffset += n;
                if (_headOffset == head.Length)
                {
                    _queue.Dequeue();
                    _headOffset = 0;
                }
                _queued -= n;
                Monitor.PulseAll(_sync);
                return n;
            }
        }

        public void Close()
        {
            lock (_sync)
            {
                _generation++;
                _state = HttpChannelState.Failed;
                _queue.Clear();
                _queued = 0;
                _headOffset = 0;
                _ended = false;
                _stream?.Dispose();
                _client?.Dispose();
                _stream = null;
                _client = null;
                Monitor.PulseAll(_sync);
            }
        }

        /// <summary>
        /// The CA certificates of the setting (PEM, one or more; the settings store keeps them space-separated on one
        /// line, which is read back the same way), or null with the reason.
        /// </summary>
        public static X509Certificate2Collection Authorities(string pem, out string error)
        {
            error = null;
            var cas = new X509Certificate2Collection();
            const string Begin = "-----BEGIN CERTIFICATE-----", End = "-----END CERTIFICATE-----";
            int at = pem == null ? -1 : pem.IndexOf(Begin, StringComparison.Ordinal);
            while (at >= 0)
            {
                int end = pem.IndexOf(End, at, StringComparison.Ordinal);
                if (end < 0)
                {
                    break;
                }
                string body = pem.Substring(at + Begin.Length, end - at - Begin.Length).Replace(" ", "").Replace("\r", "").Replace("\n", "");
                try
                {
                    cas.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(body)));
                }
                catch (Exception e) when (e is FormatException || e is System.Security.Cryptography.CryptographicException)
                {
                    error = "custom_certificates holds a certificate that cannot be read (" + e.Message + ")";
                    return null;
                }
                at = pem.IndexOf(Begin, end, StringComparison.Ordinal);
            }
            if (cas.Count == 0)
            {
                error = "https needs the server's CA certificate (PEM) in custom_certificates: refused, never fetched unverified";
                return null;
            }
            return cas;
        }

        private void Connect(string host, int port, X509Certificate2Collection cas, int generation)
        {
            var client = new TcpClient();
            SslStream stream = null;
            string why = null;
            try
            {
                string address = DeskPhone.Sip.Transport.HostResolver.Resolve(host);
                if (address == null)
                {
                    throw new SocketException((int)SocketError.HostNotFound);
                }
                if (!client.ConnectAsync(System.Net.IPAddress.Parse(address), port).Wait(ConnectTimeoutMs))
                {
                    throw new TimeoutException();
                }
                stream = new SslStream(client.GetStream(), false, (sender, certificate, chain, errors) => Verify(certificate, errors, cas, out why));
                stream.AuthenticateAsClient(new SslClientAuthenticationOptions { TargetHost = host.Trim('[', ']') });
            }
            catch (Exception e)
            {
                why ??= e is System.Security.Authentication.AuthenticationException
                    ? "TLS handshake failed: " + e.Message
                    : null;
                stream?.Dispose();
                client.Dispose();
                lock (_sync)
                {
                    if (generation == _generation)
                    {
                        _error = why;
                        _state = HttpChannelState.Failed;
                    }
                }
                return;
            }
            lock (_sync)
            {
                if (generation != _generation)
                {
                    stream.Dispose();
                    client.Dispose();
                    return;
                }
                _client = client;
                _stream = stream;
                _state = HttpChannelState.Connected;
            }
            Read(stream, generation);
        }

        // The server's certificate chains to one of the CAs (and to nothing else) and names the host; else why not.
        private static bool Verify(X509Certificate certificate, SslPolicyErrors errors, X509Certificate2Collection cas, out string why)
        {
            why = null;
            if (certificate == null)
            {
                why = "the server sent no certificate";
                return false;
            }
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(cas);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var server = new X509Certificate2(certificate);
            if (!chain.Build(server))
            {
                string status = chain.ChainStatus.Length > 0 ? chain.ChainStatus[0].StatusInformation.Trim() : "untrusted";
                why = "the server's certificate (" + server.Subject + ") is not signed by a CA of custom_certificates: " + status;
                return false;
            }
            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                why = "the server's certificate (" + server.Subject + ") does not name this host";
                return false;
            }
            return true;
        }

        private void Read(SslStream stream, int generation)
        {
            var chunk = new byte[4096];
            while (true)
            {
                int n;
                try
                {
                    n = stream.Read(chunk, 0, chunk.Length);
                }
                catch (Exception)
                {
                    n = 0;
                }
                lock (_sync)
                {
                    if (generation != _generation)
                    {
                        return;
                    }
                    if (n <= 0)
                    {
                        _ended = true;
                        return;
                    }
                    _queue.Enqueue(chunk.AsSpan(0, n).ToArray());
                    _queued += n;
                    while (_queued >= MaxQueued && generation == _generation)
                    {
                        Monitor.Wait(_sync);
                    }
                }
            }
        }
    }
}
