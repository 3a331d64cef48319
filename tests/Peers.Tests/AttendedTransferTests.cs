using System.IO;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// Attended transfer against real peers on loopback (docs/calls.md, "Attended transfer"): baresip A and baresip C.
    /// The phone calls A, holds it, calls C (the consultation) and transfers A to C: REFER to A with Replaces in the
    /// Refer-To (RFC 3891), A calls C, the sipfrag NOTIFY with C's 200 ends both of the phone's calls, and A and C stay
    /// connected. Debian's baresip 1.0 does not do Replaces: it puts the Refer-To's <c>?Replaces=</c> (unescaped) in
    /// its INVITE's Request-URI and sends no Replaces header, so C takes A's call as a new one and the phone's BYE ends
    /// the consultation. Without a registrar: through kamailio that Request-URI names no registered user (404), so the
    /// phone and the baresips call each other's contacts directly, as the blind transfer test does.
    /// </summary>
    public class AttendedTransferTests
    {
        [SkippableFact]
        public void TheHeldCallGoesToTheConsultedPartyAndThePhonesCallsEnd()
        {
            Skip.IfNot(File.Exists(Baresip.Binary), Baresip.Missing);
            using PhoneUnderTest phone = CallTests.Phone();
            using var a = new Baresip("200");
            using var c = new Baresip("300");

            // The call to A, held by the phone; then the consultation call to C.
            Assert.Equal(200, phone.Post("api/calls", "{\"to\":\"" + a.Uri + "\"}").Status);
            Assert.True(a.WaitForEvent("CALL_ESTABLISHED"), a.Log);
            int held = CallTests.Calls(phone)[0].GetProperty("id").GetInt32();
            Assert.Equal(200, phone.Post("api/calls/" + held + "/hold").Status);
            Assert.Equal("held", phone.WaitFor(() => CallTests.State(phone), s => s == "held", 15000));
            Assert.Equal(200, phone.Post("api/calls", "{\"to\":\"" + c.Uri + "\"}").Status);
            Assert.True(c.WaitForEvent("CALL_ESTABLISHED"), c.Log);
            Assert.True(phone.WaitFor(() => CallTests.Calls(phone).Length == 2 && CallTests.Calls(phone)[1].GetProperty("state").GetString() == "connected",
                                      r => r, 15000), phone.Get("api/calls").Body);

            var (status, body) = phone.Post("api/calls/0/transfer", "{\"attended\":true}");
            Assert.True(status == 200, body);

            // A got the REFER naming C's dialog and calls C; the phone ends both of its calls on the NOTIFY with 200.
            Assert.True(a.WaitForLines("REFER ") >= 1, a.Log);
            Assert.Contains("?Replaces=", a.Log);
            Assert.True(a.WaitForLines("INVITE sip:300") >= 1, "A never called C:\n" + a.Log);
            Assert.True(phone.WaitFor(() => CallTests.State(phone), s => s == "none", 20000) == "none",
                        "the phone's calls did not end:\n" + phone.Get("api/calls").Body + "\n" + a.Log);
            // A's NOTIFYs to the phone: 100 Trying at once, then C's answer (message/sipfrag "SIP/2.0 200 OK").
            Assert.True(a.WaitForLines("NOTIFY ", 2) >= 2, a.Log);
            Assert.True(phone.WaitFor(() => SipfragNotifies(a.Log), n => n.Contains("SIP/2.0 200"), 15000).Contains("SIP/2.0 200"), a.Log);
            // A and C end connected to each other: C answered A's call, neither was closed by the other.
            Assert.True(c.WaitForLines("INVITE sip:300", 2) >= 2, "C never got A's call:\n" + c.Log);
            Assert.True(c.WaitForLines("BYE ") >= 1, "the consultation call was not ended:\n" + c.Log);
            Assert.True(a.WaitForLines("BYE ") >= 1, "the held call was not ended:\n" + a.Log);
            Assert.True(phone.WaitFor(() => c.EventCount("CALL_ESTABLISHED"), n => n >= 2, 15000) >= 2, c.Events);
            // baresip writes its BYE to the trace before it raises CALL_CLOSED: wait for the event, then count it exactly.
            Assert.Equal(1, phone.WaitFor(() => c.EventCount("CALL_CLOSED"), n => n >= 1, 15000));
            // A's events come on a connection of their own, read by a thread of the test's: C's events say nothing of
            // when A's are read, so A's second CALL_ESTABLISHED (its call to C) is waited for too, then counted exactly.
            Assert.Equal(2, phone.WaitFor(() => a.EventCount("CALL_ESTABLISHED"), n => n >= 2, 15000));
            Assert.Equal(1, phone.WaitFor(() => a.EventCount("CALL_CLOSED"), n => n >= 1, 15000));
            Assert.Empty(CallTests.Calls(phone));
        }

        /// <summary>The sipfrag bodies of the NOTIFYs in baresip's trace, one per line (a trace message ends with "[;m").</summary>
        private static string SipfragNotifies(string log)
        {
            var bodies = new System.Text.StringBuilder();
            string[] parts = log.Split("\nNOTIFY sip:");
            for (int i = 1; i < parts.Length; i++)
            {
                int end = parts[i].IndexOf("[;m", System.StringComparison.Ordinal);
                string message = end < 0 ? parts[i] : parts[i].Substring(0, end);
                int body = message.IndexOf("\r\n\r\n", System.StringComparison.Ordinal);
                body = body < 0 ? message.IndexOf("\n\n", System.StringComparison.Ordinal) : body;
                if (message.Contains("Content-Type: message/sipfrag") && body >= 0)
                {
                    bodies.AppendLine(message.Substring(body).Trim());
                }
            }
            return bodies.ToString();
        }
    }
}
