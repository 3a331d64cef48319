using System;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;

namespace DeskPhone.Board
{
    /// <summary>
    /// /api/events on the board: one client at a time (a second one gets 503), fed from a bounded
    /// <see cref="BenchEventQueue"/> on its own thread so a slow client never holds the bench or the phone loop. A change of
    /// the credentials (<see cref="BenchAuth.Epoch"/>) ends the stream: the client must authenticate again.
    /// </summary>
    internal sealed class BenchEventStream
    {
        private const int Capacity = 32;
        private const int IdleSleepMs = 100;
        private const int KeepAliveMs = 15000;

        private readonly object _gate = new object();
        private BenchEventQueue _queue;
        private HttpListenerContext _client;
        private int _epoch;
        private readonly BenchAuth _auth;

        public BenchEventStream(PhoneCore phone, BenchAuth auth)
        {
            _auth = auth;
            phone.Event += OnEvent;
        }

        /// <summary>Takes the request over (the caller must not close it); false when a client is already streaming.</summary>
        public bool TryServe(HttpListenerContext context, int epoch)
        {
            lock (_gate)
            {
                if (_queue != null)
                {
                    return false;
                }
                _queue = new BenchEventQueue(Capacity);
                _queue.Post("hello", "deskphone");
            }
            _client = context;
            _epoch = epoch;
            new Thread(Pump).Start();
            return true;
        }

        private void OnEvent(string kind, string detail)
        {
            BenchEventQueue queue = _queue;
            if (queue != null)
            {
                queue.Post(kind, detail);
            }
        }

        private void Pump()
        {
            HttpListenerContext context = _client;
            HttpListenerResponse response = context.Response;
            try
            {
                response.StatusCode = 200;
                response.ContentType = "text/event-stream";
                response.KeepAlive = false;
                Stream output = response.OutputStream;
                int idleMs = 0;
                while (_auth.Epoch == _epoch)
                {
                    string frame = _queue.Take();
                    if (frame == null)
                    {
                        Thread.Sleep(IdleSleepMs);
                        idleMs += IdleSleepMs;
                        if (idleMs < KeepAliveMs)
                        {
                            continue;
                        }
                        frame = ": keep-alive\n\n";
                    }
                    idleMs = 0;
                    byte[] bytes = Encoding.UTF8.GetBytes(frame);
                    output.Write(bytes, 0, bytes.Length);
                    output.Flush();
                }
            }
            catch (Exception)
            {
                // The client went away: free the slot for the next one.
            }
            finally
            {
                lock (_gate)
                {
                    _queue = null;
                    _client = null;
                }
                try
                {
                    response.Close();
                }
                catch (Exception)
                {
                }
            }
        }
    }
}
