using System.Collections.Generic;
using System.Threading;

namespace DeskPhone.Host.Sim
{
    /// <summary>
    /// Fans the phone's events out to every bench event-stream client. Each client has a bounded queue: a client that
    /// stops reading loses its oldest events, never the phone's memory.
    /// </summary>
    public sealed class EventHub
    {
        public const int QueueLimit = 256;

        private readonly object _gate = new object();
        private readonly List<Subscriber> _subscribers = new List<Subscriber>();

        public Subscriber Subscribe()
        {
            var s = new Subscriber();
            lock (_gate)
            {
                _subscribers.Add(s);
            }
            return s;
        }

        public void Unsubscribe(Subscriber s)
        {
            lock (_gate)
            {
                _subscribers.Remove(s);
            }
        }

        public void Publish(string kind, string detail)
        {
            lock (_gate)
            {
                foreach (Subscriber s in _subscribers)
                {
                    s.Post(kind, detail);
                }
            }
        }

        public sealed class Subscriber
        {
            private readonly Queue<(string Kind, string Detail)> _queue = new Queue<(string, string)>();
            private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);

            public int Dropped { get; private set; }

            internal void Post(string kind, string detail)
            {
                lock (_queue)
                {
                    if (_queue.Count == QueueLimit)
                    {
                        _queue.Dequeue();
                        Dropped++;
                    }
                    _queue.Enqueue((kind, detail));
                }
                _signal.Release();
            }

            /// <summary>The next event, or null when none arrived within the timeout.</summary>
            public async System.Threading.Tasks.Task<(string Kind, string Detail)?> NextAsync(int timeoutMs, CancellationToken cancel)
            {
                if (!await _signal.WaitAsync(timeoutMs, cancel).ConfigureAwait(false))
                {
                    return null;
                }
                lock (_queue)
                {
                    return _queue.Count > 0 ? _queue.Dequeue() : null;
                }
            }

            /// <summary>The next event, or null when none arrived within the timeout (the caller sends a keep-alive).</summary>
            public (string Kind, string Detail)? Next(int timeoutMs, CancellationToken cancel)
            {
                if (!_signal.Wait(timeoutMs, cancel))
                {
                    return null;
                }
                lock (_queue)
                {
                    return _queue.Count > 0 ? _queue.Dequeue() : null;
                }
            }
        }
    }
}
