using System;
using System.Threading;
using DeskPhone.Drivers;
using DeskPhone.Drivers.Boards;
using DeskPhone.Drivers.Device;
using DeskPhone.Drivers.Expansion;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Phone;
using DeskPhone.Firmware.Settings;
using DeskPhone.Sip.Transport;
using DeskPhone.Sip.UserAgent;

namespace DeskPhone.Firmware.Device
{
    /// <summary>
    /// Device entry point: the board profile's drivers, the settings from flash, the phone core, SIP on
    /// network_id_port and the bench on port 80, then one loop every 5 ms, like the simulator's.
    /// </summary>
    public static class Program
    {
        private const int LoopMs = 5;
        private const int BenchPort = 80;

        public static void Main()
        {
            var clock = new SystemClock();
            BoardProfile board = BoardProfiles.M5StackCore();
            PhoneDrivers drivers = DeviceDrivers.Create(board, clock, ExpansionProtocol.Version(1, 2));

            var settings = new SettingsStore(new FileSettingsMedium("I:\\"), new Random());
            SettingsLoadReport loaded = settings.Load();
            Console.WriteLine("settings: " + loaded.Source);

            var network = new NetworkMonitor(drivers.Ethernet, clock);
            var inbox = new SipInbox(8, 4096);
            var udp = new UdpTransport(inbox);
            var tcp = new TcpTransport(inbox);
            var subscriptions = new SipSubscriptions();
            var phone = new PhoneCore(settings, drivers, subscriptions, clock.NowMs);
            var binding = new SipBinding(phone) { Subscriptions = subscriptions };
            var agent = new SipUserAgent(inbox, binding) { Udp = udp };
            subscriptions.Attach(agent, phone);
            binding.Attach(agent);
            var publisher = new PresencePublisher(phone);
            publisher.Attach(agent);

            int port = settings.GetInt("network_id_port");
            udp.Start("0.0.0.0", port);
            tcp.Start("0.0.0.0", port);
            drivers.Ethernet.AddressChanged += address => { agent.LocalHost = address; };

            var screen = new StateScreen(phone, () => DateTime.UtcNow.AddMinutes(settings.GetInt("timezone_offset_minutes")));
            var router = new BenchRouter(phone, screen, (code, action) => phone.OnKey(code, action, clock.NowMs), null, binding);
            new BenchListener(router, phone, BenchPort).Start();
            Console.WriteLine("DeskPhone running: SIP port " + port.ToString() + ", bench port " + BenchPort.ToString());

            while (true)
            {
                long now = clock.NowMs;
                try
                {
                    lock (phone.Gate)
                    {
                        agent.Poll(now);
                        subscriptions.Poll(now);
                        publisher.Poll(now);
                        phone.Poll(now);
                    }
                }
                catch (Exception ex)
                {
                    // A phone must not go dark over one bad packet: report and keep running.
                    Console.WriteLine("phone loop fault: " + ex.Message);
                }
                Thread.Sleep(LoopMs);
            }
        }
    }
}
