using DeskPhone.Drivers;
using DeskPhone.Drivers.Audio;
using DeskPhone.Drivers.Boards;
using DeskPhone.Drivers.Display;
using DeskPhone.Drivers.Expansion;
using DeskPhone.Drivers.Hal;
using DeskPhone.Drivers.Hid;
using DeskPhone.Drivers.Input;
using DeskPhone.Drivers.Leds;
using DeskPhone.Drivers.Network;

namespace DeskPhone.Boot
{
    /// <summary>
    /// The host board: the reference board's profile (BoardProfiles.M5StackCore: three buttons, 6x6 keypad, LED strip,
    /// speaker, backlight, expansion port, HID bridge, 320x240 panel) with every pin, bus and UART a fake behind the
    /// drivers' Hal interfaces, assembled into <see cref="PhoneDrivers"/> the way board/Drivers/DeviceDrivers.cs does
    /// on the board. Nothing here needs a native the POSIX nanoCLR lacks (GPIO, I2C, PWM, UART, RMT, networking).
    /// </summary>
    internal sealed class BootBoard
    {
        private const int KeypadRows = 6;
        private const int KeypadColumns = 6;

        public BootBoard()
        {
            BoardProfile board = BoardProfiles.M5StackCore();
            board.Name = "host-boot";
            board.FirmwareTarget = "nanoclr-posix";
            Profile = board;
            var timing = new KeyTiming();

            var buttonPins = new IDigitalInput[board.ButtonPins.Length];
            ButtonPins = new FakeInput[buttonPins.Length];
            for (int i = 0; i < buttonPins.Length; i++)
            {
                ButtonPins[i] = new FakeInput(board.ButtonPins[i]);
                buttonPins[i] = ButtonPins[i];
            }
            var buttons = new ButtonKeys(buttonPins, board.ButtonKeys, timing, true);

            // The board's expander driver on a fake chip, as DeviceDrivers builds it.
            var keypad = new KeyMatrix(new Mcp23017KeyPort(new FakeKeypadChip(), KeypadRows, KeypadColumns), KeyLayouts.DeskKeypad6x6(), timing, true);

            var expansion = new ExpansionChain(ExpansionUart, ExpansionProtocol.Version(1, 2));
            // The board's strip driver (RmtRgbStrip) in front of a recording RMT channel, as DeviceDrivers builds it.
            var sink = new LedRangeSink(
                new int[] { 0, LedMap.ModuleKeyBase },
                new int[] { board.LedStripLength, LedMap.Count - LedMap.ModuleKeyBase },
                new ILedSink[] { new RgbStripLedSink(new RmtRgbStrip(Rmt, board.LedStripLength), 64), expansion });
            var leds = new LedBank(LedMap.Count, sink);
            var backlight = new Backlight(BacklightPwm, 1000, 200, 60000, 0);
            var tones = new ToneSequencer(new PwmToneOutput(SpeakerPwm, 500));
            var hid = new HidBridge(HidUart);
            hid.Query();
            Ethernet = new EthernetLink();
            Drivers = new PhoneDrivers(buttons, keypad, leds, backlight, tones, expansion, hid, Ethernet);
        }

        public BoardProfile Profile { get; }
        public PhoneDrivers Drivers { get; }
        public EthernetLink Ethernet { get; }
        public readonly FakePwm BacklightPwm = new FakePwm();
        public readonly FakePwm SpeakerPwm = new FakePwm();
        public readonly FakeUart ExpansionUart = new FakeUart();
        public readonly FakeUart HidUart = new FakeUart();
        public readonly RecordingRmtOutput Rmt = new RecordingRmtOutput();

        /// <summary>The board's buttons A, B, C (BoardProfile.ButtonKeys: Cancel, OK, Down), active low.</summary>
        public FakeInput[] ButtonPins { get; }

        public void SetButton(int index, bool pressed)
        {
            ButtonPins[index].Level = !pressed;
        }

        /// <summary>What NetworkMonitor reports on the board: the PHY's link and the DHCP address.</summary>
        public void SetLink(bool up, long nowMs, string address)
        {
            Ethernet.ReportLink(up, nowMs);
            Ethernet.ReportAddress(up ? address : null);
        }
    }
}
