using System;
using System.Net;
using System.Threading;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;

namespace DeskPhone.Board
{
    /// <summary>
    /// The bench interface on the board: nanoFramework's HttpListener in front of the same portable router the
    /// simulator uses, with the same protection (docs/security.md). One request at a time (the board has little
    /// memory); the router decides on the headers first (Digest, back-off, the 8 KB body cap) and only an admitted
    /// request's body is read. /api/events is handed to <see cref="BenchEventStream"/>, which keeps its one client on
    /// its own thread and ends it when the credentials change.
    /// </summary>
    internal sealed class BenchListener
    {
        private readonly BenchRouter _router;
        private readonly PhoneCore _phone;
        private readonly HttpListener _listener;
        private readonly BenchEventStream _events;

        public BenchListener(BenchRouter router, PhoneCore phone, int port)
        {
            _router = router;
            _phone = phone;
            _events = new BenchEventStream(phone, router.Auth);
            _listener = new HttpListener("http", port, IPAddress.Any);
            router.Auth.Log = Log;
        }

        public void Start()
        {
            _listener.Start();
            new Thread(Serve).Start();
        }

        private static void Log(string line)
        {
            Console.WriteLine(line);
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
            long length = request.ContentLength64;
            IPEndPoint remote = request.RemoteEndPoint;
            var bench = new BenchRequest(request.HttpMethod, request.RawUrl, request.Headers["Authorization"],
                remote == null ? null : remote.Address.ToString(), length);
            bench.AdminPassword = request.Headers["X-Admin-Password"];
            BenchResponse answer;
            lock (_phone.Gate)
            {
                answer = _router.Admit(bench);
            }
            if (answer != null)
            {
                // Refused on the headers: the body is never read; the connection is not kept for it.
                response.KeepAlive = false;
                Write(response, answer);
                return false;
            }
            if (bench.Path == "/api/events" && request.HttpMethod == "GET")
            {
                if (_events.TryServe(context, bench.AdmittedEpoch))
                {
                    return true;
                }
                Write(response, BenchResponse.Error(503, "another client holds the event stream (one at a time on a board)"));
                return false;
            }
            if (length < 0 && request.HttpMethod == "POST")
            {
                // A chunked body has no length to check first; the board reads only bodies it can size up front.
                response.KeepAlive = false;
                Write(response, BenchResponse.Error(411, "give the body a Content-Length (at most 8192 bytes)"));
                return false;
            }
            if (length > 0)
            {
                byte[] body = new byte[(int)length];
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
                bench.Body = body;
            }
            lock (_phone.Gate)
            {
                answer = _router.Handle(bench);
            }
            Write(response, answer);
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
