using System.Linq;
using System.Text.Json;

namespace DeskPhone.Hil.Tests
{
    /// <summary>
    /// Broadsoft feature sync (as-feature-event) end to end over SIP with a scripted feature server: the server's DND
    /// and forward reach the phone's status, settings and presence; the user's choice goes back in the same dialog;
    /// a refused change raises DfksFailed.
    /// </summary>
    public class FeatureSyncScenarios
    {
        private const string Type = "application/x-as-feature-event+xml";
        private const string Csta = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";

        private static string State(PhoneUnderTest phone) =>
            JsonDocument.Parse(phone.Get("api/presence").Body).RootElement.GetProperty("state").GetString();

        private static bool Active(PhoneUnderTest phone, string id) =>
            phone.Status().GetProperty("active").EnumerateArray().Any(s => s.GetProperty("id").GetString() == id);

        private static string Setting(PhoneUnderTest phone, string name) =>
            JsonDocument.Parse(phone.Get("api/settings/" + name + "?idx=1").Body).RootElement.GetProperty("value").GetString();

        [Fact]
        public void ServerFeaturesReachThePhoneAndTheUsersChoiceGoesBack()
        {
            using var server = new ScriptedPbx();
            using var phone = PhoneUnderTest.Simulator("--identity 100 --registrar 127.0.0.1:" + server.Port);
            phone.Set("dfks_enabled", "on");
            string subscribe = server.NextSubscribe("as-feature-event");
            Assert.NotNull(subscribe);
            Assert.StartsWith("SUBSCRIBE sip:100@127.0.0.1 SIP/2.0", subscribe);
            Assert.Equal(Type, ScriptedPbx.Header(subscribe, "Accept"));

            server.Notify(subscribe, phone.SipPort, Type, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DoNotDisturbEvent xmlns=\"" + Csta +
                "\"><device>100</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>");
            Assert.Equal("dnd", phone.WaitFor(() => State(phone), s => s == "dnd"));
            Assert.True(Active(phone, "CurrentIdentityIsDnd"));
            Assert.Equal("on", Setting(phone, "user_dnd"));

            server.Notify(subscribe, phone.SipPort, Type, "<ForwardingEvent xmlns=\"" + Csta + "\"><device>100</device>" +
                "<forwardingType>forwardImmediate</forwardingType><forwardStatus>true</forwardStatus><forwardTo>300</forwardTo></ForwardingEvent>");
            Assert.True(phone.WaitFor(() => Active(phone, "CurrentIdentityForewardsAlways"), a => a));
            Assert.Equal("300", Setting(phone, "user_fwd_always"));

            // The server's word was not echoed; the user's choice is, in the same dialog.
            Assert.Null(server.NextSubscribe("as-feature-event", 500));
            Assert.Equal(200, phone.Post("api/presence/online").Status);
            string change = server.NextSubscribe("as-feature-event");
            Assert.NotNull(change);
            Assert.Equal(ScriptedPbx.Header(subscribe, "Call-ID"), ScriptedPbx.Header(change, "Call-ID"));
            Assert.Equal(ScriptedPbx.Header(subscribe, "From"), ScriptedPbx.Header(change, "From"));
            Assert.EndsWith(";tag=srv", ScriptedPbx.Header(change, "To"));
            Assert.True(int.Parse(ScriptedPbx.Header(change, "CSeq").Split(' ')[0]) > int.Parse(ScriptedPbx.Header(subscribe, "CSeq").Split(' ')[0]));
            Assert.Equal(Type, ScriptedPbx.Header(change, "Content-Type"));
            string body = ScriptedPbx.Body(change);
            Assert.Contains("<SetDoNotDisturb", body);
            Assert.Contains("<doNotDisturbOn>false</doNotDisturbOn>", body);
            Assert.Equal("online", State(phone));
            Assert.False(Active(phone, "CurrentIdentityIsDnd"));
            Assert.False(Active(phone, "DfksFailed"));

            // The server refuses the next change.
            server.SubscribeAnswer = 403;
            Assert.Equal(200, phone.Post("api/presence/dnd").Status);
            string refused = server.NextSubscribe("as-feature-event");
            Assert.NotNull(refused);
            Assert.Contains("<doNotDisturbOn>true</doNotDisturbOn>", ScriptedPbx.Body(refused));
            Assert.True(phone.WaitFor(() => Active(phone, "DfksFailed"), a => a), "a refused feature change did not raise DfksFailed");
        }
    }
}
