using System.Text;
using DeskPhone.Domain.Calls;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Firmware.Tests.Settings;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>The call lists kept beside the settings (CallListFile) by the phone built by PhoneApp, across a restart.</summary>
    public class CallListFileTests
    {
        private readonly CutMedium _medium = new CutMedium();

        private SipPhone Start()
        {
            var p = new SipPhone(medium: _medium);
            p.Run(100);
            p.Register();
            return p;
        }

        [Fact]
        public void TheListsComeBackAfterARestart()
        {
            SipPhone before = Start();
            before.Invite("z9hG4bKp1", "p1", "\"Bob\" <sip:555@10.0.0.1>");
            before.App.Calls.Answer(0, before.Now);
            before.Run(4000);
            before.App.Calls.Hangup(0, before.Now);
            before.App.Calls.Dial(1, "200", before.Now, out _);
            before.Run(10);

            SipPhone after = Start();
            Assert.Equal(1, after.App.Calls.Received.Count);
            CallRecord received = after.App.Calls.Received.Get(0);
            Assert.Equal("sip:555@10.0.0.1", received.Remote);
            Assert.Equal("Bob", received.Name);
            Assert.Equal(4, received.Seconds);
            Assert.Equal(1, after.App.Calls.Dialled.Count);
            Assert.Equal("sip:200@10.0.0.1", after.App.Calls.Dialled.Get(0).Remote);
            Assert.Equal(0, after.App.Calls.Missed.Count);
        }

        [Fact]
        public void ACallersTabsAndLineBreaksCannotForgeEntries()
        {
            SipPhone before = Start();
            before.Invite("z9hG4bKp2", "p2", "\"Eve\tr\td\" <sip:666@10.0.0.1>");
            Assert.Equal("Eve\tr\td", before.App.Calls.Current(out _).RemoteName);
            before.App.Calls.Answer(0, before.Now);
            before.App.Calls.Hangup(0, before.Now);
            before.Run(10);
            string blob = Encoding.UTF8.GetString(_medium.Blobs[CallListFile.Name]);
            Assert.Equal(new[] { "r\t1\t0\tsip:666@10.0.0.1\tEve r d", "" }, blob.Split('\n'));

            SipPhone after = Start();
            Assert.Equal(1, after.App.Calls.Received.Count);
            Assert.Equal("Eve r d", after.App.Calls.Received.Get(0).Name);
        }

        [Fact]
        public void ABlobThatIsNotOursIsIgnored()
        {
            _medium.Blobs[CallListFile.Name] = Encoding.UTF8.GetBytes("garbage\nr\tx\t1\tsip:a@b\t\n\t\t\t\t\n");
            SipPhone after = Start();
            Assert.Equal(0, after.App.Calls.Received.Count + after.App.Calls.Missed.Count + after.App.Calls.Dialled.Count);
        }
    }
}
