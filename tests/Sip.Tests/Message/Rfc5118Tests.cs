using System.Text;
using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Tests.Message
{
    /// <summary>
    /// RFC 5118 (SIP torture tests for IPv6), section 4: each message as the RFC prints it (CRLF line ends; the SDP
    /// bodies' Content-Length is computed from the body as written here), with the verdict the phone gives. Then the
    /// IPv6 reference rules one by one in Request-URI, Via sent-by, Contact and received.
    /// </summary>
    public class Rfc5118Tests
    {
        private static string Crlf(string text) => text.Replace("\r\n", "\n").Replace("\n", "\r\n");

        private static string WithBody(string head, string body)
        {
            string b = Crlf(body);
            return Crlf(head).Replace("Content-Length: LEN", "Content-Length: " + Encoding.ASCII.GetByteCount(b)) + b;
        }

        private static (SipMessage, ParseResult, CheckResult) Judge(string text)
        {
            byte[] data = Encoding.ASCII.GetBytes(text);
            var m = new SipMessage();
            var p = new ParseResult();
            new SipParser().Parse(data, 0, data.Length, false, m, p);
            var c = new CheckResult();
            if (p.Code == ParseResult.Ok)
            {
                RequestCheck.Check(m, UaCapabilities.Phone(), c);
            }
            return (m, p, c);
        }

        private static SipMessage Accepted(string text)
        {
            (SipMessage m, ParseResult p, CheckResult c) = Judge(text);
            Assert.True(p.Code == ParseResult.Ok, p.ErrorReason);
            Assert.True(c.Code == ParseResult.Ok, c.ErrorReason);
            return m;
        }

        private static void Refused(string text)
        {
            (SipMessage _, ParseResult p, CheckResult c) = Judge(text);
            int status = p.Code == ParseResult.Invalid ? p.ErrorStatus : c.ErrorStatus;
            Assert.True(p.Code == ParseResult.Invalid || c.Code != ParseResult.Ok, "accepted");
            Assert.Equal(400, status);
        }

        // 4.1 ipv6-good: valid.
        public static readonly string Ipv6Good = Crlf(
            "REGISTER sip:[2001:db8::10] SIP/2.0\n" +
            "To: sip:user@example.com\n" +
            "From: sip:user@example.com;tag=81x2\n" +
            "Via: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111\n" +
            "Call-ID: SSG9559905523997077@hlau_4100\n" +
            "Max-Forwards: 70\n" +
            "Contact: \"Caller\" <sip:caller@[2001:db8::1]>\n" +
            "CSeq: 98176 REGISTER\n" +
            "Content-Length: 0\n\n");

        // 4.2 ipv6-bad: the Request-URI's IPv6 address has no brackets; invalid.
        public static readonly string Ipv6Bad = Crlf(
            "REGISTER sip:2001:db8::10 SIP/2.0\n" +
            "To: sip:user@example.com\n" +
            "From: sip:user@example.com;tag=81x2\n" +
            "Via: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111\n" +
            "Call-ID: SSG9559905523997077@hlau_4100\n" +
            "Max-Forwards: 70\n" +
            "Contact: \"Caller\" <sip:caller@[2001:db8::1]>\n" +
            "CSeq: 98176 REGISTER\n" +
            "Content-Length: 0\n\n");

        // 4.3 port-ambiguous: valid; 5070 is the address's last group, there is no port.
        public static readonly string PortAmbiguous = Crlf(
            "REGISTER sip:[2001:db8::10:5070] SIP/2.0\n" +
            "To: sip:user@example.com\n" +
            "From: sip:user@example.com;tag=81x2\n" +
            "Via: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111\n" +
            "Call-ID: SSG9559905523997077@hlau_4100\n" +
            "Contact: \"Caller\" <sip:caller@[2001:db8::1]>\n" +
            "Max-Forwards: 70\n" +
            "CSeq: 98176 REGISTER\n" +
            "Content-Length: 0\n\n");

        // 4.4 port-unambiguous: valid; port 5070.
        public static readonly string PortUnambiguous = Crlf(
            "REGISTER sip:[2001:db8::10]:5070 SIP/2.0\n" +
            "To: sip:user@example.com\n" +
            "From: sip:user@example.com;tag=81x2\n" +
            "Via: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111\n" +
            "Call-ID: SSG9559905523997077@hlau_4100\n" +
            "Contact: \"Caller\" <sip:caller@[2001:db8::1]>\n" +
            "Max-Forwards: 70\n" +
            "CSeq: 98176 REGISTER\n" +
            "Content-Length: 0\n\n");

        // 4.5 via-received-param-with-delim: accepted (RFC 5118 asks for robustness; RFC 3261's received has no brackets).
        public static readonly string ViaReceivedWithDelim = Crlf(
            "BYE sip:[2001:db8::10] SIP/2.0\n" +
            "To: sip:user@example.com;tag=bd76ya\n" +
            "From: sip:user@example.com;tag=81x2\n" +
            "Via: SIP/2.0/UDP [2001:db8::9:1];received=[2001:db8::9:255];branch=z9hG4bKas3-111\n" +
            "Call-ID: SSG9559905523997077@hlau_4100\n" +
            "Max-Forwards: 70\n" +
            "CSeq: 321 BYE\n" +
            "Content-Length: 0\n\n");

        // 4.5 via-received-param-no-delim: valid (the form RFC 3261's grammar gives).
        public static readonly string ViaReceivedNoDelim = Crlf(
            "OPTIONS sip:[2001:db8::10] SIP/2.0\n" +
            "To: sip:user@example.com\n" +
            "From: sip:user@example.com;tag=81x2\n" +
            "Via: SIP/2.0/UDP [2001:db8::9:1];received=2001:db8::9:255;branch=z9hG4bKas3\n" +
            "Call-ID: SSG95523997077@hlau_4100\n" +
            "Max-Forwards: 70\n" +
            "Contact: \"Caller\" <sip:caller@[2001:db8::9:1]>\n" +
            "CSeq: 921 OPTIONS\n" +
            "Content-Length: 0\n\n");

        // 4.6 ipv6-in-sdp: valid.
        public static readonly string Ipv6InSdp = WithBody(
            "INVITE sip:user@[2001:db8::10] SIP/2.0\n" +
            "To: sip:user@[2001:db8::10]\n" +
            "From: sip:user@example.com;tag=81x2\n" +
            "Via: SIP/2.0/UDP [2001:db8::20];branch=z9hG4bKas3-111\n" +
            "Call-ID: SSG9559905523997077@hlau_4100\n" +
            "Contact: \"Caller\" <sip:caller@[2001:db8::20]>\n" +
            "CSeq: 8612 INVITE\n" +
            "Max-Forwards: 70\n" +
            "Content-Type: application/sdp\n" +
            "Content-Length: LEN\n\n",
            "v=0\n" +
            "o=assistant 971731711378798081 0 IN IP6 2001:db8::20\n" +
            "s=Live video feed for today's meeting\n" +
            "c=IN IP6 2001:db8::20\n" +
            "t=3338481189 3370017201\n" +
            "m=audio 6000 RTP/AVP 2\n" +
            "a=rtpmap:2 G726-32/8000\n" +
            "m=video 6024 RTP/AVP 107\n" +
            "a=rtpmap:107 H263-1998/90000\n");

        // 4.7 mult-ip-in-header: valid; IPv6 and IPv4 in one Via list, an IPv4 received.
        public static readonly string MultIpInHeader = Crlf(
            "BYE sip:user@host.example.net SIP/2.0\n" +
            "Via: SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111\n" +
            "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKjhja8781hjuaij65144\n" +
            "Via: SIP/2.0/TCP [2001:db8::9:255];branch=z9hG4bK451jj;received=192.0.2.200\n" +
            "Call-ID: 997077@lau_4100\n" +
            "Max-Forwards: 70\n" +
            "CSeq: 89187 BYE\n" +
            "To: sip:user@example.net;tag=9817--94\n" +
            "From: sip:user@example.com;tag=81x2\n" +
            "Content-Length: 0\n\n");

        // 4.8 mult-ip-in-sdp: valid.
        public static readonly string MultIpInSdp = WithBody(
            "INVITE sip:user@[2001:db8::10] SIP/2.0\n" +
            "To: sip:user@[2001:db8::10]\n" +
            "From: sip:user@example.com;tag=81x2\n" +
            "Via: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111\n" +
            "Call-ID: SSG9559905523997077@hlau_4100\n" +
            "Contact: \"Caller\" <sip:caller@[2001:db8::9:1]>\n" +
            "Max-Forwards: 70\n" +
            "CSeq: 8912 INVITE\n" +
            "Content-Type: application/sdp\n" +
            "Content-Length: LEN\n\n",
            "v=0\n" +
            "o=bob 280744730 28977631 IN IP4 host.example.com\n" +
            "s=\n" +
            "t=0 0\n" +
            "m=audio 22334 RTP/AVP 0\n" +
            "c=IN IP4 192.0.2.1\n" +
            "m=video 6024 RTP/AVP 107\n" +
            "c=IN IP6 2001:db8::1\n" +
            "a=rtpmap:107 H263-1998/90000\n");

        // 4.9 ipv4-mapped-ipv6: valid.
        public static readonly string Ipv4MappedIpv6 = WithBody(
            "INVITE sip:user@example.com SIP/2.0\n" +
            "To: sip:user@example.com\n" +
            "From: sip:user@east.example.com;tag=81x2\n" +
            "Via: SIP/2.0/UDP [::ffff:192.0.2.10]:19823;branch=z9hG4bKbh19\n" +
            "Via: SIP/2.0/UDP [::ffff:192.0.2.2];branch=z9hG4bKas3-111\n" +
            "Call-ID: SSG9559905523997077@hlau_4100\n" +
            "Contact: \"T. desk phone\" <sip:ted@[::ffff:192.0.2.2]>\n" +
            "CSeq: 612 INVITE\n" +
            "Max-Forwards: 70\n" +
            "Content-Type: application/sdp\n" +
            "Content-Length: LEN\n\n",
            "v=0\n" +
            "o=assistant 971731711378798081 0 IN IP6 ::ffff:192.0.2.2\n" +
            "s=Call me soon, please!\n" +
            "c=IN IP6 ::ffff:192.0.2.2\n" +
            "t=3338481189 3370017201\n" +
            "m=audio 6000 RTP/AVP 2\n" +
            "a=rtpmap:2 G726-32/8000\n" +
            "m=video 6024 RTP/AVP 107\n" +
            "a=rtpmap:107 H263-1998/90000\n");

        // 4.10 ipv6-bug-abnf-3-colons: refused here (RFC 4291 and RFC 3986 3.2.2 have no three colons; issue 16 item 7).
        public static readonly string ThreeColons = Crlf(
            "OPTIONS sip:user@[2001:db8:::192.0.2.1] SIP/2.0\n" +
            "To: sip:user@[2001:db8:::192.0.2.1]\n" +
            "From: sip:user@example.com;tag=810x2\n" +
            "Via: SIP/2.0/UDP lab1.east.example.com;branch=z9hG4bKas3-111\n" +
            "Call-ID: G9559905523997077@hlau_4100\n" +
            "CSeq: 689 OPTIONS\n" +
            "Max-Forwards: 70\n" +
            "Content-Length: 0\n\n");

        // 4.10 ipv6-correct-abnf-2-colons: valid.
        public static readonly string TwoColons = Crlf(
            "OPTIONS sip:user@[2001:db8::192.0.2.1] SIP/2.0\n" +
            "To: sip:user@[2001:db8::192.0.2.1]\n" +
            "From: sip:user@example.com;tag=810x2\n" +
            "Via: SIP/2.0/UDP lab1.east.example.com;branch=z9hG4bKas3-111\n" +
            "Call-ID: G9559905523997077@hlau_4100\n" +
            "CSeq: 689 OPTIONS\n" +
            "Max-Forwards: 70\n" +
            "Content-Length: 0\n\n");

        [Fact]
        public void S41_Ipv6GoodIsAccepted()
        {
            SipMessage m = Accepted(Ipv6Good);
            Assert.Equal("[2001:db8::10]", m.RequestUri.Host);
            Assert.Equal(0, m.RequestUri.Port);
            Assert.Equal("[2001:db8::9:1]", m.GetVia(0).Host);
            Assert.Equal("[2001:db8::1]", m.GetContact(0).Uri.Host);
        }

        [Fact]
        public void S42_Ipv6BadIsRefused() => Refused(Ipv6Bad);

        [Fact]
        public void S43_PortAmbiguousIsAnAddressWithoutAPort()
        {
            SipMessage m = Accepted(PortAmbiguous);
            Assert.Equal("[2001:db8::10:5070]", m.RequestUri.Host);
            Assert.Equal(0, m.RequestUri.Port);
        }

        [Fact]
        public void S44_PortUnambiguousHasPort5070()
        {
            SipMessage m = Accepted(PortUnambiguous);
            Assert.Equal("[2001:db8::10]", m.RequestUri.Host);
            Assert.Equal(5070, m.RequestUri.Port);
        }

        [Fact]
        public void S45_ReceivedWithAndWithoutBracketsIsAccepted()
        {
            Assert.Equal("[2001:db8::9:255]", Accepted(ViaReceivedWithDelim).GetVia(0).Received);
            Assert.Equal("2001:db8::9:255", Accepted(ViaReceivedNoDelim).GetVia(0).Received);
        }

        [Fact]
        public void S46_Ipv6InSdpIsAccepted() => Assert.Equal("[2001:db8::20]", Accepted(Ipv6InSdp).GetVia(0).Host);

        [Fact]
        public void S47_MultipleAddressFamiliesInViaAreAccepted()
        {
            SipMessage m = Accepted(MultIpInHeader);
            Assert.Equal(3, m.ViaCount);
            Assert.Equal("[2001:db8::9:1]", m.GetVia(0).Host);
            Assert.Equal(6050, m.GetVia(0).Port);
            Assert.Equal("192.0.2.1", m.GetVia(1).Host);
            Assert.Equal("192.0.2.200", m.GetVia(2).Received);
        }

        [Fact]
        public void S48_MultipleAddressFamiliesInSdpAreAccepted() => Accepted(MultIpInSdp);

        [Fact]
        public void S49_Ipv4MappedAddressesAreAccepted()
        {
            SipMessage m = Accepted(Ipv4MappedIpv6);
            Assert.Equal("[::ffff:192.0.2.10]", m.GetVia(0).Host);
            Assert.Equal(19823, m.GetVia(0).Port);
            Assert.Equal("[::ffff:192.0.2.2]", m.GetContact(0).Uri.Host);
        }

        [Fact]
        public void S410_ThreeColonsAreRefusedAndTwoAccepted()
        {
            Refused(ThreeColons);
            Assert.Equal("[2001:db8::192.0.2.1]", Accepted(TwoColons).RequestUri.Host);
        }

        [Theory]
        [InlineData("[2001:db8::10]", true)]
        [InlineData("[2001:db8::10]:5070", true)]
        [InlineData("[::ffff:192.0.2.1]", true)]
        [InlineData("[::1]", true)]
        [InlineData("[::]", true)]
        [InlineData("[2001:db8:0:0:0:0:0:1]", true)]
        [InlineData("[0:0:0:0:0:ffff:192.0.2.1]", true)]
        [InlineData("[2001:DB8::A]", true)]
        [InlineData("[1::]", true)]
        [InlineData("[2001:db8:::192.0.2.1]", false)]  // three colons (RFC 5118 4.10)
        [InlineData("[2001:db8::10", false)]           // no ']'
        [InlineData("[2001:db8::10:5070", false)]
        [InlineData("[192.0.2.1::1]", false)]           // IPv4 tail in the wrong place
        [InlineData("[::192.0.2.1:1]", false)]
        [InlineData("[::ffff:192.0.2.256]", false)]
        [InlineData("[2001:db8::10::1]", false)]        // two "::"
        [InlineData("[1:2:3:4:5:6:7:8:9]", false)]      // nine groups
        [InlineData("[1:2:3:4:5:6:7]", false)]          // seven groups, no "::"
        [InlineData("[1:2:3:4:5:6:7::8]", false)]       // "::" for no group at all
        [InlineData("[12345::1]", false)]               // five hex digits
        [InlineData("[:1::2]", false)]                  // a lone leading colon
        [InlineData("[1::2:]", false)]                  // a lone trailing colon
        [InlineData("[2001:db8::g]", false)]
        [InlineData("[]", false)]
        [InlineData("[192.0.2.1]", false)]
        [InlineData("[2001:db8::10]5070", false)]
        [InlineData("2001:db8::10", false)]             // no brackets (RFC 5118 4.2)
        public void Ipv6ReferencesInEveryPlace(string host, bool valid)
        {
            Assert.Equal(valid, SipUri.Parse("sip:486@" + host) != null);
            Assert.Equal(valid, SipUri.Parse("sip:" + host + ";transport=udp") != null);
            Assert.Equal(valid, Via.Parse("SIP/2.0/UDP " + host + ";branch=z9hG4bK1") != null);
            Assert.Equal(valid, NameAddr.Parse("\"A\" <sip:a@" + host + ">;expires=60") != null);
            string request = Crlf(
                "OPTIONS sip:486@" + host + " SIP/2.0\n" +
                "Via: SIP/2.0/UDP " + host + ";branch=z9hG4bK1\n" +
                "From: <sip:a@example.com>;tag=1\n" +
                "To: <sip:486@example.com>\n" +
                "Contact: <sip:a@" + host + ">\n" +
                "Call-ID: v6\n" +
                "CSeq: 1 OPTIONS\n" +
                "Max-Forwards: 70\n" +
                "Content-Length: 0\n\n");
            if (valid)
            {
                Accepted(request);
            }
            else
            {
                Refused(request);
            }
        }

        [Theory]
        [InlineData("2001:db8::9:255", true)]
        [InlineData("[2001:db8::9:255]", true)]
        [InlineData("::ffff:192.0.2.1", true)]
        [InlineData("192.0.2.1", true)]
        [InlineData("2001:db8:::192.0.2.1", false)]
        [InlineData("[2001:db8::9:255", false)]
        [InlineData("2001:db8::9:255]", false)]
        [InlineData("192.0.2.256", false)]
        [InlineData("192.0.2", false)]
        [InlineData("host.example.com", false)]
        public void ReceivedHoldsAnAddress(string received, bool valid)
        {
            Assert.Equal(valid, Via.Parse("SIP/2.0/UDP [2001:db8::9:1];received=" + received + ";branch=z9hG4bK1") != null);
            string request = Crlf(
                "OPTIONS sip:486@example.com SIP/2.0\n" +
                "Via: SIP/2.0/UDP [2001:db8::9:1];received=" + received + ";branch=z9hG4bK1\n" +
                "From: <sip:a@example.com>;tag=1\n" +
                "To: <sip:486@example.com>\n" +
                "Call-ID: v6r\n" +
                "CSeq: 1 OPTIONS\n" +
                "Max-Forwards: 70\n" +
                "Content-Length: 0\n\n");
            if (valid)
            {
                Accepted(request);
            }
            else
            {
                Refused(request);
            }
        }

        [Theory]
        [InlineData("[2001:db8::1]", "2001:db8::1", true)]
        [InlineData("[2001:DB8::1]", "2001:db8::1", true)]
        [InlineData("192.0.2.1", "192.0.2.1", true)]
        [InlineData("[::1]", "::2", false)]
        [InlineData("192.0.2.1", "192.0.2.10", false)]
        [InlineData("PBX.Example.com", "pbx.example.COM", true)]
        [InlineData("pbx[", "pbx{", false)]
        [InlineData("pbx@", "pbx`", false)]
        [InlineData("[pbx]", "pbx]", false)]
        public void SameHostIgnoresBracketsAndCase(string a, string b, bool same) => Assert.Equal(same, SipUri.SameHost(a, b));
    }
}
