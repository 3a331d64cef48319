using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.App;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;

namespace DeskPhone.Boot
{
    public static partial class BootProgram
    {
        /// <summary>The bench router as the board's BoardBench builds it at the first request (without the board's natives), holding what it holds.</summary>
        private sealed class BootBench : IBenchRouterSource
        {
            private readonly PhoneApp _app;

            public BootBench(PhoneApp app)
            {
                _app = app;
            }

            public PhoneCore Phone => _app.Core;

            public BenchRouter Build() => new BenchRouter(_app.Core, _app.Text, OnKey, null, _app.Binding);

            private void OnKey(int code, KeyAction action) => _app.Core.OnKey(code, action, s_now);
        }
    }
}
