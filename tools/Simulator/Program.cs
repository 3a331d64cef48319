using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using DeskPhone.Firmware.Bench;
using DeskPhone.Domain.Settings;
using DeskPhone.Host.Audio;
using DeskPhone.Host.Sim;
using DeskPhone.Sip.Transport;

namespace DeskPhone.Simulator
{
    /// <summary>deskphone-sim: the virtual phone (docs/simulator.md). Exit codes: 0 stopped, 1 could not start, 2 usage.</summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            AppDomain.CurrentDomain.UnhandledException += (s, e) =>
                Console.Error.WriteLine("deskphone-sim: unhandled exception: " + e.ExceptionObject);
            SimulatorOptions options = SimulatorOptions.Parse(args, out string error);
            if (options == null)
            {
                (error.Length == 0 ? Console.Out : Console.Error).WriteLine((error.Length == 0 ? "" : "deskphone-sim: " + error + "\n") + SimulatorOptions.Usage);
                return error.Length == 0 ? 0 : 2;
            }

            SettingsStore settings;
            try
            {
                settings = SimulatedPhone.DefaultSettings(options.StateDirectory, options.Identity, options.Registrar);
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine("deskphone-sim: " + ex.Message);
                return 2;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // A --state folder that cannot be made or read (under a file, /proc, no permission): said, not a crash.
                Console.Error.WriteLine("deskphone-sim: --state " + options.StateDirectory + ": " + ex.Message);
                return 2;
            }
            if (options.SettingsFile != null && !ImportSettings(settings, options.SettingsFile))
            {
                return 1;
            }

            SimulatedAudio audio;
            try
            {
                audio = new SimulatedAudio(options.Mic, options.RecordDir);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is InvalidDataException || ex is IOException || ex is UnauthorizedAccessException)
            {
                Console.Error.WriteLine("deskphone-sim: " + ex.Message);
                return 2;
            }
            using var audioFiles = audio;
            using var phone = new SimulatedPhone(settings, audio, options.StateDirectory, options.Dns);
            var screen = new PanelScreen(phone.App.Text, phone.Panel);
            phone.KeyHandler = (code, action) => phone.Core.OnKey(code, action, phone.Now);
            var router = new BenchRouter(phone.Core, screen, phone.Key, phone, phone.Binding) {
                CallLayer = phone.App, Time = phone.App.Time, Registrations = phone.App.Binding.Registrations, Target = new SimulatorTarget(),
                Provisioning = phone.App.Provisioning, Updates = phone.App.Updates, Trace = phone.Trace, Log = phone.App.Log,
            };
            router.Auth.Log = line =>
            {
                Console.Error.WriteLine("deskphone-sim: " + line);
                phone.App.Log.Add(line);
            };
            if (options.Trace)
            {
                phone.Trace.Written = PrintTrace(phone);
            }
            using var bench = new KestrelBenchServer(options.Bind, options.BenchPort, phone.Core, router, phone.Events, Page())
            {
                Audio = new CallAudioRoute(phone.Core.Gate, phone.App, audio.Listeners),
            };
            try
            {
                phone.Start(options.Bind, options.SipPort);
            }
            catch (SocketException ex)
            {
                Console.Error.WriteLine("deskphone-sim: cannot listen for SIP on " + options.Bind + " port " + options.SipPort + " (" + ex.Message +
                                        "): is another phone or PBX using it? Choose another with --sip-port (0 picks a free one).");
                return 1;
            }
            try
            {
                bench.Start();
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine("deskphone-sim: cannot listen for the bench on " + options.Bind + " port " + options.BenchPort + " (" +
                                        (ex.InnerException ?? ex).Message + "): is another simulator using it? Choose another with --bench-port (0 picks a free one).");
                return 1;
            }

            string identity = settings.Get(SettingNames.UserName, 1);
            // An IPv6 address is written as a reference in a SIP URI: sip:486@[::1]:5060.
            string sipHost = options.Bind.Contains(':') ? "[" + options.Bind + "]" : options.Bind;
            string sipUri = "sip:" + identity + "@" + sipHost + ":" + phone.Udp.LocalPort;
            string phonectl = PhonectlCommand();
            Console.WriteLine("DeskPhone simulator running");
            Console.WriteLine("  SIP:      " + sipUri + " (UDP and TCP)");
            Console.WriteLine("  web:      " + bench.Prefix + "admin (the phone's web interface: status, identities, settings)");
            Console.WriteLine("  bench:    " + bench.Prefix + " (page in a browser), " + bench.Prefix + "api/screen (screen text)");
            Console.WriteLine("  phonectl: " + phonectl + " (docs/bench.md); in another shell first:");
            Console.WriteLine("            export DESKPHONE_TARGET=" + bench.Prefix);
            Console.WriteLine("  try:      " + phonectl + " message " + sipUri + " \"Hello\"");
            Console.WriteLine("            " + phonectl + " screen");
            Console.WriteLine("Ctrl-C stops it.");
            Console.Out.Flush();

            var stop = new ManualResetEventSlim();
            Console.CancelKeyPress += (s, e) => { e.Cancel = true; stop.Set(); };
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Set(); });
            stop.Wait();
            Console.WriteLine("DeskPhone simulator stopped");
            return 0;
        }

        /// <summary>
        /// How to run phonectl from here: the binary built beside the simulator (tools/Simulator references
        /// tools/PhoneCtl, so one build makes both; it answers in a second where `dotnet run` builds first), else
        /// `dotnet run --project tools/PhoneCtl --`.
        /// </summary>
        private static string PhonectlCommand()
        {
            string configuration = new DirectoryInfo(AppContext.BaseDirectory).Name;
            string built = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "PhoneCtl", configuration, "phonectl"));
            if (File.Exists(built))
            {
                string relative = Path.GetRelativePath(Environment.CurrentDirectory, built);
                return relative.StartsWith("..") || Path.IsPathRooted(relative) ? built : "./" + relative;
            }
            return "dotnet run --project tools/PhoneCtl --";
        }

        private static bool ImportSettings(SettingsStore settings, string file)
        {
            byte[] data;
            try
            {
                data = File.ReadAllBytes(file);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Console.Error.WriteLine("deskphone-sim: cannot read settings file " + file + ": " + ex.Message);
                return false;
            }
            SettingsImportReport report = settings.ImportXml(data, 0, data.Length);
            if (report.Malformed != null)
            {
                Console.Error.WriteLine("deskphone-sim: " + file + " is not a settings file: " + report.Malformed);
                return false;
            }
            Console.WriteLine("settings: " + report.Applied + " applied from " + file + Describe(report));
            return true;
        }

        private static string Describe(SettingsImportReport report)
        {
            var text = new System.Text.StringBuilder();
            foreach (string e in report.Errors) text.Append("\n  refused: ").Append(e);
            foreach (string u in report.Unknown) text.Append("\n  unknown (kept): ").Append(u);
            return text.ToString();
        }

        private static byte[] Page()
        {
            using Stream s = typeof(KestrelBenchServer).Assembly.GetManifestResourceStream("bench.html");
            using var memory = new MemoryStream();
            s.CopyTo(memory);
            return memory.ToArray();
        }

        /// <summary>--trace: each SIP message as it goes in or out, on standard error, with the trace's head line.</summary>
        private static SipTraceHandler PrintTrace(SimulatedPhone phone)
        {
            var gate = new object();
            return (outgoing, data, offset, length, transport, host, port) =>
            {
                var head = new StringBuilder();
                SipTrace.Head(head, phone.Trace.Recorded, phone.Now, outgoing, transport, host, port, length);
                lock (gate)
                {
                    Console.Error.WriteLine("deskphone-sim: sip " + head);
                    Console.Error.WriteLine(Encoding.UTF8.GetString(data, offset, length).TrimEnd('\r', '\n'));
                    Console.Error.WriteLine();
                }
            };
        }
    }
}
