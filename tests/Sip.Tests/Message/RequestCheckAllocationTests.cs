using System;
using System.IO;
using System.Text;
using DeskPhone.Sip.Message;
using DeskPhone.Sip.Tests.Stack;

namespace DeskPhone.Sip.Tests.Message
{
    /// <summary>
    /// The request's check judges the From, To and Contact of a request it does not keep (every one but an INVITE's)
    /// without making the address, its URI or their parts (h-reqcheck: they were under a third of the office stream's
    /// low collections on the 80,896-byte board): only the value's characters are copied, and a quoted display name's.
    /// Run alone: the searches' boxes (ByteSearch.Boxes) are shared (see <see cref="RequestPathAllocationTests"/>).
    /// </summary>
    [Collection(AllocationBudgetCollection.Name)]
    public class RequestCheckAllocationTests
    {
        // The office stream's NOTIFY as tests/Device.Boot/ScriptRequest.cs writes it (a BLF key's dialog).
        private const string StreamNotify =
            "NOTIFY sip:486@192.0.2.10:5060;transport=udp SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK17\r\n" +
            "Max-Forwards: 70\r\nFrom: <sip:201@192.0.2.1>;tag=srv\r\nTo: <sip:486@192.0.2.1>;tag=dp7\r\nCall-ID: dp7-sub\r\n" +
            "CSeq: 117 NOTIFY\r\nContact: <sip:192.0.2.1:5060>\r\nEvent: dialog\r\nSubscription-State: active;expires=3600\r\n" +
            "Content-Type: application/dialog-info+xml\r\nContent-Length: 0\r\n\r\n";

        private static SipMessage Parse(byte[] bytes)
        {
            var m = new SipMessage();
            var r = new ParseResult();
            new SipParser().Parse(bytes, 0, bytes.Length, false, m, r);
            Assert.Equal(ParseResult.Ok, r.Code);
            return m;
        }

        // The check's judge of a name, as RequestCheck calls it.
        private static bool Valid(string value) => value != null && NameAddr.Read(value.ToCharArray(), null);

        private static long Allocated(Func<bool> f, out bool result)
        {
            f();
            long before = GC.GetAllocatedBytesForCurrentThread();
            result = f();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        private static long CharsOf(string value)
        {
            value.ToCharArray();
            long before = GC.GetAllocatedBytesForCurrentThread();
            value.ToCharArray();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        [Fact]
        public void TheStreamNotifysNamesAreJudgedFromTheirCharactersAlone()
        {
            SipMessage m = Parse(Encoding.ASCII.GetBytes(StreamNotify));
            foreach (string name in new[] { "From", "To", "Contact" })
            {
                string value = m.GetHeader(name);
                long judged = Allocated(() => Valid(value), out bool valid);
                Assert.True(valid, name);
                Assert.Equal(CharsOf(value), judged);
                // Parsed, the same value makes its address, URI and their strings besides (the Contact's 192 B more on the
                // host since the parameter list's string field went, h-margin4).
                long parsed = Allocated(() => NameAddr.Parse(value) != null, out bool taken);
                Assert.True(taken);
                Assert.True(parsed > judged + 160, name + ": " + parsed + " parsed, " + judged + " judged");
            }
        }

        [Fact]
        public void TheSeedMessagesFromCopiesOnlyItsCharactersAndItsQuotedName()
        {
            SipMessage m = Parse(File.ReadAllBytes(Path.Combine(TestPaths.Root, "tools", "ParseCount", "message484.sip")));
            string from = m.GetHeader("From");
            long judged = Allocated(() => Valid(from), out bool valid);
            Assert.True(valid);
            // Besides its characters, the display name's string (QuotedString.Read): "Reception", 9 characters (48 B on the host).
            Assert.InRange(judged - CharsOf(from), 1, 64);
            string to = m.GetHeader("To");
            Assert.Equal(CharsOf(to), Allocated(() => Valid(to), out valid));
            Assert.True(valid);
        }

        [Fact]
        public void TheChecksOfTheSeedMessageAndTheStreamNotifyMakeNoAddress()
        {
            foreach (byte[] bytes in new[] { File.ReadAllBytes(Path.Combine(TestPaths.Root, "tools", "ParseCount", "message484.sip")), Encoding.ASCII.GetBytes(StreamNotify) })
            {
                SipMessage m = Parse(bytes);
                var r = new CheckResult();
                // Warm: the top Via, the CSeq's figures and the Request-URI, kept in the message.
                RequestCheck.Check(m, UaCapabilities.Phone(), r);
                Assert.Equal(0, r.ErrorStatus);
                long before = GC.GetAllocatedBytesForCurrentThread();
                RequestCheck.Check(m, UaCapabilities.Phone(), r);
                long again = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.Equal(0, r.ErrorStatus);
                // What remains: the From's, To's and Contact's characters, the seed's display name, the values read once
                // (Content-Type's parameters); no address or URI (each parsed is over 200 B more, above). Since h-checkbytes
                // no string of the From, To, Contact, Max-Forwards or Expires: their characters are decoded from the bytes
                // (312 and 288 B here; 512 and 504 B when the From's and To's strings were made, h-turnparse).
                Console.WriteLine("check again: " + again);
                Assert.InRange(again, 1, 400);
            }
        }

        [Theory]
        [InlineData("<sip:a@b>;tag=1")]
        [InlineData("\"A \\\"q\\\" B\" <sip:a@b:5060;transport=udp>;tag=x")]
        [InlineData("Bob Smith <sips:bob%20s@[2001:db8::1]:5061>")]
        [InlineData("sip:a@b;tag=1")]
        [InlineData("tel:+1-555")]
        [InlineData("<tel:+1-555>")]
        [InlineData("*")]
        [InlineData("<sip:a@b?subject=x>")]
        [InlineData("sip:a@b?subject=x")]
        [InlineData("<sip:a%2@b>")]
        [InlineData("<sip:a%41@b>")]
        [InlineData("<sip:a:pw@b>")]
        [InlineData("<sip:@b>")]
        [InlineData("<sip:a@b:99999>")]
        [InlineData("<sip:a@[::g]>")]
        [InlineData("<sip:a@b>;;tag=1")]
        [InlineData("\"open <sip:a@b>")]
        [InlineData("Bad\"Name <sip:a@b>")]
        [InlineData("<sip:a b@c>")]
        [InlineData("<sip:a@b")]
        [InlineData("<tel:>")]
        [InlineData("<1sip:a@b>")]
        [InlineData("sip:a@b, sip:c@d")]
        [InlineData("")]
        public void TheJudgeTakesWhatTheParseTakes(string value)
        {
            Assert.Equal(NameAddr.Parse(value) != null, Valid(value));
        }
    }
}