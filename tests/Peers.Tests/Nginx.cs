using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// Debian's nginx as a provisioning server on a free loopback port: its own configuration, document root, pid and
    /// logs in a temp folder, one process in the foreground (no root needed). Besides the files in <see cref="Root"/>:
    /// /moved.xml redirects (302) to /phone.xml, and /slow/ sends at 20 bytes a second. Given a certificate and key
    /// (PEM files), it serves https instead (<see cref="Url"/> says which).
    /// </summary>
    public sealed class Nginx : IDisposable
    {
        public const string Binary = "/usr/sbin/nginx";
        public const string Missing = "nginx is not installed (apt-get install nginx; .ci/run installs it)";

        private readonly PeerProcess _peer = new PeerProcess("nginx");
        private readonly bool _tls;

        public Nginx(string certificate = null, string key = null)
        {
            _tls = certificate != null;
            Port = LoopbackPorts.FreeTcp();
            string dir = _peer.Dir;
            Root = Path.Combine(dir, "root");
            Directory.CreateDirectory(Root);
            Directory.CreateDirectory(Path.Combine(Root, "slow"));
            Directory.CreateDirectory(Path.Combine(dir, "temp"));
            string conf = Path.Combine(dir, "nginx.conf");
            File.WriteAllText(conf,
                "pid " + Path.Combine(dir, "nginx.pid") + ";\n" +
                "error_log " + Path.Combine(dir, "error.log") + " info;\n" +
                "events { worker_connections 64; }\n" +
                "http {\n" +
                "  access_log " + AccessLogPath + ";\n" +
                "  client_body_temp_path " + Path.Combine(dir, "temp") + ";\n" +
                "  proxy_temp_path " + Path.Combine(dir, "temp") + ";\n" +
                "  fastcgi_temp_path " + Path.Combine(dir, "temp") + ";\n" +
                "  uwsgi_temp_path " + Path.Combine(dir, "temp") + ";\n" +
                "  scgi_temp_path " + Path.Combine(dir, "temp") + ";\n" +
                "  types { application/xml xml; }\n" +
                "  sendfile off;\n" +
                "  server {\n" +
                "    listen 127.0.0.1:" + Port + (_tls ? " ssl" : "") + ";\n" +
                (_tls ? "    ssl_certificate " + certificate + ";\n    ssl_certificate_key " + key + ";\n" : "") +
                "    root " + Root + ";\n" +
                "    location = /moved.xml { return 302 /phone.xml; }\n" +
                "    location /slow/ { limit_rate 20; }\n" +
                "  }\n" +
                "}\n");
            var start = new ProcessStartInfo(Binary);
            foreach (string arg in new[] { "-p", dir, "-c", conf, "-e", Path.Combine(dir, "error.log"), "-g", "daemon off; master_process off;" })
            {
                start.ArgumentList.Add(arg);
            }
            _peer.Start(start);
            WaitUntilListening();
        }

        public int Port { get; }

        /// <summary>The document root: the test writes the provisioning files here.</summary>
        public string Root { get; }

        public string Url => (_tls ? "https" : "http") + "://127.0.0.1:" + Port;

        private string AccessLogPath => Path.Combine(_peer.Dir, "access.log");

        /// <summary>The access log (one line per request nginx answered), for failure messages and checks.</summary>
        public string AccessLog => File.Exists(AccessLogPath) ? File.ReadAllText(AccessLogPath) : "";

        public string Log => _peer.Log + (File.Exists(Path.Combine(_peer.Dir, "error.log")) ? File.ReadAllText(Path.Combine(_peer.Dir, "error.log")) : "");

        public void Write(string name, string content) => File.WriteAllText(Path.Combine(Root, name), content);

        public void Dispose() => _peer.Dispose();

        private void WaitUntilListening()
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                try
                {
                    using var probe = new TcpClient();
                    probe.Connect(IPAddress.Loopback, Port);
                    return;
                }
                catch (SocketException)
                {
                    if (_peer.HasExited)
                    {
                        break;
                    }
                    Thread.Sleep(50);
                }
            }
            throw new InvalidOperationException("nginx did not start; its log:\n" + Log);
        }
    }
}
