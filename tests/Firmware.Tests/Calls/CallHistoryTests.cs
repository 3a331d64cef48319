using System.Text;
using DeskPhone.Domain.Calls;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Firmware.Tests.Settings;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>The history's lists made by their first entry or reader, saved by the history itself (h-callstream).</summary>
    public class CallHistoryTests
    {
        [Fact]
        public void AListIsMadeByItsFirstEntryAndTheFileSavesTheListsMade()
        {
            var medium = new CutMedium();
            var history = new CallHistory { Medium = medium };
            Assert.Null(history.Made('m'));
            Assert.Null(history.Made('r'));
            Assert.Null(history.Made('d'));

            history.Received.Add(new CallRecord("sip:555@10.0.0.1", "Bob", 1, 0, 4));
            history.ListsChanged();
            // Owed, written at the call layer's poll (not under the request that ended the call, h-calllines).
            Assert.False(medium.Blobs.ContainsKey(CallListFile.Name));
            history.Save();

            Assert.Same(history.Received, history.Made('r'));
            Assert.Null(history.Made('m'));
            Assert.Null(history.Made('d'));
            Assert.Equal("r\t1\t4\tsip:555@10.0.0.1\tBob\n", Encoding.UTF8.GetString(medium.Blobs[CallListFile.Name]));
        }

        [Fact]
        public void TheOwedSaveLeavesTheMissedCountAndTheCallStateAlone()
        {
            var medium = new CutMedium();
            var history = new CallHistory { Medium = medium };
            history.SetInCall(true);
            history.AddMissed();
            Assert.Equal(2, history.AddMissed());
            history.Missed.Add(new CallRecord("sip:1@a", null, 2, 0, 0));
            history.ListsChanged();
            Assert.Equal(2, history.MissedCount);
            Assert.True(history.InCall);
            history.Save();
            Assert.Equal("m\t2\t0\tsip:1@a\t\n", Encoding.UTF8.GetString(medium.Blobs[CallListFile.Name]));
            medium.Blobs.Remove(CallListFile.Name);
            history.Save();
            Assert.False(medium.Blobs.ContainsKey(CallListFile.Name));
            history.ClearMissed();
            Assert.Equal(0, history.MissedCount);
            Assert.True(history.InCall);
        }

        [Fact]
        public void AHistoryWithoutAMediumKeepsItsListsInMemory()
        {
            var history = new CallHistory();
            history.Missed.Add(new CallRecord("sip:1@a", null, 2, 0, 0));
            history.ListsChanged();
            history.Save();
            Assert.Equal(1, history.Missed.Count);
            Assert.Equal(0, history.Dialled.Count);
        }

        [Fact]
        public void TheDialPadTypesDeletesStopsAtItsLongestNumberAndTellsATransfer()
        {
            // The pad is the calls' (h-callcuts2): its state shares a field with the audio route, which it must leave alone.
            PhoneCalls pad = new SipPhone().App.Calls.Pad;
            pad.Audio.Use(AudioDevice.Headset, 0);
            pad.Audio.SetMuted(true, 0);
            Assert.False(pad.Dialing);
            Assert.False(pad.Add('1'));
            pad.Open();
            Assert.True(pad.Dialing);
            Assert.Equal(0, pad.TransferOf);
            for (int i = 0; i < PhoneCalls.MaxDigits; i++)
            {
                Assert.True(pad.Add((char)('0' + i % 10)));
            }
            Assert.False(pad.Add('9'));
            Assert.Equal(PhoneCalls.MaxDigits, pad.Number.Length);
            Assert.True(pad.Delete());
            Assert.Equal("0123456789012345678901234567890", pad.Number);
            pad.OpenTransfer(7);
            Assert.True(pad.Dialing);
            Assert.Equal(7, pad.TransferOf);
            Assert.Equal("", pad.Number);
            Assert.False(pad.Delete());
            Assert.True(pad.Add('#'));
            Assert.Equal("#", pad.Number);
            pad.Close();
            Assert.False(pad.Dialing);
            Assert.Equal(0, pad.TransferOf);
            Assert.Equal("", pad.Number);
            Assert.Equal(AudioDevice.Headset, pad.Audio.Device);
            Assert.True(pad.Audio.Muted);
            pad.OpenTransfer(5);
            pad.Audio.SetMuted(false, 0);
            pad.Audio.Use(AudioDevice.Speaker, 0);
            Assert.Equal(5, pad.TransferOf);
        }
    }
}
