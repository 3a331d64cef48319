using DeskPhone.Sip.UserAgent;
using Xunit;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>
    /// The reason phrase put on the status line of each response the phone sends (ReasonPhrases.For, read from one literal:
    /// every status it names, h-sipsweep): the known codes' RFC 3261 phrases, and "OK" or
    /// "Error" for any other code.
    /// </summary>
    public class ReasonPhrasesTests
    {
        [Theory]
        [InlineData(100, "Trying")]
        [InlineData(180, "Ringing")]
        [InlineData(200, "OK")]
        [InlineData(202, "Accepted")]
        [InlineData(302, "Moved Temporarily")]
        [InlineData(400, "Bad Request")]
        [InlineData(401, "Unauthorized")]
        [InlineData(403, "Forbidden")]
        [InlineData(404, "Not Found")]
        [InlineData(405, "Method Not Allowed")]
        [InlineData(406, "Not Acceptable")]
        [InlineData(407, "Proxy Authentication Required")]
        [InlineData(408, "Request Timeout")]
        [InlineData(413, "Request Entity Too Large")]
        [InlineData(415, "Unsupported Media Type")]
        [InlineData(416, "Unsupported URI Scheme")]
        [InlineData(420, "Bad Extension")]
        [InlineData(422, "Session Interval Too Small")]
        [InlineData(423, "Interval Too Brief")]
        [InlineData(480, "Temporarily Unavailable")]
        [InlineData(481, "Call/Transaction Does Not Exist")]
        [InlineData(486, "Busy Here")]
        [InlineData(487, "Request Terminated")]
        [InlineData(488, "Not Acceptable Here")]
        [InlineData(489, "Bad Event")]
        [InlineData(491, "Request Pending")]
        [InlineData(500, "Server Internal Error")]
        [InlineData(501, "Not Implemented")]
        [InlineData(503, "Service Unavailable")]
        [InlineData(505, "Version Not Supported")]
        [InlineData(603, "Decline")]
        [InlineData(513, "Message Too Large")]
        [InlineData(183, "OK")]
        [InlineData(299, "OK")]
        [InlineData(300, "Error")]
        [InlineData(599, "Error")]
        [InlineData(20, "OK")]
        [InlineData(48, "OK")]
        [InlineData(2000, "Error")]
        [InlineData(4810, "Error")]
        [InlineData(-200, "OK")]
        public void Phrase_of_each_status(int status, string phrase)
        {
            Assert.Equal(phrase, ReasonPhrases.For(status));
        }
    }
}
