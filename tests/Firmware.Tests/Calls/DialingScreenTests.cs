using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Host.Simulated;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// A registered phone on simulated hardware for the dialing screen's tests (auto_dial, the hot and warm line): keys
    /// pressed and released with 10 ms of virtual time after each, the drawn screen's text, the INVITEs on the wire.
    /// </summary>
    public abstract class DialingScreenTests
    {
        private protected readonly SimulatedPhoneHardware _hw = new SimulatedPhoneHardware();
        private protected readonly SipPhone _p;

        protected DialingScreenTests()
        {
            _p = new SipPhone(s => { s.Set("admin_mode_password", 0, "x"); s.Set("http_pass", 0, "y"); }, null, _hw.Drivers);
            _p.Run(100);
            _p.Register();
        }

        private protected void Key(int code, KeyAction action = KeyAction.Press)
        {
            _p.Phone.OnKey(code, action, _p.Now);
            if (action == KeyAction.Press && code != KeyCode.Hook)
            {
                _p.Phone.OnKey(code, KeyAction.Release, _p.Now);
            }
            _p.Run(10);
        }

        private protected string Screen => _p.App.Text.GetScreenText();

        private protected int Invites => _p.Channel.Sent.FindAll(m => m.StartsWith("INVITE ")).Count;
    }
}
