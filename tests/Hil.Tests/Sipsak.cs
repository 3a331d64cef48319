using System.Diagnostics;
using System.IO;

namespace DeskPhone.Hil.Tests
{
    /// <summary>Debian's sipsak, as the seed's flow uses it: a MESSAGE from a file (its -M mode crashes on Debian 12).</summary>
    internal static class Sipsak
    {
        public static bool Installed => File.Exists("/usr/bin/sipsak");

        public const string Missing = "sipsak is not installed (apt-get install sipsak; .ci/run installs it)";

        /// <summary>Sends a text MESSAGE to user@host:port and returns sipsak's output (with -vv it shows the reply).</summary>
        public static string Message(string user, string host, int port, string text)
        {
            string file = Path.GetTempFileName();
            byte[] body = System.Text.Encoding.UTF8.GetBytes(text);
            string message =
                "MESSAGE sip:" + user + "@" + host + ":" + port + " SIP/2.0\r\n" +
                "Via: SIP/2.0/UDP " + host + ":9;branch=z9hG4bK" + System.Guid.NewGuid().ToString("N").Substring(0, 12) + ";rport\r\n" +
                "From: <sip:sipsak@" + host + ">;tag=" + System.Guid.NewGuid().ToString("N").Substring(0, 8) + "\r\n" +
                "To: <sip:" + user + "@" + host + ">\r\n" +
                "Call-ID: " + System.Guid.NewGuid().ToString("N") + "@" + host + "\r\n" +
                "CSeq: 1 MESSAGE\r\n" +
                "Max-Forwards: 70\r\n" +
                "Content-Type: text/plain\r\n" +
                "Content-Length: " + body.Length + "\r\n\r\n";
            File.WriteAllBytes(file, Concat(System.Text.Encoding.ASCII.GetBytes(message), body));
            try
            {
                var start = new ProcessStartInfo("sipsak", "-vv -f " + file + " -s sip:" + user + "@" + host + ":" + port)
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                using Process p = Process.Start(start);
                string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
                if (!p.WaitForExit(20000))
                {
                    p.Kill();
                }
                return output;
            }
            finally
            {
                File.Delete(file);
            }
        }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            var all = new byte[a.Length + b.Length];
            a.CopyTo(all, 0);
            b.CopyTo(all, a.Length);
            return all;
        }
    }
}
