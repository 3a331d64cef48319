using DeskPhone.Firmware.Bench;

namespace DeskPhone.Boot
{
    public static partial class BootProgram
    {
        /// <summary>The bench router as the board's BoardBench builds it at the first request (without the board's natives).</summary>
        private sealed class BootBench : IBenchRouterSource
        {
            public BenchRouter Build() => new BenchRouter(s_app.Core, s_app.Text, OnKey, null, s_app.Binding);

            private static void OnKey(int code, DeskPhone.Drivers.Input.KeyAction action) => s_app.Core.OnKey(code, action, s_now);
        }
    }
}
