using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using DeskPhone.Domain.Settings;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;
using DeskPhone.Sip.Events;

namespace DeskPhone.Firmware.Tests.Bench
{
    /// <summary>
    /// The board's /api/events stream on a loopback socket: the client's queue is the phone's event handler only while
    /// the client streams (an event is kept one call under the raise, and a stream that ended keeps nothing).
    /// </summary>
    public sealed class BenchEventStreamTests
    {
        private sealed class NoSubscriptions : ISubscribeSender
        {
            public void SendSubscribe(Subscription s, bool newDialog, int expires) { }
        }

        private sealed class Heap : IFreeMemory
        {
            public int FreeAfterCollection() => 60000;
        }

        /// <summary>The handlers the phone's event calls (its backing field, which only the core can read otherwise).</summary>
        private static int Handlers(PhoneCore phone)
        {
            FieldInfo field = typeof(PhoneCore).GetField(nameof(PhoneCore.Event), BindingFlags.Instance | BindingFlags.NonPublic);
            return field.GetValue(phone) is Delegate d ? d.GetInvocationList().Length : 0;
        }

        /// <summary>The first <paramref name="length"/> bytes the server sends (fewer if it closes first).</summary>
        private static byte[] Read(Socket s, int length)
        {
            var all = new MemoryStream();
            var buffer = new byte[1];
            while (all.Length < length && s.Receive(buffer) > 0)
            {
                all.WriteByte(buffer[0]);
            }
            return all.ToArray();
        }

        [Fact]
        public void TheClientGetsEachEventsBytesAndItsQueueIsLetGoWhenTheStreamEnds()
        {
            var settings = new SettingsStore();
            var phone = new PhoneCore(settings, null, new NoSubscriptions(), new HeapReserve(new Heap()), 1000);
            var auth = new BenchAuth(settings, null);
            var events = new BenchEventStream(phone, auth);
            int before = Handlers(phone);

            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                client.ReceiveTimeout = 30000;
                client.Connect(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
                Assert.True(events.TryServe(listener.AcceptSocket(), auth.Epoch));
                Assert.Equal(before + 1, Handlers(phone));

                lock (phone.Gate)
                {
                    settings.Set("user_realname", 1, "Désk");
                }
                byte[] expected = BenchHttpServer.EventStreamHead()
                    .Concat(Encoding.UTF8.GetBytes("event: hello\ndata: deskphone\n\nevent: settings\ndata: user_realname[1]\n\n"))
                    .ToArray();
                Assert.Equal(expected, Read(client, expected.Length));

                lock (phone.Gate)
                {
                    // A credentials change ends the stream (its own settings event may still be sent first).
                    settings.Set("http_pass", 0, "s3cret");
                }
                while (client.Receive(new byte[256]) > 0)
                {
                }
                // The pump lets go of the handler before it closes the socket.
                Assert.Equal(before, Handlers(phone));
            }
            finally
            {
                listener.Stop();
            }
        }
    }
}
