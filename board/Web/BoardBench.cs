using System;
using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.App;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;

namespace DeskPhone.Board.Web
{
    /// <summary>
    /// The board's bench router, built by the HTTP server's first request (docs/benchmarks.md, h-benchlazy): until then
    /// the phone holds this one reference instead of the router, its auth, web routes and their delegates. The
    /// router's wrong-password lines go to the console and the phone's log, as they always did.
    /// </summary>
    internal sealed class BoardBench : IBenchRouterSource
    {
        private readonly PhoneApp _app;

        public BoardBench(PhoneApp app)
        {
            _app = app;
        }

        public PhoneCore Phone => _app.Core;

        public BenchRouter Build()
        {
            PhoneApp app = _app;
            var router = new BenchRouter(app.Core, app.Text, OnKey, null, app.Binding)
            {
                CallLayer = app,
                Time = app.Time,
                Registrations = app.Binding.Registrations,
                Target = new BoardTarget(),
                Provisioning = app.Provisioning,
                Updates = app.Updates,
                Trace = app.Inbox.Trace,
                Log = app.Log,
            };
            router.Auth.Log = Log;
            return router;
        }

        // The board's clock (SystemClock): milliseconds since boot.
        private void OnKey(int code, KeyAction action) => _app.Core.OnKey(code, action, Environment.TickCount64);

        private void Log(string line)
        {
            Console.WriteLine(line);
            _app.Log.Add(line);
        }
    }
}
