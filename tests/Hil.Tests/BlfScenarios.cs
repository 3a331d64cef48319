using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace DeskPhone.Hil.Tests
{
    /// <summary>
    /// A BLF key end to end over SIP: the phone subscribes to a colleague's dialog state at its registrar, and the
    /// key's LED follows the NOTIFYs (ringing blinks fast, connected is steady, idle is dark). The registrar and
    /// presence server here is a scripted UDP peer of the test's own on loopback.
    /// </summary>
    public class BlfScenarios
    {
        private sealed class ScriptedServer : IDisposable
        {
            private readonly UdpClient _socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            private readonly Thread _thread;
            private volatile bool _running = true;

            public ScriptedServer()
            {
                _socket.Client.ReceiveTimeout = 200;
                _thread = new Thread(Run) { IsBackground = true };
                _thread.Start();
            }

            public int Port => ((IPEndPoint)_socket.Client.LocalEndPoint).Port;
            public BlockingCollection<string> Subscribes { get; } = new BlockingCollection<string>();
            public BlockingCollection<string> Publishes { get; } = new BlockingCollection<string>();

            public void Send(string text, int port) =>
                _socket.Send(Encoding.UTF8.GetBytes(text), Encoding.UTF8.GetByteCount(text), new IPEndPoint(IPAddress.Loopback, port));

            public void Dispose()
            {
                _running = false;
                _thread.Join(1000);
                _socket.Dispose();
            }

            private void Run()
            {
                while (_running)
                {
                    IPEndPoint from = null;
                    string text;
                    try
                    {
                        text = Encoding.UTF8.GetString(_socket.Receive(ref from));
                    }
                    catch (SocketException)
                    {
                        continue;
                    }
                    if (text.StartsWith("REGISTER"))
                    {
                        Send(Reply(text, "Contact: " + Header(text, "Contact") + ";expires=3600\r\n"), from.Port);
                    }
                    else if (text.StartsWith("SUBSCRIBE"))
                    {
                        Send(Reply(text, "Expires: 3600\r\n"), from.Port);
                        if (text.Contains("Event: dialog"))
                        {
                            Subscribes.Add(text);
                        }
                    }
                    else if (text.StartsWith("PUBLISH"))
                    {
                        Send(Reply(text, "SIP-ETag: e" + Publishes.Count + "\r\nExpires: 3600\r\n"), from.Port);
                        Publishes.Add(text);
                    }
                }
            }

            private static string Reply(string request, string extra) =>
                "SIP/2.0 200 OK\r\nVia: " + Header(request, "Via") + "\r\nFrom: " + Header(request, "From") + "\r\nTo: " +
                Header(request, "To") + ";tag=srv\r\nCall-ID: " + Header(request, "Call-ID") + "\r\nCSeq: " + Header(request, "CSeq") +
                "\r\n" + extra + "Content-Length: 0\r\n\r\n";
        }

        internal static string Header(string message, string name) =>
            message.Split("\r\n").First(l => l.StartsWith(name + ": ")).Substring(name.Length + 2);

        private static string Notify(string subscribe, int version, string body) =>
            "NOTIFY " + Header(subscribe, "Contact").Trim('<', '>') + " SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKn" + version + "\r\nFrom: " + Header(subscribe, "To") + ";tag=srv\r\n" +
            "To: " + Header(subscribe, "From") + "\r\nCall-ID: " + Header(subscribe, "Call-ID") + "\r\nCSeq: " + (10 + version) + " NOTIFY\r\n" +
            "Max-Forwards: 70\r\nEvent: dialog\r\nSubscription-State: active;expires=3600\r\nContent-Type: application/dialog-info+xml\r\n" +
            "Content-Length: " + Encoding.UTF8.GetByteCount(body) + "\r\n\r\n" + body;

        private static string DialogInfo(int version, string state) =>
            "<?xml version=\"1.0\"?><dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"" + version +
            "\" state=\"full\" entity=\"sip:bob@127.0.0.1\">" +
            (state == null ? "" : "<dialog id=\"d1\" direction=\"recipient\"><state>" + state + "</state></dialog>") + "</dialog-info>";

        private static string F1(PhoneUnderTest phone)
        {
            JsonElement led = JsonDocument.Parse(phone.Get("api/leds").Body).RootElement.EnumerateArray()
                .First(l => l.GetProperty("led").GetString() == "F1");
            return led.GetProperty("color").GetString() + " " + led.GetProperty("pattern").GetString();
        }

        [Fact]
        public void OwnStatusIsPublishedWhenItChanges()
        {
            using var server = new ScriptedServer();
            using var phone = PhoneUnderTest.Simulator("--registrar 127.0.0.1:" + server.Port);
            Assert.True(server.Publishes.TryTake(out string first, 10000), "nothing published after registering");
            Assert.Contains("<basic>open</basic>", first);
            Assert.Contains("<dm:note>Online</dm:note>", first);

            Assert.Equal(200, phone.Post("api/presence/dnd").Status);
            Assert.True(server.Publishes.TryTake(out string dnd, 10000), "the change was not published");
            Assert.Contains("<rpid:busy/>", dnd);
            Assert.Contains("<dm:note>Do not disturb</dm:note>", dnd);
            Assert.Equal("e0", Header(dnd, "SIP-If-Match"));
        }

        [Fact]
        public void KeyFollowsRingingConnectedIdle()
        {
            using var server = new ScriptedServer();
            using var phone = PhoneUnderTest.Simulator("--registrar 127.0.0.1:" + server.Port);
            phone.Set("fkey", "blf sip:bob@127.0.0.1", 1);
            Assert.True(server.Subscribes.TryTake(out string subscribe, 10000), "the phone did not subscribe");
            Assert.StartsWith("SUBSCRIBE sip:bob@127.0.0.1 SIP/2.0", subscribe);
            Assert.Equal("dialog", Header(subscribe, "Event"));

            server.Send(Notify(subscribe, 1, DialogInfo(1, "early")), phone.SipPort);
            Assert.Equal("red blink-fast", phone.WaitFor(() => F1(phone), s => s == "red blink-fast"));
            Assert.Contains(phone.Status().GetProperty("active").EnumerateArray(),
                s => s.GetProperty("id").GetString() == "MonitoredExtensionIsRinging");

            server.Send(Notify(subscribe, 2, DialogInfo(2, "confirmed")), phone.SipPort);
            Assert.Equal("red on", phone.WaitFor(() => F1(phone), s => s == "red on"));

            server.Send(Notify(subscribe, 3, DialogInfo(3, null)), phone.SipPort);
            Assert.Equal("off off", phone.WaitFor(() => F1(phone), s => s == "off off"));
        }
    }
}
