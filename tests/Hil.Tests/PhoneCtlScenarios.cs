using System;
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

            var screen = Phonectl("screen");
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
                Assert.Contains("\"direction\":\"outgoing\"", dialled.Out);

                var calls = Phonectl("calls");
                Assert.Equal(0, calls.Code);
                Assert.Contains("\"remote\":\"sip:999@127.0.0.1:" + silent + "\"", calls.Out);

                // Nothing rang yet: the CANCEL waits for a provisional (RFC 3261 9.1), the call shows it is going.
                Assert.Equal(0, Phonectl("hangup").Code);
                Assert.Contains("\"state\":\"cancelling\"", Phonectl("calls").Out);
            }
            var none = Phonectl("answer");
            Assert.Equal(1, none.Code);
            Assert.Contains("no ringing call", none.Err);
            Assert.Equal(2, Phonectl("answer", "first").Code);
        }

        [Fact]
        public void UsageErrorsExitWith2()
        {
            Assert.Equal(2, Phonectl("explain").Code);
            Assert.Equal(2, Phonectl("frobnicate").Code);
            Assert.Equal(2, Phonectl("not-a-url", "status").Code);
        }

        [Fact]
        public void UnreachableTargetIsAClearErrorWithExitCode1()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int closed = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();

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
