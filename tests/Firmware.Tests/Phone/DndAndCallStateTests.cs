using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Status;

namespace DeskPhone.Firmware.Tests.Phone
{
    /// <summary>user_dnd and the menu's DND are one thing; forwards and calls drive their statuses and the presence.</summary>
    public class DndAndCallStateTests
    {
        private readonly SipPhone _p = new SipPhone();

        public DndAndCallStateTests()
        {
            _p.Run(100);
            _p.Register();
        }

        [Fact]
        public void TheSettingDrivesTheManualChoiceAndTheStatus()
        {
            _p.Settings.Set("user_dnd", 1, "on");
            Assert.Equal(PresenceState.DoNotDisturb, _p.Phone.Presence.ManualChoice);
            Assert.Equal(PresenceState.DoNotDisturb, _p.Phone.Presence.State);
            Assert.True(_p.Phone.Statuses.IsActive(StatusId.CurrentIdentityIsDnd));

            _p.Settings.Set("user_dnd", 1, "off");
            Assert.Equal(PresenceState.Online, _p.Phone.Presence.State);
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.CurrentIdentityIsDnd));
        }

        [Fact]
        public void TheMenuChoiceDrivesTheSetting()
        {
            _p.Phone.ChoosePresence(PresenceState.DoNotDisturb, _p.Now);
            Assert.True(_p.Settings.GetBool("user_dnd", 1));
            _p.Phone.ChoosePresence(PresenceState.AtTheDesk, _p.Now);
            Assert.False(_p.Settings.GetBool("user_dnd", 1));
            Assert.Equal(PresenceState.AtTheDesk, _p.Phone.Presence.State);
            Assert.False(_p.Phone.ChoosePresence(PresenceState.Busy, _p.Now));
            Assert.Equal(PresenceState.AtTheDesk, _p.Phone.Presence.ManualChoice);
        }

        [Fact]
        public void DndOfAnotherIdentityLeavesTheCurrentOneAlone()
        {
            _p.Settings.Set("user_dnd", 2, "on");
            Assert.Equal(PresenceState.Online, _p.Phone.Presence.State);
            Assert.False(_p.Phone.Statuses.IsActive(StatusId.CurrentIdentityIsDnd));
        }

        [Fact]
        public void DndStoredBeforeStartIsTheManualChoice()
        {
            var p = new SipPhone(s => s.Set("user_dnd", 1, "on"));
            Assert.Equal(PresenceState.DoNotDisturb, p.Phone.Presence.ManualChoice);
            Assert.True(p.Phone.Statuses.IsActive(StatusId.CurrentIdentityIsDnd));
        }

        [Theory]
        [InlineData("user_fwd_always", StatusId.CurrentIdentityForewardsAlways)]
        [InlineData("user_fwd_busy", StatusId.CurrentIdentityForewardsWhenBusy)]
        [InlineData("user_fwd_timeout", StatusId.CurrentIdentityForewardsAfterTimeout)]
        public void AForwardTargetIsItsStatus(string setting, int status)
        {
            Assert.False(_p.Phone.Statuses.IsActive(status));
            _p.Settings.Set(setting, 2, "200");
            Assert.False(_p.Phone.Statuses.IsActive(status));
            _p.Settings.Set(setting, 1, "200");
            Assert.True(_p.Phone.Statuses.IsActive(status));
            _p.Settings.Set(setting, 1, "");
            Assert.False(_p.Phone.Statuses.IsActive(status));
        }

        [Fact]
        public void ChangingDndOrAForwardDoesNotReRegister()
        {
            int before = _p.Count("REGISTER");
            _p.Settings.Set("user_dnd", 1, "on");
            _p.Settings.Set("user_fwd_busy", 1, "300");
            _p.Run(1000);
            Assert.Equal(before, _p.Count("REGISTER"));
        }

        [Fact]
        public void ACallMakesTheStatusBusyUnderDnd()
        {
            var calls = new FakeCalls(_p.Phone.Presence);
            _p.Phone.AttachCallState(calls);
            Assert.False(_p.Phone.InCall);

            calls.Set(true, _p.Now);
            Assert.True(_p.Phone.InCall);
            Assert.Equal(PresenceState.Busy, _p.Phone.Presence.State);

            _p.Phone.ChoosePresence(PresenceState.DoNotDisturb, _p.Now);
            Assert.Equal(PresenceState.DoNotDisturb, _p.Phone.Presence.State);
            _p.Phone.ChoosePresence(PresenceState.Online, _p.Now);

            calls.Set(false, _p.Now);
            Assert.Equal(PresenceState.Online, _p.Phone.Presence.State);
        }

        [Fact]
        public void ACallInProgressWhenAttachedCountsAtOnce()
        {
            var calls = new FakeCalls();
            calls.Set(true, _p.Now);
            _p.Phone.AttachCallState(calls);
            Assert.Equal(PresenceState.Busy, _p.Phone.Presence.State);
        }
    }
}
