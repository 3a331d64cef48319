using System;
using System.Collections.Generic;
using System.Threading.Channels;

namespace DeskPhone.Host.Audio
{
    /// <summary>
    /// Who listens to a call's speaker besides its WAV file (docs/bench.md, GET /api/calls/{id}/audio): each listener
    /// gets the call's frames as 16-bit little-endian PCM in a queue of its own, at most <see cref="QueueFrames"/>
    /// frames (a slow client loses the oldest), and learns when the call's audio ends. At most
    /// <see cref="MaxListeners"/> at once in the whole simulator.
    /// </summary>
    public sealed class CallListeners
    {
        public const int MaxListeners = 8;

        /// <summary>One second of audio (50 frames of 20 ms) waits for a listener; more and the oldest is dropped.</summary>
        public const int QueueFrames = 50;

        private readonly List<Listener> _all = new List<Listener>();
        private readonly object _lock = new object();

        /// <summary>A new listener to call <paramref name="callId"/>'s speaker; null when <see cref="MaxListeners"/> listen already.</summary>
        public Listener Add(int callId)
        {
            lock (_lock)
            {
                if (_all.Count >= MaxListeners)
                {
                    return null;
                }
                var listener = new Listener(callId);
                _all.Add(listener);
                return listener;
            }
        }

        public void Remove(Listener listener)
        {
            lock (_lock)
            {
                _all.Remove(listener);
            }
        }

        /// <summary>A frame the call's speaker played: a copy, as bytes, to each of the call's listeners.</summary>
        public void Write(int callId, short[] frame)
        {
            lock (_lock)
            {
                foreach (Listener l in _all)
                {
                    if (l.CallId == callId)
                    {
                        var bytes = new byte[frame.Length * 2];
                        Buffer.BlockCopy(frame, 0, bytes, 0, bytes.Length);
                        l.Frames.Writer.TryWrite(bytes);
                    }
                }
            }
        }

        /// <summary>The call's audio ended: its listeners read what is queued, then the end.</summary>
        public void End(int callId)
        {
            lock (_lock)
            {
                foreach (Listener l in _all)
                {
                    if (l.CallId == callId)
                    {
                        l.Frames.Writer.TryComplete();
                    }
                }
            }
        }

        public sealed class Listener
        {
            internal Listener(int callId)
            {
                CallId = callId;
                Frames = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(QueueFrames)
                {
                    FullMode = BoundedChannelFullMode.DropOldest,
                    SingleReader = true,
                });
            }

            public int CallId { get; }

            /// <summary>The frames as they were played; completed when the call's audio ends.</summary>
            public Channel<byte[]> Frames { get; }
        }
    }
}
