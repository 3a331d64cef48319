using System.Text;
using DeskPhone.Firmware.App;
using DeskPhone.Firmware.Phone;
using DeskPhone.Domain.Settings;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace NFUnitTest.Fakes
{
    /// <summary>
    /// The phone without sockets, wired as the simulator and tests/Benchmarks/UserAgentBenchmarks wire it: settings
    /// of identity 486 (user_sipusername_as_line on, filter_registrar off) and the firmware's composition root
    /// (PhoneApp: phone core, SIP binding, user agent, subscriptions) with a recording transport instead of UDP.
    /// </summary>
    public sealed class PhoneRig
    {
        public const string Source = "192.0.2.1";

        public readonly SettingsStore Settings;
        public readonly PhoneApp App;
        public readonly PhoneCore Core;
        public readonly SipInbox Inbox;
        public readonly SipUserAgent Agent;
        public readonly RecordingTransport Wire = new RecordingTransport();
        public long Now = 1000;

        public PhoneRig()
        {
            Settings = new SettingsStore();
            Apply("user_active", 1, "on");
            Apply("user_name", 1, "486");
            Apply("user_sipusername_as_line", 1, "on");
            Apply("filter_registrar", 0, "off");
            Inbox = new SipInbox(2, 2048);
            App = new PhoneApp(new PhoneParts(Settings, Inbox, Wire) { LocalHost = "192.0.2.10" });
            Core = App.Core;
            Agent = App.Agent;
        }

        private void Apply(string name, int idx, string value)
        {
            string error = Settings.Set(name, idx, value);
            if (error != null)
            {
                throw new System.ArgumentException(name + ": " + error);
            }
        }

        /// <summary>Posts one datagram from 192.0.2.1:5060 and lets the user agent handle it; returns the answer.</summary>
        public byte[] Handle(byte[] datagram)
        {
            SipPacket p = Inbox.Rent();
            System.Array.Copy(datagram, p.Data, datagram.Length);
            p.Length = datagram.Length;
            p.RemoteHost = Source;
            p.RemotePort = 5060;
            p.Transport = Wire;
            Inbox.Post(p);
            Now++;
            int before = Wire.Sent;
            Agent.Poll(Now);
            return Wire.Sent == before ? null : Wire.Last;
        }

        public byte[] Handle(string datagram) => Handle(Encoding.UTF8.GetBytes(datagram));
    }
}
