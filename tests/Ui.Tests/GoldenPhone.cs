using System;
using System.Text;
using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.App;
using DeskPhone.Firmware.Phone;
using DeskPhone.Domain.Settings;
using DeskPhone.Host.Panel;
using DeskPhone.Host.Sim;
using DeskPhone.Host.Simulated;
using DeskPhone.Media.Rtp;
using DeskPhone.Sip.Transport;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Ui.Tests
{
    /// <summary>
    /// The phone as the board builds it (<see cref="PhoneApp"/>: core, feeder, screen model) on simulated hardware,
    /// drawing on a software panel through a <see cref="RecordingPanel"/>, with the wall clock fixed at
    /// Tue 24.11.2026 10:15. The golden scenarios drive it as the phone is driven (messages, Infobox NOTIFYs,
    /// statuses, keys) and let the loop compose and draw; nothing sets the screen by hand.
    /// </summary>
    internal sealed class GoldenPhone
    {
        private sealed class NoWire : ISipTransport
        {
            public string Name => "none";
            public int LocalPort => 5060;

            /// <summary>The last message sent (a scenario answers the phone's INVITE).</summary>
            public string Last { get; private set; }

            public bool Send(byte[] data, int length, string host, int port, object connection)
            {
                Last = Encoding.UTF8.GetString(data, 0, length);
                return true;
            }
        }

        /// <summary>Media ports that carry nothing: the calls have a voice layer (so a conference can be joined), no audio.</summary>
        private sealed class NoMedia : IRtpChannel
        {
            public bool Open(int localPort) => true;
            public bool Connect(string address, int port) => true;
            public void Send(byte[] data, int length) { }
            public int Receive(byte[] buffer) => 0;
            public void Latch() { }
            public void Close() { }
        }

        private readonly NoWire _wire = new NoWire();
        private long _now;

        public GoldenPhone(DisplayProfile profile, IPanel panel = null, Action<SettingsStore, SimulatedPhoneHardware> configure = null)
        {
            Profile = profile;
            Panel = new SoftwarePanel(profile);
            Recorder = new RecordingPanel(panel ?? Panel);
            Settings = SimulatedPhone.DefaultSettings(null, "486", null);
            Set("fkey", 1, "blf sip:bob@127.0.0.1");
            Set("fkey", 2, "blf sip:carol@127.0.0.1");
            Set("mb_trusted_hosts", 0, "127.0.0.1");
            Set("desktop_message_max_bytes", 0, "4096");
            Hardware = new SimulatedPhoneHardware();
            Hardware.SetLink(true, 0);
            configure?.Invoke(Settings, Hardware);
            var inbox = new SipInbox(4, 3072);
            App = new PhoneApp(new PhoneParts(Settings, inbox, _wire)
            {
                Drivers = Hardware.Drivers,
                LocalHost = "127.0.0.1",
                Panel = Recorder,
                Profile = profile,
                WallClock = () => new DateTime(2026, 11, 24, 10, 15, 0),
                Rtp = () => new NoMedia(),
            });
            Run(600);
        }

        public DisplayProfile Profile { get; }
        public SoftwarePanel Panel { get; }
        public RecordingPanel Recorder { get; }
        public SettingsStore Settings { get; }
        public SimulatedPhoneHardware Hardware { get; }
        public PhoneApp App { get; }
        public PhoneCore Core => App.Core;
        public long Now => _now;

        /// <summary>The bench's /api/screen text: the model's description of what it drew.</summary>
        public string Text => App.Text.GetScreenText();

        public void Set(string name, int idx, string value)
        {
            string error = Settings.Set(name, idx, value);
            Assert.True(error == null, name + ": " + error);
        }

        /// <summary>Loop turns for <paramref name="ms"/> milliseconds (10 ms each).</summary>
        public void Run(long ms)
        {
            long end = _now + ms;
            do
            {
                _now += 10;
                App.Poll(_now);
            }
            while (_now < end);
        }

        public void Message(string text)
        {
            byte[] body = Encoding.UTF8.GetBytes(text);
            Assert.Equal(200, Core.OnMessage(1, body, 0, body.Length, "golden-" + _now, _now));
            Run(10);
        }

        public void InfoBox(string queueXml)
        {
            byte[] body = Encoding.UTF8.GetBytes(queueXml);
            Assert.Equal(200, Core.OnNotify(1, "xml", "application/snomxml", "127.0.0.1", false, body, 0, body.Length, _now));
            Run(10);
        }

        public void Raise(int status, string param = null)
        {
            Core.Statuses.Raise(status, param, "golden", _now);
            Run(10);
        }

        /// <summary>
        /// A SIP message from the network (the answers go nowhere), then two loop turns: a turn that handled a request
        /// draws the screen at the next one (PhoneApp.Poll).
        /// </summary>
        public void Arrive(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            SipPacket p = App.Inbox.Rent();
            Array.Copy(bytes, p.Data, bytes.Length);
            p.Length = bytes.Length;
            p.RemoteHost = "127.0.0.1";
            p.RemotePort = 5060;
            p.Transport = _wire;
            App.Inbox.Post(p);
            Run(20);
        }

        /// <summary>
        /// The answer <paramref name="status"/> to the last request the phone sent (its Via, From, To, Call-ID and CSeq
        /// echoed) with <paramref name="extra"/> header lines, then a loop turn.
        /// </summary>
        public void Reply(int status, string extra = "")
        {
            string request = _wire.Last;
            string to = Header(request, "To");
            Arrive("SIP/2.0 " + status + " X\r\nVia: " + Header(request, "Via") + "\r\nFrom: " + Header(request, "From") +
                   "\r\nTo: " + to + (to.Contains(";tag=") ? "" : ";tag=srv") + "\r\nCall-ID: " + Header(request, "Call-ID") +
                   "\r\nCSeq: " + Header(request, "CSeq") + "\r\n" + extra + "Content-Length: 0\r\n\r\n");
        }

        private static string Header(string message, string name)
        {
            int at = message.IndexOf("\r\n" + name + ": ", StringComparison.Ordinal) + name.Length + 4;
            return message.Substring(at, message.IndexOf("\r\n", at, StringComparison.Ordinal) - at);
        }

        /// <summary>An incoming call from <paramref name="from"/> (a From header value without its tag).</summary>
        public void Invite(string from)
        {
            Arrive("INVITE sip:486@127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKgolden" + _now +
                   "\r\nFrom: " + from + ";tag=g\r\nTo: <sip:486@127.0.0.1>\r\nCall-ID: golden-call-" + _now +
                   "\r\nCSeq: 1 INVITE\r\nContact: <sip:555@127.0.0.1:5070>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
        }

        /// <summary>The handset lifted off its cradle (the hook switch's key held down), then a loop turn.</summary>
        public void Lift()
        {
            Core.OnKey(KeyCode.Hook, KeyAction.Press, _now);
            Run(10);
        }

        /// <summary>Each key pressed and released, with a loop turn after each, as a user presses them.</summary>
        public void Press(params int[] keys)
        {
            foreach (int key in keys)
            {
                Core.OnKey(key, KeyAction.Press, _now);
                Core.OnKey(key, KeyAction.Release, _now);
                Run(10);
            }
        }
    }
}
