using System.IO;
using DeskPhone.PhoneCtl.Bench;

namespace DeskPhone.Hil.Tests
{
    /// <summary>
    /// The SIP trace and the log as a technician reads them: a MESSAGE from sipsak, the simulator started with
    /// <c>--trace</c> printing it as it happens, <c>phonectl trace</c> and <c>phonectl log</c> afterwards.
    /// </summary>
    public class TraceScenarios
    {
        /// <summary>phonectl's bench commands against a phone of a test's own (DialPlanScenarios uses it too).</summary>
        internal static (int Code, string Out, string Err) Phonectl(PhoneUnderTest phone, params string[] args)
        {
            var all = new string[args.Length + 2];
            all[0] = "--target";
            all[1] = phone.BenchUrl;
            args.CopyTo(all, 2);
            var output = new StringWriter();
            var error = new StringWriter();
            int code = BenchCommands.Run(all, output, error);
            return (code, output.ToString(), error.ToString());
        }

        [SkippableFact]
        public void AMessageIsInTheLiveTraceInPhonectlTraceAndInTheLog()
        {
            Skip.IfNot(Sipsak.Installed, Sipsak.Missing);
            using PhoneUnderTest phone = PhoneUnderTest.Simulator("--trace");
            string answer = Sipsak.Message("486", phone.SipHost, phone.SipPort, "traced hello");
            Assert.Contains("200 OK", answer);

            var trace = Phonectl(phone, "trace");
            Assert.Equal(0, trace.Code);
            Assert.Matches(@"#\d+ \d+\.\d{3} s in UDP from 127\.0\.0\.1:\d+, \d+ B\r\nMESSAGE sip:486@", trace.Out);
            Assert.Contains("\r\n\r\ntraced hello\r\n", trace.Out);
            Assert.Matches(@"#\d+ \d+\.\d{3} s out UDP to 127\.0\.0\.1:\d+, \d+ B\r\nSIP/2\.0 200 OK\r\n", trace.Out);

            // --trace printed both as they happened.
            Assert.True(phone.WaitFor(() => phone.Errors, e => e.Contains("traced hello") && e.Contains("SIP/2.0 200 OK"), 10000)
                             .Contains("deskphone-sim: sip #"), phone.Errors);

            var log = Phonectl(phone, "log");
            Assert.Equal(0, log.Code);
            Assert.Matches(@"(?m)^\d+\.\d{3} s message", log.Out);

            Assert.Equal(0, Phonectl(phone, "trace", "clear").Code);
            Assert.DoesNotContain("traced hello", Phonectl(phone, "trace").Out);
            Assert.Equal(2, Phonectl(phone, "trace", "nonsense").Code);
        }
    }
}
