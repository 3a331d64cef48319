using System;
using System.Net;
using System.Threading;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;

namespace DeskPhone.Firmware.Device
{
    /// <summary>
    /// The bench interface on the board: nanoFramework's HttpListener in front of the same portable router the
    /// simulator uses. One request at a time (the board has little memory); bodies above 4 KB are refused.
    /// /api/events is handed to <see cref="BenchEventStream"/>, which keeps its one client on its own thread.
    /// </summary>
    internal sealed class BenchListener
    {
        private const int MaxBody = 4096;

        private readonly BenchRouter _router;
        private readonly PhoneCore _phone;
        private readonly HttpListener _listener;
        private readonly BenchEventStream _events;

        public BenchListener(BenchRouter router, PhoneCore phone, int port)
        {
            _router = router;
            _phone = phone;
            _events = new BenchEventStream(phone);
            _listener = new HttpListener("http", port, IPAddress.Any);
        }

        public void Start()
        {
            _listener.Start();
            new Thread(Serve).Start();
        }

        private void Serve()
        {
            while (true)
            {
                HttpListenerContext context = _listener.GetContext();
                bool handedOver = false;
                try
                {
                    handedOver = Handle(context);
                }
                catch (Exception)
                {
                    // A client that went away mid-answer: nothing to tell it.
                }
                finally
                {
                    if (!handedOver)
                    {
                        context.Response.Close();
                    }
                }
            }
        }

        /// <summary>Answers the request; true when the event stream took it over (it closes it itself).</summary>
        private bool Handle(HttpListenerContext context)
        {
            HttpListenerRequest request = context.Request;
            HttpListenerResponse response = context.Response;
            string url = request.RawUrl;
            int q = url.IndexOf('?');
            string path = q < 0 ? url : url.Substring(0, q);
            string query = q < 0 ? null : url.Substring(q + 1);
            byte[] body = null;
            long length = request.ContentLength64;
            if (length > MaxBody)
            {
                Write(response, BenchResponse.Error(413, "request body larger than 4096 bytes"));
                return false;
            }
            if (path == "/api/events" && request.HttpMethod == "GET")
            {
                return StartEvents(context, request.Headers["Authorization"]);
            }
            if (length > 0)
            {
                body = new byte[(int)length];
                int read = 0;
                while (read < body.Length)
                {
                    int n = request.InputStream.Read(body, read, body.Length - read);
                    if (n <= 0)
                    {
                        break;
                    }
                    read += n;
                }
            }
            BenchResponse answer;
            lock (_phone.Gate)
            {
                answer = _router.Handle(request.HttpMethod, path, query, body, request.Headers["Authorization"]);
            }
            Write(response, answer);
            return false;
        }

        private bool StartEvents(HttpListenerContext context, string authorization)
        {
            // Same protection as the API: ask the router with a harmless read whether this client may look.
            BenchResponse gate;
            lock (_phone.Gate)
            {
                gate = _router.Handle("GET", "/api/registration", null, null, authorization);
            }
            if (gate.Status != 200)
            {
                Write(context.Response, gate);
                return false;
            }
            if (_events.TryServe(context))
            {
                return true;
            }
            Write(context.Response, BenchResponse.Error(503, "another client holds the event stream (one at a time on a board)"));
            return false;
        }

        private static void Write(HttpListenerResponse response, BenchResponse answer)
        {
            response.StatusCode = answer.Status;
            response.ContentType = answer.ContentType;
            if (answer.ExtraHeaderName != null)
            {
                response.Headers.Add(answer.ExtraHeaderName, answer.ExtraHeaderValue);
            }
            response.ContentLength64 = answer.Body.Length;
            response.OutputStream.Write(answer.Body, 0, answer.Body.Length);
        }
    }
}
