namespace DeskPhone.Hil.Tests
{
    /// <summary>
    /// A BLF key end to end over SIP: the phone subscribes to a colleague's dialog state at its registrar, and the
    /// key's LED follows the NOTIFYs (ringing blinks fast, connected is steady, idle is dark). The registrar and
    /// presence server here is a scripted UDP peer of the test's own on loopback (ScriptedPbx).
    /// </summary>
    public class BlfScenarios
    {
        private static string DialogInfo(int version, string state) => ScriptedPbx.DialogInfo("sip:bob@127.0.0.1", version, state);

        private static string F1(PhoneUnderTest phone) => phone.Led("F1");

        [Fact]
        public void OwnStatusIsPublishedWhenItChanges()
        {
            using var server = new ScriptedPbx();
            using var phone = PhoneUnderTest.Simulator("--registrar 127.0.0.1:" + server.Port);
            Assert.True(server.Publishes.TryTake(out string first, 10000), "nothing published after registering");
            Assert.Contains("<basic>open</basic>", first);
            Assert.Contains("<dm:note>Online</dm:note>", first);

            Assert.Equal(200, phone.Post("api/presence/dnd").Status);
            Assert.True(server.Publishes.TryTake(out string dnd, 10000), "the change was not published");
            Assert.Contains("<rpid:busy/>", dnd);
            Assert.Contains("<dm:note>Do not disturb</dm:note>", dnd);
            Assert.Equal("e0", ScriptedPbx.Header(dnd, "SIP-If-Match"));
        }

        [Fact]
        public void KeyFollowsRingingConnectedIdle()
        {
            using var server = new ScriptedPbx();
            using var phone = PhoneUnderTest.Simulator("--registrar 127.0.0.1:" + server.Port);
            phone.Set("fkey", "blf sip:bob@127.0.0.1", 1);
            string subscribe = server.NextSubscribe("dialog");
            Assert.True(subscribe != null, "the phone did not subscribe");
            Assert.StartsWith("SUBSCRIBE sip:bob@127.0.0.1 SIP/2.0", subscribe);
            Assert.Equal("dialog", ScriptedPbx.Header(subscribe, "Event"));

            server.Notify(subscribe, phone.SipPort, "application/dialog-info+xml", DialogInfo(1, "early"));
            Assert.Equal("red blink-fast", phone.WaitFor(() => F1(phone), s => s == "red blink-fast"));
            Assert.Contains(phone.Status().GetProperty("active").EnumerateArray(),
                s => s.GetProperty("id").GetString() == "MonitoredExtensionIsRinging");

            server.Notify(subscribe, phone.SipPort, "application/dialog-info+xml", DialogInfo(2, "confirmed"));
            Assert.Equal("red on", phone.WaitFor(() => F1(phone), s => s == "red on"));

            server.Notify(subscribe, phone.SipPort, "application/dialog-info+xml", DialogInfo(3, null));
            Assert.Equal("off off", phone.WaitFor(() => F1(phone), s => s == "off off"));
        }
    }
}
