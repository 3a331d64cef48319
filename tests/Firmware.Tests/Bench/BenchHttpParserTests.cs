using System.Text;
using DeskPhone.Firmware.Bench;

namespace DeskPhone.Firmware.Tests.Bench
{
    /// <summary>The board's HTTP request head parser and answer writer, on the bytes a client sends and gets.</summary>
    public class BenchHttpParserTests
    {
        private static BenchRequest Parse(string head, out BenchResponse error)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(head);
            int length = BenchHttpServer.HeadLength(bytes, 0, bytes.Length);
            Assert.True(length > 0, "the head is complete");
            return BenchHttpServer.Parse(bytes, length, "192.0.2.7", out error);
        }

        private static string Refusal(string head)
        {
            BenchRequest request = Parse(head, out BenchResponse error);
            Assert.Null(request);
            return error.Status + " " + Encoding.UTF8.GetString(error.Body);
        }

        [Fact]
        public void AGetWithDigestAndAdminPasswordBecomesTheRoutersRequest()
        {
            BenchRequest r = Parse("GET /api/settings/http_user?idx=1 HTTP/1.1\r\nHost: phone\r\n"
                + "authorization:  Digest username=\"admin\", uri=\"/api/settings/http_user?idx=1\" \r\n"
                + "X-Admin-Password: s3cr\u00e9t\r\nAccept: */*\r\n\r\n", out BenchResponse error);
            Assert.Null(error);
            Assert.Equal("GET", r.Method);
            Assert.Equal("/api/settings/http_user?idx=1", r.Target);
            Assert.Equal("/api/settings/http_user", r.Path);
            Assert.Equal("idx=1", r.Query);
            Assert.Equal("Digest username=\"admin\", uri=\"/api/settings/http_user?idx=1\"", r.Authorization);
            Assert.Equal("s3cr\u00e9t", r.AdminPassword);
            Assert.Equal("192.0.2.7", r.Client);
            Assert.Equal(0, r.ContentLength);
        }

        [Fact]
        public void ContentLengthAndChunkedAreTheBodysFraming()
        {
            Assert.Equal(4, Parse("POST /api/settings/user_realname HTTP/1.1\r\nContent-Length: 4\r\n\r\n", out _).ContentLength);
            Assert.Equal(4, Parse("POST /a HTTP/1.0\nCONTENT-LENGTH: 4\ncontent-length: 4\n\n", out _).ContentLength);
            Assert.Equal(-1, Parse("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", out _).ContentLength);
            // 512 MB announced: kept as announced for the router's 413; an absurd number is capped, not overflowed.
            Assert.Equal(536870912, Parse("POST /a HTTP/1.1\r\nContent-Length: 536870912\r\n\r\n", out _).ContentLength);
            Assert.True(Parse("POST /a HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n", out _).ContentLength > BenchRouter.MaxBodyBytes);
        }

        [Fact]
        public void MalformedHeadsAreRefusedWithJson()
        {
            Assert.Equal("400 {\"error\":\"malformed request line\"}", Refusal("GET\r\n\r\n"));
            Assert.Equal("400 {\"error\":\"malformed request line\"}", Refusal("GET /api/status\r\n\r\n"));
            Assert.Equal("400 {\"error\":\"malformed request line\"}", Refusal("GET  /api/status HTTP/1.1\r\n\r\n"));
            Assert.Equal("400 {\"error\":\"malformed request line\"}", Refusal("GET http://phone/api/status HTTP/1.1\r\n\r\n"));
            Assert.Equal("400 {\"error\":\"malformed request line\"}", Refusal("GET /api/st\u00e4tus HTTP/1.1\r\n\r\n"));
            Assert.Equal("400 {\"error\":\"malformed request line\"}", Refusal("GET /api/status HTTP/1.1x\r\n\r\n"));
            Assert.Equal("400 {\"error\":\"malformed request line\"}", Refusal("G(T /api/status HTTP/1.1\r\n\r\n"));
            Assert.Equal("505 {\"error\":\"only HTTP/1.x\"}", Refusal("GET /api/status HTTP/2.0\r\n\r\n"));
            Assert.Equal("400 {\"error\":\"malformed header line\"}", Refusal("GET / HTTP/1.1\r\nHost : phone\r\n\r\n"));
            Assert.Equal("400 {\"error\":\"malformed header line\"}", Refusal("GET / HTTP/1.1\r\nHost: phone\r\n folded\r\n\r\n"));
            Assert.Equal("400 {\"error\":\"malformed header line\"}", Refusal("GET / HTTP/1.1\r\nno colon\r\n\r\n"));
            Assert.Equal("400 {\"error\":\"malformed Content-Length\"}", Refusal("POST / HTTP/1.1\r\nContent-Length: 4x\r\n\r\n"));
            Assert.Equal("400 {\"error\":\"malformed Content-Length\"}", Refusal("POST / HTTP/1.1\r\nContent-Length: -4\r\n\r\n"));
            Assert.Equal("400 {\"error\":\"malformed Content-Length\"}", Refusal("POST / HTTP/1.1\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\n"));
            Assert.Equal("400 {\"error\":\"both Content-Length and Transfer-Encoding\"}",
                Refusal("POST / HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"));
        }

        [Fact]
        public void TheHeadEndsAtTheFirstBlankLineWhereverTheBytesWereSplit()
        {
            byte[] bytes = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\nBODY");
            int whole = BenchHttpServer.HeadLength(bytes, 0, bytes.Length);
            Assert.Equal(bytes.Length - 4, whole);
            for (int split = 0; split < whole; split++)
            {
                Assert.Equal(-1, BenchHttpServer.HeadLength(bytes, 0, split));
                Assert.Equal(whole, BenchHttpServer.HeadLength(bytes, split, bytes.Length));
            }
            byte[] lf = Encoding.ASCII.GetBytes("GET / HTTP/1.1\nHost: x\n\nBODY");
            Assert.Equal(lf.Length - 4, BenchHttpServer.HeadLength(lf, 0, lf.Length));
            byte[] open = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n");
            Assert.Equal(-1, BenchHttpServer.HeadLength(open, 0, open.Length));
        }

        [Fact]
        public void AnAnswersHeadIsWrittenByteForByte()
        {
            var challenge = BenchResponse.Error(401, "log in");
            challenge.ExtraHeaderName = "WWW-Authenticate";
            challenge.ExtraHeaderValue = "Digest realm=\"DeskPhone\"";
            Assert.Equal("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: 18\r\n"
                + "WWW-Authenticate: Digest realm=\"DeskPhone\"\r\nConnection: close\r\n\r\n",
                Encoding.UTF8.GetString(BenchHttpServer.Head(challenge)));
            Assert.Equal("HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: application/json\r\nContent-Length: 6\r\n"
                + "Connection: close\r\n\r\n",
                Encoding.UTF8.GetString(BenchHttpServer.Head(new BenchResponse(431, "application/json", new byte[6]))));
            Assert.Equal("HTTP/1.1 299 \r\nContent-Type: text/plain\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                Encoding.UTF8.GetString(BenchHttpServer.Head(new BenchResponse(299, "text/plain", new byte[0]))));
            Assert.Equal("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
                Encoding.UTF8.GetString(BenchHttpServer.EventStreamHead()));
        }
    }
}
