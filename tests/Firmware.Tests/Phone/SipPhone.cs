using System;
using System.Collections.Generic;
using System.Text;
using DeskPhone.Drivers;
using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.App;
using DeskPhone.Firmware.Phone;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Signals;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Firmware.Tests.Phone
{
    /// <summary>A transport that records what the phone sends and lets a test inject what arrives.</summary>
    internal sealed class SipChannel : ISipTransport
    {
        public readonly List<string> Sent = new List<string>();
        /// <summary>Where each of <see cref="Sent"/> went, "host:port".</summary>
        public readonly List<string> SentTo = new List<string>();
        private readonly SipInbox _inbox;

        public SipChannel(SipInbox inbox)
        {
            _inbox = inbox;
        }

        public string Name => "UDP";
        public int LocalPort => 5060;

        /// <summary>Told each message as it is sent (what else holds at that moment), when set.</summary>
        public Action<string> Sending;

        public bool Send(byte[] data, int length, string host, int port, object connection)
        {
            string text = Encoding.UTF8.GetString(data, 0, length);
            Sending?.Invoke(text);
            Sent.Add(text);
            SentTo.Add(host + ":" + port);
            return true;
        }

        public void Arrive(string text, string host = "10.0.0.1")
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            SipPacket p = _inbox.Rent();
            Array.Copy(bytes, p.Data, bytes.Length);
            p.Length = bytes.Length;
            p.RemoteHost = host;
            p.RemotePort = 5060;
            p.Transport = this;
            _inbox.Post(p);
        }

        public static string Header(string message, string name)
        {
            foreach (string line in message.Substring(0, message.IndexOf("\r\n\r\n")).Split("\r\n"))
            {
                if (line.StartsWith(name + ": "))
                {
                    return line.Substring(name.Length + 2);
                }
            }
            return null;
        }

        public static string Body(string message) => message.Substring(message.IndexOf("\r\n\r\n") + 4);
    }

    /// <summary>
    /// The phone built by <see cref="PhoneApp"/> as the device builds it, headless and without drivers, over a fake
    /// channel, with identity 1 = 100@10.0.0.1, in virtual time.
    /// </summary>
    internal sealed class SipPhone
    {
        public readonly SettingsStore Settings;
        public readonly SipInbox Inbox = new SipInbox(8, 4096);
        public readonly SipChannel Channel;
        public readonly PhoneApp App;
        public readonly SipSubscriptions Subscriptions;
        public readonly PhoneCore Phone;
        public readonly SipBinding Binding;
        public readonly SipUserAgent Agent;
        public long Now;

        /// <param name="panel">A panel the screen model is drawn on (null: headless, as the other tests run).</param>
        /// <param name="drivers">The hardware (simulated), or null: none.</param>
        /// <param name="rtp">The calls' media channels (null: calls carry no audio), with <paramref name="audio"/> their devices.</param>
        /// <param name="medium">Where the settings (and what the phone keeps beside them) are stored; null: memory only.</param>
        public SipPhone(Action<SettingsStore> configure = null, DeskPhone.Ui.Rendering.IPanel panel = null, PhoneDrivers drivers = null,
                        DeskPhone.Firmware.Voice.RtpChannelFactory rtp = null, DeskPhone.Media.Audio.ICallAudio audio = null,
                        ISettingsMedium medium = null, IFreeMemory memory = null, DeskPhone.Domain.Provisioning.IHttpChannel http = null,
                        DeskPhone.Firmware.Voice.MulticastChannelFactory multicast = null, DeskPhone.Drivers.Network.IWifiLink wifi = null,
                        string[] dns = null)
        {
            Settings = medium == null ? new SettingsStore() : new SettingsStore(medium, new Random(1));
            Settings.Set("user_active", 1, "on");
            Settings.Set("user_name", 1, "100");
            Settings.Set("user_host", 1, "10.0.0.1");
            configure?.Invoke(Settings);
            Channel = new SipChannel(Inbox);
            App = new PhoneApp(new PhoneParts(Settings, Inbox, Channel)
            {
                Drivers = drivers,
                LocalHost = "192.0.2.10",
                Panel = panel,
                Profile = panel == null ? null : DeskPhone.Ui.Rendering.DisplayProfile.Color320x240,
                Rtp = rtp,
                Audio = audio,
                Memory = memory,
                Http = http,
                Multicast = multicast,
                Wifi = wifi,
                DnsServers = dns,
            });
            Subscriptions = App.Subscriptions;
            Phone = App.Core;
            Binding = App.Binding;
            Agent = App.Agent;
        }

        /// <summary>A key pressed and released (the hook only lifted: it stays off-hook), then one loop turn.</summary>
        public void Key(int code)
        {
            Phone.OnKey(code, KeyAction.Press, Now);
            if (code != KeyCode.Hook)
            {
                Phone.OnKey(code, KeyAction.Release, Now);
            }
            Run(10);
        }

        /// <summary>A phone whose function key 1 monitors 200 (BLF), registered, its dialog SUBSCRIBE answered 200.</summary>
        public static SipPhone WithBlfKey200(out string subscribe)
        {
            var p = new SipPhone(s => s.Set("fkey", 1, "blf sip:200@10.0.0.1"));
            p.Run(100);
            p.Register();
            p.Run(100);
            subscribe = p.Last("SUBSCRIBE", "dialog");
            Xunit.Assert.NotNull(subscribe);
            p.Answer(subscribe, 200, "Expires: 3600\r\n");
            return p;
        }

        /// <summary>A full dialog-info document of extension 200 holding the given dialog elements.</summary>
        public static string DialogInfo200(int version, string dialogs) =>
            "<?xml version=\"1.0\"?><dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"" + version +
            "\" state=\"full\" entity=\"sip:200@10.0.0.1\">" + dialogs + "</dialog-info>";

        public void Run(long ms)
        {
            long end = Now + ms;
            do
            {
                Now += 10;
                App.Poll(Now);
            }
            while (Now < end);
        }

        /// <summary>The last request of a method (and Event package) the phone sent, or null.</summary>
        public string Last(string method, string eventPackage = null)
        {
            for (int i = Channel.Sent.Count - 1; i >= 0; i--)
            {
                string m = Channel.Sent[i];
                if (m.StartsWith(method + " ") && (eventPackage == null || SipChannel.Header(m, "Event") == eventPackage))
                {
                    return m;
                }
            }
            return null;
        }

        /// <summary>Requests of a method (and Event package) sent, retransmissions not counted.</summary>
        public int Count(string method, string eventPackage = null)
        {
            var seen = new HashSet<string>();
            foreach (string m in Channel.Sent)
            {
                if (m.StartsWith(method + " ") && (eventPackage == null || SipChannel.Header(m, "Event") == eventPackage))
                {
                    seen.Add(SipChannel.Header(m, "Call-ID") + " " + SipChannel.Header(m, "CSeq"));
                }
            }
            return seen.Count;
        }

        /// <summary>Answers a request the phone sent (its Via, From, To, Call-ID and CSeq echoed).</summary>
        public void Answer(string request, int status, string extra = "")
        {
            string to = SipChannel.Header(request, "To");
            Channel.Arrive("SIP/2.0 " + status + " X\r\nVia: " + SipChannel.Header(request, "Via") + "\r\nFrom: " + SipChannel.Header(request, "From") +
                           "\r\nTo: " + to + (to.Contains(";tag=") ? "" : ";tag=srv") + "\r\nCall-ID: " + SipChannel.Header(request, "Call-ID") +
                           "\r\nCSeq: " + SipChannel.Header(request, "CSeq") + "\r\n" + extra + "Content-Length: 0\r\n\r\n");
            Run(10);
        }

        /// <summary>
        /// An INVITE for identity 1 from 10.0.0.1 (<paramref name="from"/>: a From value without its tag, which is "a"),
        /// with <paramref name="extra"/> header lines and an SDP offer when one is given, then one loop turn.
        /// </summary>
        public void Invite(string branch, string callId, string from, string extra = "", string sdp = null)
        {
            string body = sdp == null ? "Content-Length: 0\r\n\r\n" : "Content-Type: application/sdp\r\nContent-Length: " + sdp.Length + "\r\n\r\n" + sdp;
            Channel.Arrive("INVITE sip:100@192.0.2.10:5060;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=" + branch +
                           "\r\nFrom: " + from + ";tag=a\r\nTo: <sip:100@10.0.0.1>\r\nCall-ID: " + callId +
                           "\r\nCSeq: 1 INVITE\r\nContact: <sip:555@10.0.0.1>\r\n" + extra + "Max-Forwards: 70\r\n" + body);
            // Two turns: the screen shows the ringing call from the turn after the INVITE's (PhoneApp.Poll).
            Run(20);
        }

        private readonly HashSet<string> _ownAnswered = new HashSet<string>();

        /// <summary>
        /// The phone's own SUBSCRIBE of <paramref name="eventPackage"/> (message-summary, reg, as-feature-event): its own
        /// SUBSCRIBEs and PUBLISH go out one at a time (sip/Events/OneAtATime), so the loop runs, a PBX answering 200
        /// each own SUBSCRIBE of another package and each PUBLISH as it comes, until one of <paramref name="eventPackage"/>
        /// was sent, more than <paramref name="before"/> of them (at most 3 s); returns the last one sent, or null.
        /// </summary>
        public string Own(string eventPackage, int before = 0)
        {
            for (int turn = 0; turn < 300 && Count("SUBSCRIBE", eventPackage) <= before; turn++)
            {
                for (int i = 0; i < Channel.Sent.Count; i++)
                {
                    string m = Channel.Sent[i];
                    string ev = SipChannel.Header(m, "Event");
                    bool own = m.StartsWith("PUBLISH ") || (m.StartsWith("SUBSCRIBE ") && ev != "dialog" && ev != eventPackage);
                    if (own && _ownAnswered.Add(SipChannel.Header(m, "Call-ID") + " " + SipChannel.Header(m, "CSeq")))
                    {
                        Answer(m, 200, m.StartsWith("PUBLISH ") ? "SIP-ETag: e1\r\nExpires: 3600\r\n" : "Expires: 3600\r\n");
                    }
                }
                Run(10);
            }
            return Last("SUBSCRIBE", eventPackage);
        }

        public void Register()
        {
            Answer(Last("REGISTER"), 200, "Contact: <sip:100@192.0.2.10:5060;line=dp1>;expires=3600\r\n");
        }

        private int _notifies;

        /// <summary>
        /// A NOTIFY in the dialog of a SUBSCRIBE the phone sent; returns the status the phone answered.
        /// <paramref name="contentType"/> is the whole Content-Type header value.
        /// </summary>
        public int Notify(string subscribe, string state, string contentType, string body)
        {
            string from = SipChannel.Header(subscribe, "From");
            string to = SipChannel.Header(subscribe, "To");
            string contact = SipChannel.Header(subscribe, "Contact");
            string uri = contact.Substring(1, contact.IndexOf('>') - 1);
            byte[] b = Encoding.UTF8.GetBytes(body ?? "");
            string branch = "z9hG4bKn" + (++_notifies);
            int before = Channel.Sent.Count;
            Channel.Arrive("NOTIFY " + uri + " SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=" + branch + "\r\nMax-Forwards: 70\r\n" +
                           "From: " + (to.Contains(";tag=") ? to : to + ";tag=srv") + "\r\nTo: " + from + "\r\nCall-ID: " + SipChannel.Header(subscribe, "Call-ID") +
                           "\r\nCSeq: " + (100 + _notifies) + " NOTIFY\r\nEvent: " + SipChannel.Header(subscribe, "Event") +
                           "\r\nSubscription-State: " + state + "\r\n" + (contentType != null ? "Content-Type: " + contentType + "\r\n" : "") +
                           "Content-Length: " + b.Length + "\r\n\r\n" + (body ?? ""));
            Run(10);
            for (int i = before; i < Channel.Sent.Count; i++)
            {
                string m = Channel.Sent[i];
                if (m.StartsWith("SIP/2.0 ") && m.Contains(branch))
                {
                    return int.Parse(m.Substring(8, 3));
                }
            }
            return -1;
        }
    }

    /// <summary>
    /// A call layer stand-in: a test says when a call starts and ends; as the calls do, it tells the own presence of the
    /// change (none given: the core only reads <see cref="InCall"/> when it attaches).
    /// </summary>
    internal sealed class FakeCalls : ICallState
    {
        private readonly OwnPresence _presence;

        public FakeCalls(OwnPresence presence = null)
        {
            _presence = presence;
        }

        public bool InCall { get; private set; }

        public void Set(bool inCall, long nowMs)
        {
            InCall = inCall;
            _presence?.SetInCall(inCall, nowMs);
        }
    }
}
