using System.Collections.Generic;
using DeskPhone.Domain.Presence;
using Xunit;

namespace DeskPhone.Firmware.Tests.Phone
{
    /// <summary>
    /// The own presence is published when identity 1 registers and again when the presence changes: the publisher is told
    /// both through the composition root (PhoneApp's IPhoneSignals), not by handlers of its own (docs/benchmarks.md,
    /// h-firmrest).
    /// </summary>
    public class PresencePublishTests
    {
        private readonly SipPhone _p = new SipPhone();
        private readonly HashSet<string> _answered = new HashSet<string>();

        /// <summary>Runs up to 3 s, the PBX answering 200 each own SUBSCRIBE and PUBLISH, until <paramref name="publishes"/> PUBLISHes went out.</summary>
        private void RunUntilPublished(int publishes)
        {
            for (int turn = 0; turn < 300 && _p.Count("PUBLISH") < publishes; turn++)
            {
                AnswerOwn();
                _p.Run(10);
            }
            AnswerOwn();
        }

        private void AnswerOwn()
        {
            for (int i = 0; i < _p.Channel.Sent.Count; i++)
            {
                string m = _p.Channel.Sent[i];
                string ev = SipChannel.Header(m, "Event");
                bool own = m.StartsWith("PUBLISH ") || (m.StartsWith("SUBSCRIBE ") && ev != "dialog");
                if (own && _answered.Add(SipChannel.Header(m, "Call-ID") + " " + SipChannel.Header(m, "CSeq")))
                {
                    _p.Answer(m, 200, m.StartsWith("PUBLISH ") ? "SIP-ETag: e1\r\nExpires: 3600\r\n" : "Expires: 3600\r\n");
                }
            }
        }

        [Fact]
        public void IdentityOneRegisteringPublishesAndAPresenceChangePublishesAgain()
        {
            _p.Run(100);
            Assert.Equal(0, _p.Count("PUBLISH"));

            _p.Register();
            RunUntilPublished(1);
            Assert.Equal(1, _p.Count("PUBLISH"));
            Assert.DoesNotContain("<rpid:busy/>", SipChannel.Body(_p.Last("PUBLISH")));

            Assert.True(_p.Phone.ChoosePresence(PresenceState.DoNotDisturb, _p.Now));
            RunUntilPublished(2);
            Assert.Equal(2, _p.Count("PUBLISH"));
            Assert.Contains("<rpid:busy/>", SipChannel.Body(_p.Last("PUBLISH")));
        }
    }
}
