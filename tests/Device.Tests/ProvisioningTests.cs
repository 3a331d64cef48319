using System;
using System.Text;
using DeskPhone.Domain.Provisioning;
using DeskPhone.Domain.Settings;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>
    /// Provisioning in the interpreter: the URL with {mac}, the request bytes, a redirect, a chunked answer read in
    /// small pieces and imported, and a document over the limit, through a fake channel in virtual time.
    /// </summary>
    [TestClass]
    public class ProvisioningTests
    {
        private sealed class Channel : IHttpChannel
        {
            public string Opened;
            public string Request;
            public byte[][] Answers;
            public int Next;
            private byte[] _answer;
            private int _at;

            public int State { get; private set; }

            public string Error => null;

            public bool Open(string host, int port, bool tls)
            {
                Opened = host + ":" + port.ToString();
                _answer = Next < Answers.Length ? Answers[Next++] : null;
                _at = 0;
                State = _answer == null ? HttpChannelState.Failed : HttpChannelState.Connected;
                return true;
            }

            public bool Send(byte[] data, int offset, int length)
            {
                Request = Encoding.UTF8.GetString(data, offset, length);
                return true;
            }

            public int Receive(byte[] buffer, int offset, int count)
            {
                if (_answer == null || _at == _answer.Length)
                {
                    return -1;
                }
                // Five bytes a turn, so heads and chunks arrive split.
                int n = _answer.Length - _at < 5 ? _answer.Length - _at : 5;
                n = n < count ? n : count;
                Array.Copy(_answer, _at, buffer, offset, n);
                _at += n;
                return n;
            }

            public void Close()
            {
                State = HttpChannelState.Failed;
            }
        }

        private static long RunUntilIdle(ProvisioningClient client, long now)
        {
            for (int i = 0; i < 10000 && (i == 0 || client.State != ProvisioningClient.Idle); i++)
            {
                client.Poll(now);
                now += 10;
            }
            return now;
        }

        [TestMethod]
        public void AChunkedDocumentBehindARedirectIsImported()
        {
            string xml = "<settings><phone-settings><ring_volume>12</ring_volume><gizmo>x</gizmo></phone-settings></settings>";
            string chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n14\r\n" + xml.Substring(0, 20) + "\r\n" +
                             (xml.Length - 20).ToString("x") + "\r\n" + xml.Substring(20) + "\r\n0\r\n\r\n";
            var channel = new Channel
            {
                Answers = new[]
                {
                    Encoding.UTF8.GetBytes("HTTP/1.1 302 Found\r\nLocation: /final.xml\r\nContent-Length: 0\r\n\r\n"),
                    Encoding.UTF8.GetBytes(chunked),
                },
            };
            var settings = new SettingsStore();
            var client = new ProvisioningClient(channel, settings) { Mac = "02:00:00:00:04:86" };
            client.Configure("http://10.0.0.5:8080/p/{mac}.xml", false, 86400, 0);

            Assert.IsNull(client.Run("test", 0));
            RunUntilIdle(client, 0);

            Assert.IsTrue(client.LastOk, client.LastResult);
            Assert.AreEqual("1 applied, 1 unknown kept, 0 refused", client.LastResult);
            Assert.AreEqual(12, settings.GetInt("ring_volume"));
            Assert.AreEqual("10.0.0.5:8080", channel.Opened);
            Assert.AreEqual("GET /final.xml HTTP/1.1\r\nHost: 10.0.0.5:8080\r\nUser-Agent: DeskPhone\r\n" +
                            "Accept: application/xml, text/xml, */*\r\nConnection: close\r\n\r\n", channel.Request);
        }

        [TestMethod]
        public void TheMacIsFilledInAndAnOversizeDocumentIsRefused()
        {
            var channel = new Channel
            {
                Answers = new[] { Encoding.UTF8.GetBytes("HTTP/1.0 200 OK\r\nContent-Length: 99999\r\n\r\n<settings>") },
            };
            var settings = new SettingsStore();
            var client = new ProvisioningClient(channel, settings) { Mac = "02:00:00:00:04:86" };
            client.Configure("HTTP://prov/{mac}.xml", false, 86400, 0);

            client.Run("test", 0);
            RunUntilIdle(client, 0);

            Assert.AreEqual("GET /020000000486.xml HTTP/1.1\r\nHost: prov\r\n", channel.Request.Substring(0, 44));
            Assert.IsFalse(client.LastOk);
            Assert.AreEqual("too large: the document is over 16384 bytes", client.LastResult);
        }
    }
}
