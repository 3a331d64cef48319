using DeskPhone.Sip.UserAgent;
using Xunit;

namespace DeskPhone.Sip.Tests.Stack
{
    /// <summary>
    /// The reason phrase put on the status line of each response the phone sends (ReasonPhrases.For, written with one exit
    /// so its nanoCLR frame is the least, docs/benchmarks.md h-layoutfault): the known codes' RFC 3261 phrases, and "OK" or
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
        [InlineData(407, "Proxy Authentication Required")]
        [InlineData(481, "Call/Transaction Does Not Exist")]
        [InlineData(486, "Busy Here")]
        [InlineData(503, "Service Unavailable")]
        [InlineData(513, "Message Too Large")]
        [InlineData(603, "Decline")]
        [InlineData(183, "OK")]
        [InlineData(299, "OK")]
        [InlineData(300, "Error")]
        [InlineData(599, "Error")]
        public void Phrase_of_each_status(int status, string phrase)
        {
            Assert.Equal(phrase, ReasonPhrases.For(status));
        }
    }
}
