using System;
using System.Linq;
using System.IO;
using System.Net;
using System.Net.Sockets;
using DeskPhone.PhoneCtl.Bench;

namespace DeskPhone.Hil.Tests
{
    /// <summary>phonectl's bench commands against the phone under test, with the exit codes docs/bench.md promises.</summary>
    public class PhoneCtlScenarios : IClassFixture<PhoneUnderTest>
    {
        private readonly PhoneUnderTest _phone;

        public PhoneCtlScenarios(PhoneUnderTest phone)
        {
            _phone = phone;
        }

        private static (int Code, string Out, string Err) PhonectlAt(string target, params string[] args)
        {
            var all = new string[args.Length + 2];
            all[0] = "--target";
            all[1] = target;
            args.CopyTo(all, 2);
            var output = new StringWriter();
            var error = new StringWriter();
            int code = BenchCommands.Run(all, output, error);
            return (code, output.ToString(), error.ToString());
        }

        private (int Code, string Out, string Err) Phonectl(params string[] args) => PhonectlAt(_phone.BenchUrl, args);

        [Fact]
        public void MessageIsAnsweredAndScreenShowsIt()
        {
            var sent = Phonectl("message", "sip:486@" + _phone.SipHost + ":" + _phone.SipPort, "phonectl was here");
            Assert.Equal(0, sent.Code);
            Assert.Contains("200", sent.Out);

            // The phone draws the turn after the MESSAGE's (a few ms): read until it shows.
            var screen = _phone.WaitFor(() => Phonectl("screen"), r => r.Code != 0 || r.Out.Contains("phonectl was here"));
            Assert.Equal(0, screen.Code);
            Assert.Contains("phonectl was here", screen.Out);
        }

        [Fact]
        public void StatusNamesTheStatusLine()
        {
            var status = Phonectl("status");
            Assert.Equal(0, status.Code);
            Assert.Contains("status line: " + _phone.StatusLine(), status.Out);
        }

        [Fact]
        public void UnknownKeyIsRefusedWithExitCode1()
        {
            var key = Phonectl("keys", "NOSUCHKEY");
            Assert.Equal(1, key.Code);
            Assert.Contains("unknown key", key.Err);
        }

        [Fact]
        public void CallCallsAndHangupDriveACall()
        {
            // A loopback port nobody answers on: the call stays "dialing" until it is hung up.
            var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            int silent = ((IPEndPoint)probe.Client.LocalEndPoint).Port;
            using (probe)
            {
                var dialled = Phonectl("call", "sip:999@127.0.0.1:" + silent);
                Assert.Equal(0, dialled.Code);
                Assert.Matches(@"^\d+ outgoing dialing sip:999@127\.0\.0\.1:" + silent + " 0:00\n$", dialled.Out);

                var calls = Phonectl("--json", "calls");
                Assert.Equal(0, calls.Code);
                Assert.Contains("\"remote\":\"sip:999@127.0.0.1:" + silent + "\"", calls.Out);

                // Nothing rang yet: the CANCEL waits for a provisional (RFC 3261 9.1), the call shows it is going.
                Assert.Equal(0, Phonectl("hangup").Code);
                Assert.Contains(" outgoing cancelling sip:999@127.0.0.1:" + silent, Phonectl("calls").Out);
            }
            var none = Phonectl("answer");
            Assert.Equal(1, none.Code);
            Assert.Contains("no ringing call", none.Err);
            Assert.Equal(2, Phonectl("answer", "first").Code);
        }

        [Fact]
        public void CallbackWithoutAFailedCallSaysSoAndChecksItsArgument()
        {
            var status = Phonectl("callback", "status");
            Assert.Equal(0, status.Code);
            Assert.Equal("call back: idle\n", status.Out);
            var none = Phonectl("callback");
            Assert.Equal(1, none.Code);
            Assert.Contains("no call to call back", none.Err);
            var cancel = Phonectl("callback", "cancel");
            Assert.Equal(1, cancel.Code);
            Assert.Contains("no call back to cancel", cancel.Err);
            Assert.Equal(2, Phonectl("callback", "now").Code);
        }

        [Fact]
        public void TransferAndParkNeedAConnectedCallAndTheirArguments()
        {
            var unknown = Phonectl("transfer", "99", "300");
            Assert.Equal(1, unknown.Code);
            Assert.Contains("no call 99", unknown.Err);
            var noCall = Phonectl("park");
            Assert.Equal(1, noCall.Code);
            Assert.Contains("not parked", noCall.Err);
            Assert.Equal(2, Phonectl("transfer", "1").Code);
            Assert.Equal(2, Phonectl("transfer", "first", "300").Code);
        }

        [Fact]
        public void ConferenceNeedsTwoConnectedCallsAndSaysWhy()
        {
            var join = Phonectl("conference");
            Assert.Equal(1, join.Code);
            Assert.Contains("a conference needs two connected calls", join.Err);
            var hangup = Phonectl("conference", "hangup");
            Assert.Equal(1, hangup.Code);
            Assert.Contains("no conference", hangup.Err);
            Assert.Equal(2, Phonectl("conference", "all").Code);
        }

        [Fact]
        public void RaiseAndClearSayWhatChangedAndExplainAloneListsTheActiveStatuses()
        {
            var raised = Phonectl("raise", "PhoneIsLocked");
            Assert.Equal(0, raised.Code);
            Assert.StartsWith("raised PhoneIsLocked\nstatus line: ", raised.Out);
            Assert.Contains("PhoneIsLocked [bench]", raised.Out);

            var explained = Phonectl("explain");
            Assert.Equal(0, explained.Code);
            Assert.Matches(@"(?m)^PhoneIsLocked: \S", explained.Out);
            Assert.DoesNotContain("PhoneIsLocked: PhoneIsLocked", explained.Out);

            var cleared = Phonectl("clear", "PhoneIsLocked");
            Assert.Equal(0, cleared.Code);
            Assert.StartsWith("cleared PhoneIsLocked\nstatus line: ", cleared.Out);
            Assert.DoesNotContain("PhoneIsLocked [", cleared.Out);
            Assert.DoesNotContain("PhoneIsLocked:", Phonectl("explain").Out);
        }

        [Fact]
        public void SettingsKeysAndRegistrationPrintTextAndJsonOnRequest()
        {
            Assert.Equal("user_realname[2] = Bench Two\n", Phonectl("set", "user_realname", "Bench Two", "2").Out);
            Assert.Equal("user_realname[2] = Bench Two\n", Phonectl("get", "user_realname", "2").Out);
            Assert.Contains("\"value\":\"Bench Two\"", Phonectl("--json", "get", "user_realname", "2").Out);
            Assert.Equal("CANCEL pressed\n", Phonectl("keys", "CANCEL").Out);
            Assert.Matches(@"(?m)^1 \S+( \(no registrar\))? (registered|not registered)$", Phonectl("registration").Out);
            Assert.Matches(@"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d|time not known yet) \(source: (ntp|clock|none); ", Phonectl("time").Out);
            string zone = _phone.Set("timezone", "IND+5.5");
            Assert.EndsWith("; zone IND+5.5, UTC+330 min)\n", Phonectl("time").Out);
            _phone.Set("timezone", zone);
        }

        [Fact]
        public void ProvisionShowsTheStateAndARunWithoutAUrlIsRefused()
        {
            var shown = Phonectl("provision");
            Assert.Equal(0, shown.Code);
            Assert.Matches(@"^(no provisioning URL \(setting_server\)|http://\S+) \((idle|starting|fetching|waiting)[^\n]*\)\n(no run yet|last run)", shown.Out);
            if (shown.Out.StartsWith("no provisioning URL"))
            {
                var run = Phonectl("provision", "run");
                Assert.Equal(1, run.Code);
                Assert.Contains("no provisioning URL (setting_server is empty)", run.Err);
            }
        }

        /// <summary>
        /// A run the phone starts is answered 202 Accepted: phonectl prints it as the state and exits 0 (it printed the
        /// raw JSON as an error and exited 1). The document is the phone's own export, so nothing changes.
        /// </summary>
        [Fact]
        public void ProvisionRunThatStartsPrintsTheStateAndExits0()
        {
            string url = _phone.Set("setting_server", _phone.BenchUrl.TrimEnd('/') + "/api/settings.xml");
            try
            {
                var run = Phonectl("provision", "run");
                Assert.Equal((0, ""), (run.Code, run.Err));
                Assert.Matches(@"^http://\S+/api/settings\.xml \((starting|fetching)[^\n]*\)\n", run.Out);
                var ended = _phone.WaitFor(() => Phonectl("provision"), r => r.Out.Contains("(idle"));
                Assert.Contains("\nlast run: ", ended.Out);
            }
            finally
            {
                _phone.Set("setting_server", url);
            }
        }

        [Fact]
        public void UpdateShowsTheStateAndRefusesWhatCannotBeDone()
        {
            // The shared simulator has no --state, so no flash for the update slots.
            var none = Phonectl("update");
            Assert.Equal(1, none.Code);
            Assert.Contains("this phone has no flash or HTTP channel for updates", none.Err);

            string state = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "deskphone-ctl-" + System.Guid.NewGuid().ToString("N"));
            try
            {
                using var phone = PhoneUnderTest.Simulator("--state \"" + state + "\"");
                var shown = PhonectlAt(phone.BenchUrl, "update");
                Assert.Equal((0, "running the deployed set; staged: none; idle (no firmware_status; ask_for_update)\n"), (shown.Code, shown.Out));
                var apply = PhonectlAt(phone.BenchUrl, "update", "apply");
                Assert.Equal(1, apply.Code);
                Assert.Contains("no verified update is staged", apply.Err);
                var check = PhonectlAt(phone.BenchUrl, "update", "check");
                Assert.Equal(1, check.Code);
                Assert.Contains("no update manifest URL (firmware_status is empty)", check.Err);
                // A check that starts is answered 202 Accepted: the state, exit 0 (a closed port: it fails later, by itself).
                phone.Set("update_key", new string('7', 64));
                phone.Set("firmware_status", "http://127.0.0.1:" + LoopbackPorts.FreeTcp() + "/manifest");
                var started = PhonectlAt(phone.BenchUrl, "update", "check");
                Assert.Equal((0, ""), (started.Code, started.Err));
                Assert.StartsWith("running the deployed set; staged: none; ", started.Out);
            }
            finally
            {
                if (System.IO.Directory.Exists(state))
                {
                    System.IO.Directory.Delete(state, true);
                }
            }
        }

        [Fact]
        public void PresenceIsReadAndChosen()
        {
            try
            {
                Assert.Equal("own status: Do not disturb\n", Phonectl("presence", "dnd").Out);
                Assert.Equal("own status: Do not disturb\n", Phonectl("presence").Out);
                Assert.Contains("\"state\":\"dnd\"", Phonectl("--json", "presence").Out);
            }
            finally
            {
                var online = Phonectl("presence", "online");
                Assert.Equal(0, online.Code);
                Assert.Equal("own status: Online\n", online.Out);
            }
            var refused = Phonectl("presence", "busy");
            Assert.Equal(1, refused.Code);
            Assert.Contains("set by the phone", refused.Err);
        }

        [Fact]
        public void PlugCommandsDriveTheSimulatedHardware()
        {
            Assert.Equal("ethernet unplugged\n", Phonectl("unplug", "ethernet").Out);
            try
            {
                Assert.Contains("EthernetUnplugged", _phone.WaitFor(() => Phonectl("status").Out, o => o.Contains("EthernetUnplugged")));
            }
            finally
            {
                Assert.Equal("ethernet plugged\n", Phonectl("plug", "ethernet").Out);
                // The link counts once it has stayed up a moment (EthernetLink's up debounce), and switching back to it
                // drops the phone's calls: the scenarios after this one start on a settled link.
                Assert.StartsWith("on ethernet", _phone.WaitFor(() => Phonectl("link").Out, o => o.StartsWith("on ethernet")));
            }
            Assert.Equal("module 1 plugged\n", Phonectl("plug", "module", "1").Out);
            Assert.Equal("module 1 unplugged\n", Phonectl("unplug", "module", "1").Out);
            Assert.Equal(2, Phonectl("plug", "module", "4").Code);
        }

        [Fact]
        public void MessageAcceptsLocalhostAndSaysAtOnceWhenNothingListens()
        {
            // localhost where the phone under test is the simulator on this machine; a board is named by its address.
            string host = _phone.SipHost == "127.0.0.1" ? "localhost" : _phone.SipHost;
            var sent = Phonectl("message", "sip:486@" + host + ":" + _phone.SipPort, "via localhost");
            Assert.Equal(0, sent.Code);
            Assert.Equal("200 OK\n", sent.Out);

            // Below the ephemeral range (LoopbackPorts): a port let go there is not taken by some other socket meanwhile.
            int closed = LoopbackPorts.FreeUdp();
            var refused = Phonectl("message", "sip:486@127.0.0.1:" + closed, "nobody");
            Assert.Equal(1, refused.Code);
            Assert.Contains("nothing listens for SIP at 127.0.0.1:" + closed, refused.Err);
        }

        /// <summary>A text no UDP datagram can carry is a usage error, said as such (phonectl died with an unhandled SocketException).</summary>
        [Fact]
        public void MessageTooLargeForADatagramIsAUsageError()
        {
            var huge = Phonectl("message", "sip:486@" + _phone.SipHost + ":" + _phone.SipPort, new string('a', 70000));
            Assert.Equal((2, ""), (huge.Code, huge.Out));
            Assert.Contains("more than one UDP datagram holds", huge.Err);
        }

        /// <summary>A PNG that cannot be written is a clear error (phonectl died with an unhandled IOException).</summary>
        [Fact]
        public void ScreenPngToAFolderThatDoesNotExistIsAnError()
        {
            string file = Path.Combine(Path.GetTempPath(), "deskphone-no-" + Guid.NewGuid().ToString("N"), "screen.png");
            var saved = Phonectl("screen", "--png", file);
            Assert.Equal((1, ""), (saved.Code, saved.Out));
            Assert.StartsWith("phonectl: cannot write " + file + " (", saved.Err);
        }

        [Fact]
        public void UsageErrorsExitWith2()
        {
            var unknown = Phonectl("frobnicate");
            Assert.Equal(2, unknown.Code);
            Assert.Contains("unknown command 'frobnicate'", unknown.Err);
            Assert.Contains("  registration ", unknown.Err);
            Assert.Equal(2, Phonectl("not-a-url", "status").Code);
        }

        /// <summary>An option without its value says so (it was taken for a command: "unknown command '--password'").</summary>
        [Fact]
        public void AnOptionWithoutItsValueIsNamed()
        {
            var password = Phonectl("status", "--password");
            Assert.Equal((2, "", "phonectl: --password needs a value\n"), (password.Code, password.Out, password.Err.Replace("\r", "")));
            var error = new StringWriter();
            Assert.Equal(2, BenchCommands.Run(new[] { "--target" }, new StringWriter(), error));
            Assert.StartsWith("phonectl: --target needs a value", error.ToString());
        }

        /// <summary>
        /// IDX is a number or a usage error: it went into the query as typed, so "2&amp;idx=3" set index 2, and
        /// "abc" was left to the phone's 400.
        /// </summary>
        [Fact]
        public void ASettingsIndexThatIsNotANumberIsAUsageError()
        {
            string before = Phonectl("get", "user_realname", "2").Out;
            var set = Phonectl("set", "user_realname", "Injected", "2&idx=3");
            Assert.Equal((2, ""), (set.Code, set.Out));
            Assert.StartsWith("usage: phonectl set NAME VALUE [IDX]", set.Err);
            Assert.Equal(before, Phonectl("get", "user_realname", "2").Out);
            Assert.Equal(2, Phonectl("get", "user_realname", "one").Code);
        }

        /// <summary>A known command with the wrong arguments shows that command's usage, not the whole help.</summary>
        [Fact]
        public void AUsageErrorShowsTheCommandsOwnLines()
        {
            var call = Phonectl("call");
            Assert.Equal(2, call.Code);
            Assert.StartsWith("usage: phonectl call TARGET ", call.Err);
            Assert.Contains("phonectl --help", call.Err);
            Assert.DoesNotContain("registration", call.Err);

            var hangup = Phonectl("hangup", "1", "2");
            Assert.Equal(2, hangup.Code);
            Assert.StartsWith("usage: phonectl answer [ID] | hangup [ID] ", hangup.Err);

            var update = Phonectl("update", "now");
            Assert.Equal(2, update.Code);
            Assert.Contains("apply: start the staged set", update.Err);
            Assert.DoesNotContain("calls", update.Err);
        }

        [Fact]
        public void UnreachableTargetIsAClearErrorWithExitCode1()
        {
            int closed = LoopbackPorts.FreeTcp();

            var status = PhonectlAt("http://127.0.0.1:" + closed, "status");
            Assert.Equal(1, status.Code);
            Assert.Contains("cannot reach", status.Err);
        }
    }

    /// <summary>A phone of its own: setting the passwords must not leak into the other scenarios.</summary>
    public class PhoneCtlPasswordScenario
    {
        private static (int Code, string Out, string Err) Run(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int code = BenchCommands.Run(args, output, error);
            return (code, output.ToString(), error.ToString());
        }

        [Fact]
        public void LinkCommandsMoveTheSimulatorToWifiAndBack()
        {
            using var phone = PhoneUnderTest.Simulator("");
            string[] at = { "--target", phone.BenchUrl };
            Assert.StartsWith("on ethernet", Run(at.Append("link").ToArray()).Out);
            Assert.Equal(0, Run(at.Concat(new[] { "set", "wifi_ssid", "lab" }).ToArray()).Code);

            Assert.Equal("wifi reject\n", Run(at.Concat(new[] { "link", "wifi", "reject" }).ToArray()).Out);
            Assert.Equal("ethernet down\n", Run(at.Concat(new[] { "link", "ethernet", "down" }).ToArray()).Out);
            string failed = phone.WaitFor(() => Run(at.Append("link").ToArray()).Out, o => o.Contains("last: wrong key"), 10000);
            Assert.StartsWith("on none\nethernet: unplugged\nwifi: lab failed, ", failed);
            Assert.Contains("failed, last: wrong key, next try in ", failed);

            Assert.Equal("wifi up\n", Run(at.Concat(new[] { "link", "wifi", "up" }).ToArray()).Out);
            Assert.StartsWith("on wifi, 127.0.0.2\n", phone.WaitFor(() => Run(at.Append("link").ToArray()).Out, o => o.StartsWith("on wifi"), 15000));
            Assert.Equal("ethernet up\n", Run(at.Concat(new[] { "link", "ethernet", "up" }).ToArray()).Out);
            Assert.StartsWith("on ethernet", phone.WaitFor(() => Run(at.Append("link").ToArray()).Out, o => o.StartsWith("on ethernet"), 10000));
            Assert.Equal(2, Run(at.Concat(new[] { "link", "wifi", "sideways" }).ToArray()).Code);
        }

        /// <summary>`watch` on a thread of its own until it returns: its exit code, what it printed and its error.</summary>
        private static (int Code, string Out, string Err) Watch(PhoneUnderTest phone, Action whileWatching)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            TextWriter synchronizedOutput = TextWriter.Synchronized(output);
            int code = -1;
            var watcher = new System.Threading.Thread(() => code = BenchCommands.Run(new[] { "--target", phone.BenchUrl, "watch" }, synchronizedOutput, error));
            watcher.Start();
            phone.WaitFor(() => synchronizedOutput.ToString(), o => o.Contains("hello"));
            Assert.Contains("hello", output.ToString());
            whileWatching();
            Assert.True(watcher.Join(10000), "watch did not return");
            return (code, output.ToString(), error.ToString());
        }

        /// <summary>The phone closes the stream (its credentials changed): said, exit 1 (it ended silently with 0).</summary>
        [Fact]
        public void WatchSaysWhenThePhoneEndsTheStream()
        {
            using var phone = PhoneUnderTest.Simulator("");
            var watched = Watch(phone, () => Assert.Equal(0, Run("--target", phone.BenchUrl, "set", "http_user", "bob").Code));
            Assert.Equal((1, "phonectl: the phone ended the event stream\n"), (watched.Code, watched.Err.Replace("\r", "")));
        }

        /// <summary>The phone goes away mid-stream (killed, a board's power): said, exit 1 (an unhandled HttpIOException).</summary>
        [Fact]
        public void WatchSaysWhenThePhoneGoesAway()
        {
            var phone = PhoneUnderTest.Simulator("");
            var watched = Watch(phone, phone.Dispose);
            Assert.Equal(1, watched.Code);
            Assert.StartsWith("phonectl: the event stream broke off (", watched.Err);
        }

        [Fact]
        public void WrongPasswordIsRefusedWithExitCode1AndTheRightOneWorks()
        {
            using var phone = PhoneUnderTest.Simulator("");
            Assert.Equal(0, Run("--target", phone.BenchUrl, "set", "http_pass", "s3cret").Code);

            var missing = Run("--target", phone.BenchUrl, "status");
            Assert.Equal(1, missing.Code);
            Assert.Contains("401", missing.Err);
            Assert.Contains("--password", missing.Err);
            var refused = Run("--target", phone.BenchUrl, "--password", "wrong", "status");
            Assert.Equal(1, refused.Code);
            Assert.Contains("401", refused.Err);
            Assert.Contains("wrong user name or password", refused.Err);

            // The wrong password above earned this client a 1 s back-off.
            System.Threading.Thread.Sleep(1500);
            var right = Run("--target", phone.BenchUrl, "--password", "s3cret", "status");
            Assert.Equal(0, right.Code);
            Assert.Contains("status line:", right.Out);
            Assert.Equal(1, Run("--target", phone.BenchUrl, "--user", "someone", "--password", "s3cret", "status").Code);
        }

        [Fact]
        public void AdministratorLevelChangesNeedTheAdminPassword()
        {
            using var phone = PhoneUnderTest.Simulator("");
            Assert.Equal(0, Run("--target", phone.BenchUrl, "set", "http_pass", "s3cret").Code);
            Assert.Equal(0, Run("--target", phone.BenchUrl, "--password", "s3cret", "set", "admin_mode_password", "adm1n").Code);

            var refused = Run("--target", phone.BenchUrl, "--password", "s3cret", "set", "http_pass", "other");
            Assert.Equal(1, refused.Code);
            Assert.Contains("403", refused.Err);
            Assert.Contains("--admin-password", refused.Err);

            Environment.SetEnvironmentVariable("DESKPHONE_USER", "admin");
            Environment.SetEnvironmentVariable("DESKPHONE_PASSWORD", "s3cret");
            try
            {
                Assert.Equal(0, Run("--target", phone.BenchUrl, "--admin-password", "adm1n", "set", "http_pass", "other").Code);
                Assert.Equal(0, Run("--target", phone.BenchUrl, "--password", "other", "get", "user_name", "1").Code);
            }
            finally
            {
                Environment.SetEnvironmentVariable("DESKPHONE_USER", null);
                Environment.SetEnvironmentVariable("DESKPHONE_PASSWORD", null);
            }
        }
    }
}
