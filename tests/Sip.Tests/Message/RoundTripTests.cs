using System.Text;
using DeskPhone.Sip.Message;

namespace DeskPhone.Sip.Tests.Message
{
    /// <summary>Byte-exact encode and decode for each message kind; compact headers in, long headers out.</summary>
    public class RoundTripTests
    {
        private static readonly SipParser Parser = new SipParser();

        private static SipMessage Parse(byte[] bytes, bool stream, ParseResult r)
        {
            var m = new SipMessage();
            Parser.Parse(bytes, 0, bytes.Length, stream, m, r);
            return m;
        }

        [Fact]
        public void RequestWithoutBodyIsWrittenExactly()
        {
            byte[] bytes = SipWriter.Request("OPTIONS", "sip:bob@127.0.0.1")
                .Header("Via", "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKa1")
                .Header("Call-ID", "c1")
                .Header("CSeq", "1 OPTIONS")
                .ToBytes();
            Assert.Equal("OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKa1\r\n" +
                         "Call-ID: c1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n", Encoding.ASCII.GetString(bytes));
        }

        [Fact]
        public void SixtyFourHeadersAreReadAndTheSixtyFifthIs513OnTheSameMessage()
        {
            // The per-line arrays start small and grow with the message: one instance reused for a short message, 64
            // lines, 65 lines and a short one again reads every line that fits and refuses only beyond MaxHeaders.
            var m = new SipMessage();
            var r = new ParseResult();
            byte[] small = Headers(3);
            Parser.Parse(small, 0, small.Length, false, m, r);
            Assert.Equal(ParseResult.Ok, r.Code);

            byte[] full = Headers(SipMessage.MaxHeaders);
            Parser.Parse(full, 0, full.Length, false, m, r);
            Assert.Equal(ParseResult.Ok, r.Code);
            Assert.Equal(SipMessage.MaxHeaders, m.HeaderCount);
            Assert.Equal("v1", m.GetHeader("X-H1"));
            Assert.Equal("v17", m.GetHeader("X-H17"));
            Assert.Equal("v64", m.GetHeader("X-H64"));
            Assert.Equal("X-H33", m.HeaderName(32));

            byte[] over = Headers(SipMessage.MaxHeaders + 1);
            Parser.Parse(over, 0, over.Length, false, m, r);
            Assert.Equal(ParseResult.Invalid, r.Code);
            Assert.Equal(513, r.ErrorStatus);
            Assert.Equal("more than 64 headers", r.ErrorReason);

            Parser.Parse(small, 0, small.Length, false, m, r);
            Assert.Equal(ParseResult.Ok, r.Code);
            Assert.Equal(3, m.HeaderCount);
            Assert.Equal("v3", m.GetHeader("X-H3"));
            Assert.Null(m.GetHeader("X-H4"));
        }

        private static byte[] Headers(int count)
        {
            var text = new StringBuilder("OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\n");
            for (int i = 1; i <= count; i++)
            {
                text.Append("X-H").Append(i).Append(": v").Append(i).Append("\r\n");
            }
            return Encoding.ASCII.GetBytes(text.Append("\r\n").ToString());
        }

        [Fact]
        public void RequestWithBodyIsWrittenExactlyAndReadBack()
        {
            byte[] body = { (byte)'h', (byte)'i', 0, 0xFF };
            byte[] bytes = SipWriter.Request("MESSAGE", "sip:bob@127.0.0.1").Header("CSeq", "2 MESSAGE")
                .Body("text/plain", body).ToBytes();
            string head = "MESSAGE sip:bob@127.0.0.1 SIP/2.0\r\nCSeq: 2 MESSAGE\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\n";
            Assert.Equal(head.Length + 4, bytes.Length);
            Assert.Equal(head, Encoding.ASCII.GetString(bytes, 0, head.Length));
            Assert.Equal(body, bytes[head.Length..]);

            var r = new ParseResult();
            SipMessage m = Parse(bytes, true, r);
            Assert.Equal(ParseResult.Ok, r.Code);
            Assert.Equal(bytes.Length, r.Consumed);
            Assert.Equal("MESSAGE", m.Method);
            Assert.Equal(2, m.CSeq);
            Assert.Equal("text/plain", m.ContentType);
            Assert.Equal(body, new System.ArraySegment<byte>(m.Buffer, m.BodyOffset, m.BodyLength).ToArray());
        }

        [Fact]
        public void CompactHeadersInLongHeadersOutOnTheResponse()
        {
            byte[] request = Encoding.ASCII.GetBytes(
                "MESSAGE sip:bob@127.0.0.1 SIP/2.0\r\n" +
                "v: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1, SIP/2.0/UDP 127.0.0.2;branch=z9hG4bK2\r\n" +
                "f: \"A, B\" <sip:a@127.0.0.1>;tag=9\r\nt: <sip:bob@127.0.0.1>\r\ni: abc\r\nCSeq: 7\r\n MESSAGE\r\n" +
                "c: text/plain;charset=utf-8\r\nl: 2\r\n\r\nhi");
            var r = new ParseResult();
            SipMessage m = Parse(request, false, r);
            Assert.Equal(ParseResult.Ok, r.Code);
            Assert.Equal(2, m.ViaCount);
            Assert.Equal("127.0.0.2", m.GetVia(1).Host);
            Assert.Equal("A, B", m.From.DisplayName);
            Assert.Equal("9", m.From.Tag);
            Assert.Equal("abc", m.CallId);
            Assert.Equal(7, m.CSeq);
            Assert.Equal("MESSAGE", m.CSeqMethod);
            Assert.Equal("text/plain", m.ContentType);
            Assert.Equal(2, m.BodyLength);

            byte[] answer = SipWriter.Response(200, "OK").EchoRequest(m, "t1", 0, 0).ToBytes();
            Assert.Equal("SIP/2.0 200 OK\r\n" +
                         "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\nVia: SIP/2.0/UDP 127.0.0.2;branch=z9hG4bK2\r\n" +
                         "From: \"A, B\" <sip:a@127.0.0.1>;tag=9\r\nTo: <sip:bob@127.0.0.1>;tag=t1\r\nCall-ID: abc\r\n" +
                         "CSeq: 7 MESSAGE\r\nContent-Length: 0\r\n\r\n", Encoding.ASCII.GetString(answer));
        }

        [Fact]
        public void ResponseWithBodyIsReadBack()
        {
            byte[] bytes = SipWriter.Response(200, "OK").Header("CSeq", "3 INVITE")
                .Body("application/sdp", Encoding.ASCII.GetBytes("v=0\r\n")).ToBytes();
            var r = new ParseResult();
            SipMessage m = Parse(bytes, true, r);
            Assert.Equal(ParseResult.Ok, r.Code);
            Assert.False(m.IsRequest);
            Assert.Equal(200, m.StatusCode);
            Assert.Equal("OK", m.ReasonPhrase);
            Assert.Equal("application/sdp", m.ContentType);
            Assert.Equal("v=0\r\n", Encoding.ASCII.GetString(m.Buffer, m.BodyOffset, m.BodyLength));
        }

        [Fact]
        public void StreamWithOneAndAHalfMessagesFramesTheFirstAndWaitsForTheRest()
        {
            byte[] one = SipWriter.Request("OPTIONS", "sip:bob@127.0.0.1").Header("CSeq", "1 OPTIONS").ToBytes();
            byte[] two = new byte[one.Length + one.Length / 2];
            one.CopyTo(two, 0);
            System.Array.Copy(one, 0, two, one.Length, one.Length / 2);
            var r = new ParseResult();
            var m = new SipMessage();
            Parser.Parse(two, 0, two.Length, true, m, r);
            Assert.Equal(ParseResult.Ok, r.Code);
            Assert.Equal(one.Length, r.Consumed);
            Parser.Parse(two, one.Length, two.Length - one.Length, true, m, r);
            Assert.Equal(ParseResult.Incomplete, r.Code);
        }

        [Fact]
        public void GarbageWithoutAStartLineIsDroppedWithAReasonAndNoException()
        {
            var r = new ParseResult();
            Parse(Encoding.ASCII.GetBytes("HELLO\r\n\r\n"), false, r);
            Assert.Equal(ParseResult.Invalid, r.Code);
            // Neither a request nor a response: nothing can be answered, so no status, only the reason.
            Assert.Equal(0, r.ErrorStatus);
            Assert.False(string.IsNullOrEmpty(r.ErrorReason));
        }
    }
}
