using System.Collections.Generic;
using DeskPhone.Drivers.Framing;
using DeskPhone.Drivers.Hid;
using DeskPhone.Drivers.Input;
using DeskPhone.Host.Simulated;

namespace DeskPhone.Drivers.Tests
{
    public class HidBridgeTests
    {
        private readonly SimulatedHidBridge _usb = new SimulatedHidBridge();
        private readonly HidBridge _bridge;
        private readonly List<string> _log = new List<string>();
        private long _now;

        public HidBridgeTests()
        {
            _bridge = new HidBridge(_usb);
            _bridge.KeyEvent += (code, action) => _log.Add(KeyCode.Name(code) + ":" + KeyActionNames.Name(action));
            _bridge.Listener = new LoggingListener(_log);
        }

        /// <summary>Logs what the bridge tells its listener, in the log's words.</summary>
        private sealed class LoggingListener : IHidListener
        {
            private readonly List<string> _log;

            public LoggingListener(List<string> log)
            {
                _log = log;
            }

            public void HidDeviceChanged(int port, HidDeviceClass cls, int state) => _log.Add(
                (state == HidProtocol.StateEnumerating ? "connecting " : state == HidProtocol.StateReady ? "connected " : "disconnected ") + port + " " + cls);

            public void HeadsetButton(int button, bool down) => _log.Add(
                button == HidProtocol.TelephonyMute ? (down ? "mute" : "mute up") : down ? "hook off" : "hook on");

            public void HidLinkError(FrameError error, int detail) => _log.Add(FrameErrorNames.Name(error) + " " + detail);
        }

        private void Poll()
        {
            _now += 10;
            _bridge.Poll(_now);
        }

        [Fact]
        public void KeyboardAttachRaisesConnectingThenConnected()
        {
            _usb.AttachKeyboard(0);
            Poll();
            Assert.Equal(new[] { "connecting 0 Keyboard", "connected 0 Keyboard" }, _log);
            Assert.True(_bridge.IsConnected(0));
            Assert.False(_bridge.HeadsetPresent);
        }

        [Fact]
        public void ReadyWithoutEnumeratingStillReportsConnectingFirst()
        {
            _usb.Reply(HidProtocol.Device, 1, HidProtocol.StateReady, (byte)HidDeviceClass.Headset);
            Poll();
            Assert.Equal(new[] { "connecting 1 Headset", "connected 1 Headset" }, _log);
            Assert.True(_bridge.HeadsetPresent);
        }

        [Fact]
        public void KeyboardDigitsNavigationAndShiftedSymbolsMapToPhoneKeys()
        {
            _usb.AttachKeyboard(0);
            Poll();
            _log.Clear();
            _usb.KeyDown(0x1F);               // '2'
            _usb.KeyUp(0x1F);
            _usb.KeyDown(0x20, UsbKeyMap.ModifierLeftShift); // '#'
            _usb.KeyUp(0x20);
            _usb.KeyDown(0x52);               // up arrow
            _usb.KeyDown(0x29);               // Esc, while up is held
            _usb.KeyUp(0x52);
            _usb.KeyUp(0x29);
            _usb.KeyDown(0x04);               // 'a': not a phone key
            _usb.KeyUp(0x04);
            Poll();
            Assert.Equal(new[]
            {
                "2:press", "2:release", "HASH:press", "HASH:release",
                "UP:press", "CANCEL:press", "UP:release", "CANCEL:release",
            }, _log);
        }

        [Fact]
        public void ReleaseMatchesPressEvenWhenShiftIsLetGoFirst()
        {
            _usb.AttachKeyboard(0);
            _usb.KeyDown(0x25, UsbKeyMap.ModifierRightShift); // '*'
            _usb.KeyDown(0x25, 0);                            // shift released, 8 still down
            _usb.KeyUp(0x25);
            Poll();
            Assert.Equal(new[] { "STAR:press", "STAR:release" }, _log.GetRange(2, 2));
            Assert.Equal(4, _log.Count);
        }

        [Fact]
        public void DetachReleasesHeldKeys()
        {
            _usb.AttachKeyboard(0);
            _usb.KeyDown(0x59); // keypad 1
            _usb.Detach(0);
            Poll();
            Assert.Equal(new[] { "connecting 0 Keyboard", "connected 0 Keyboard", "1:press", "1:release", "disconnected 0 Keyboard" }, _log);
            Assert.False(_bridge.IsConnected(0));
        }

        [Fact]
        public void RolloverErrorReportKeepsPreviousKeys()
        {
            _usb.AttachKeyboard(0);
            _usb.KeyDown(0x1E);
            Poll();
            _log.Clear();
            _usb.Reply(HidProtocol.Keyboard, 0, 0, 0, 1, 1, 1, 1, 1, 1);
            Poll();
            Assert.Empty(_log);
        }

        [Fact]
        public void HeadsetHookAndMuteBecomeEvents()
        {
            _usb.AttachHeadset(1);
            Poll();
            _log.Clear();
            _usb.SetHook(true);
            _usb.ClickMute();
            _usb.ClickMute();
            _usb.SetHook(false);
            Poll();
            Assert.Equal(new[] { "hook off", "mute", "mute", "hook on" }, _log);
        }

        [Fact]
        public void DevicesAttachedAfterALongSilenceAreReadEvenWhenMoreThanTheFrameBufferWaits()
        {
            // A bridge with nothing plugged in for a minute: the reader keeps no buffer until the first byte.
            for (int i = 0; i < 6000; i++)
            {
                Poll();
            }
            Assert.Empty(_log);
            // Four Device frames (32 B) and two keyboard reports (28 B) wait at once: more than the reader's 42 B buffer.
            _usb.AttachKeyboard(0);
            _usb.AttachHeadset(1);
            _usb.KeyDown(0x1E); // 1
            _usb.KeyUp(0x1E);
            Poll();
            Assert.Equal(new[] { "connecting 0 Keyboard", "connected 0 Keyboard", "connecting 1 Headset", "connected 1 Headset", "1:press", "1:release" }, _log);
            Assert.True(_bridge.HeadsetPresent);
        }

        [Fact]
        public void IndicatorsAreSentByteExactToHeadsetPortsOnly()
        {
            var uart = new FakeUart();
            var bridge = new HidBridge(uart);
            uart.Inject(0x57, 0xAB, 0x81, 0x03, 0x01, 0x02, 0x03, 0x8A); // headset ready on port 1
            uart.Inject(0x57, 0xAB, 0x81, 0x03, 0x00, 0x02, 0x01, 0x87); // keyboard ready on port 0
            bridge.Poll(0);
            Assert.True(bridge.HeadsetPresent);
            bridge.SetHeadsetIndicators(offHook: true, muted: true, ringing: false);
            // 02 + 02 + 01 + 03 = 08
            Assert.Equal("57AB0202010308", System.Convert.ToHexString(uart.TakeWritten()));
            bridge.Query();
            Assert.Equal("57AB010001", System.Convert.ToHexString(uart.TakeWritten()));
        }

        [Fact]
        public void QueryIsAnsweredWithStatusAndDevices()
        {
            _usb.AttachHeadset(1);
            Poll();
            _log.Clear();
            _bridge.Query();
            Poll();
            Assert.Equal(1, _usb.Queries);
            Assert.Equal(0x21, _bridge.BridgeVersion);
            Assert.Empty(_log); // already known: no duplicate events
            _bridge.SetHeadsetIndicators(false, false, true);
            Assert.Equal(HidProtocol.IndicatorRing, _usb.Indicators(1));
            Assert.Empty(_usb.Rejected);
        }

        [Fact]
        public void CorruptTruncatedAndUnexpectedFramesAreReportedNotFatal()
        {
            _usb.Inject(0x57, 0xAB, 0x81, 0x03, 0x00, 0x02, 0x01, 0x00); // bad check
            _usb.Reply(0x99, 1, 2);                                     // unknown type
            _usb.Reply(HidProtocol.Keyboard, 0, 0, 0, 0x1E, 0, 0, 0, 0, 0); // keyboard report for a port with nothing attached
            _usb.Reply(HidProtocol.Device, 5, 2, 1);                    // no such port
            _usb.Reply(HidProtocol.Telephony, 1);                       // too short
            Poll();
            _usb.Inject(0x57, 0xAB, 0x82, 0x09, 0x00);                  // truncated
            Poll();
            _now += 100;
            Poll();
            Assert.Equal(new[]
            {
                "bad-check 129", "garbage 7", "unexpected 153", "unexpected 130", "unexpected 129", "unexpected 131", "truncated 5",
            }, _log);
            _usb.AttachKeyboard(0);
            Poll();
            Assert.True(_bridge.IsConnected(0));
        }

        [Fact]
        public void HeldUsbArrowAutoRepeatsAndHeldDigitLongPresses()
        {
            _usb.AttachKeyboard(0);
            Poll();
            _log.Clear();
            _usb.KeyDown(0x51); // down arrow
            _usb.KeyDown(0x1E); // 1
            for (int i = 0; i < 90; i++) Poll(); // 900 ms
            _usb.KeyUp(0x51);
            _usb.KeyUp(0x1E);
            Poll();
            Assert.Equal(new[] { "DOWN:press", "1:press" }, _log.GetRange(0, 2));
            Assert.Equal(4, _log.FindAll(e => e == "DOWN:repeat").Count); // at 500, 620, 740, 860 ms
            Assert.Single(_log.FindAll(e => e == "1:long"));
            Assert.DoesNotContain("1:repeat", _log);
            Assert.Equal(new[] { "DOWN:release", "1:release" }, _log.GetRange(_log.Count - 2, 2));
        }

        [Fact]
        public void TwoUsbKeysForOnePhoneKeyKeepItDownUntilBothAreUp()
        {
            _usb.AttachKeyboard(0);
            _usb.KeyDown(0x1E); // 1
            _usb.KeyDown(0x59); // keypad 1
            _usb.KeyUp(0x1E);
            Poll();
            Assert.Equal(new[] { "1:press" }, _log.GetRange(2, _log.Count - 2));
            _usb.KeyUp(0x59);
            Poll();
            Assert.Equal("1:release", _log[^1]);
        }

        [Fact]
        public void EveryMappedUsageIsATrackedKey()
        {
            var codes = UsbKeyMap.Codes();
            for (int usage = 0; usage < 256; usage++)
            {
                foreach (int mods in new[] { 0, UsbKeyMap.ModifierLeftShift })
                {
                    int code = UsbKeyMap.Map(usage, mods);
                    Assert.True(code == KeyCode.None || System.Array.IndexOf(codes, code) >= 0, "usage " + usage);
                }
            }
        }

        [Fact]
        public void UsbKeyMapCoversKeypadFunctionAndVolumeKeys()
        {
            Assert.Equal(KeyCode.Digit0, UsbKeyMap.Map(0x62, 0));
            Assert.Equal(KeyCode.Digit0, UsbKeyMap.Map(0x27, 0));
            Assert.Equal(KeyCode.Star, UsbKeyMap.Map(0x55, 0));
            Assert.Equal(KeyCode.Hash, UsbKeyMap.Map(0xCC, 0));
            Assert.Equal(KeyCode.Ok, UsbKeyMap.Map(0x58, 0));
            Assert.Equal(KeyCode.FunctionKey1 + 11, UsbKeyMap.Map(0x45, 0));
            Assert.Equal(KeyCode.VolumeDown, UsbKeyMap.Map(0x81, 0));
            Assert.Equal(KeyCode.None, UsbKeyMap.Map(0x04, 0));
        }
    }
}
