using System;
using System.Threading;
using System.Threading.Tasks;
using DeskPhone.Firmware.Bench;
using DeskPhone.Host.Audio;
using Microsoft.AspNetCore.Http;

namespace DeskPhone.Host.Sim
{
    /// <summary>
    /// GET /api/calls/{id}/audio in the simulator (docs/bench.md): a live call's speaker as it plays, a WAV header
    /// (16-bit PCM, mono, 8 kHz, length unknown) and then the frames, chunked, until the call's audio ends. Each
    /// listener's queue is bounded (<see cref="CallListeners"/>); an unknown call is left to the router's 404, the
    /// portable route that answers 501 on a board.
    /// </summary>
    public sealed class CallAudioRoute
    {
        private readonly object _gate;
        // The call layer is asked at each request: the phone lets it go when idle and builds it anew (firmware/App/CallLayer).
        private readonly ICallLayerSource _calls;
        private readonly CallListeners _listeners;

        public CallAudioRoute(object gate, ICallLayerSource calls, CallListeners listeners)
        {
            _gate = gate;
            _calls = calls;
            _listeners = listeners;
        }

        /// <summary>The call id of an audio request's path, or -1.</summary>
        public static int CallOf(string method, string path)
        {
            string[] parts = path.Trim('/').Split('/');
            return method == "GET" && parts.Length == 4 && parts[0] == "api" && parts[1] == "calls" && parts[3] == "audio" &&
                   int.TryParse(parts[2], System.Globalization.NumberStyles.None, null, out int id) ? id : -1;
        }

        /// <summary>
        /// The listener for a live call, or null for a call the phone does not have (the router then answers 404);
        /// <paramref name="full"/> when <see cref="CallListeners.MaxListeners"/> listen already.
        /// </summary>
        public CallListeners.Listener Listen(int callId, out bool full)
        {
            full = false;
            // Under the gate: the call cannot end (and its audio's end be missed) between the look and the listening.
            lock (_gate)
            {
                if (!_calls.HasCalls || _calls.Calls.Sessions.Find(callId) == null)
                {
                    return null;
                }
                CallListeners.Listener listener = _listeners.Add(callId);
                full = listener == null;
                return listener;
            }
        }

        public async Task Stream(HttpContext context, CallListeners.Listener listener, CancellationToken stop)
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop, context.RequestAborted);
            try
            {
                HttpResponse response = context.Response;
                response.StatusCode = 200;
                response.ContentType = "audio/wav";
                response.Headers.CacheControl = "no-store";
                await response.Body.WriteAsync(Wav.StreamHeader(), cancel.Token).ConfigureAwait(false);
                await response.Body.FlushAsync(cancel.Token).ConfigureAwait(false);
                var frames = listener.Frames.Reader;
                while (await frames.WaitToReadAsync(cancel.Token).ConfigureAwait(false))
                {
                    while (frames.TryRead(out byte[] frame))
                    {
                        await response.Body.WriteAsync(frame, cancel.Token).ConfigureAwait(false);
                    }
                    await response.Body.FlushAsync(cancel.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                _listeners.Remove(listener);
            }
        }
    }
}
