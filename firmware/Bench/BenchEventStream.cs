using System;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using DeskPhone.Firmware.Phone;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// /api/events on the board's <see cref="BenchHttpServer"/>: one client at a time (a second one gets 503), fed from
    /// a bounded <see cref="BenchEventQueue"/> and written on its own thread, so a slow client never holds the bench or
    /// the phone loop. A change of the credentials (<see cref="BenchAuth.Epoch"/>) ends the stream: the client must
    /// authenticate again. A client that went away is noticed at the next write (an event or the keep-alive comment).
    /// </summary>
    // The loop and the client's thread lock the stream itself (a lock object was a field and an object, 24 B,
    // docs/benchmarks.md, h-firmrest).
    public sealed class BenchEventStream
    {
        private const int Capacity = 32;
        private const int IdleSleepMs = 100;
        private const int KeepAliveMs = 15000;

        private readonly PhoneCore _phone;
        private readonly BenchAuth _auth;
        // Asked before each event is kept: none while the heap is short (BenchEventQueue).
        private readonly HeapReserve _reserve;
        private BenchEventQueue _queue;
        private Socket _client;
        private int _epoch;

        public BenchEventStream(PhoneCore phone, BenchAuth auth)
        {
            _phone = phone;
            _auth = auth;
            _reserve = phone.Reserve;
            phone.EventDetails = true;
        }

        /// <summary>Takes the connection over (it closes it itself); false when a client is already streaming.</summary>
        public bool TryServe(Socket client, int epoch)
        {
            lock (this)
            {
                if (_queue != null)
                {
                    return false;
                }
                _queue = new BenchEventQueue(Capacity, _reserve);
                _queue.Post("hello", "deskphone");
                // The client's queue is the phone's handler itself, while it streams: an event is stored one call level
                // under the raise, not two (each a 204 B heap block on the device, docs/benchmarks.md, h-benchdefer).
                // Subscribed and let go under this lock, the two threads that do it never race each other.
                _phone.Event += _queue.Post;
                _client = client;
                _epoch = epoch;
            }
            new Thread(Pump).Start();
            return true;
        }

        private void Pump()
        {
            Socket client = _client;
            BenchEventQueue queue = _queue;
            try
            {
                BenchHttpServer.SendAll(client, BenchHttpServer.EventStreamHead());
                int idleMs = 0;
                while (_auth.Epoch == _epoch)
                {
                    byte[] frame = queue.Take();
                    if (frame == null)
                    {
                        Thread.Sleep(IdleSleepMs);
                        idleMs += IdleSleepMs;
                        if (idleMs < KeepAliveMs)
                        {
                            continue;
                        }
                        frame = Encoding.UTF8.GetBytes(": keep-alive\n\n");
                    }
                    idleMs = 0;
                    BenchHttpServer.SendAll(client, frame);
                }
            }
            catch (Exception)
            {
                // The client went away: free the slot for the next one.
            }
            finally
            {
                lock (this)
                {
                    _phone.Event -= queue.Post;
                    _queue = null;
                    _client = null;
                }
                BenchHttpServer.Close(client);
            }
        }
    }
}
