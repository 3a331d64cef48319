using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>The phone against a real registrar on loopback: digest registration, refresh, MESSAGE relayed both ways.</summary>
    public class KamailioTests
    {
        internal static string SettingsFile(string user, int expiry, string extraSettings = "")
        {
            string file = Path.Combine(Directory.CreateTempSubdirectory("phone-settings").FullName, user + ".xml");
            File.WriteAllText(file, "<settings><phone-settings><user_pass idx=\"1\" perm=\"\">pw" + user + "</user_pass>" +
                "<user_expiry idx=\"1\" perm=\"\">" + expiry + "</user_expiry>" + extraSettings + "</phone-settings></settings>");
            return file;
        }

        internal static PhoneUnderTest Phone(string user, Kamailio k, int expiry = 3600, string extraSettings = "") =>
            PhoneUnderTest.Simulator("--identity " + user + " --registrar 127.0.0.1:" + k.Port + " --settings " + SettingsFile(user, expiry, extraSettings));

        internal static bool Registered(PhoneUnderTest phone) =>
            JsonDocument.Parse(phone.Get("api/registration").Body).RootElement[0].GetProperty("registered").GetBoolean();

        [SkippableFact]
        public void RegistersWithDigestAndRefreshesBeforeExpiry()
        {
            Skip.IfNot(File.Exists(Kamailio.Binary), Kamailio.Missing);
            using var kamailio = new Kamailio();
            using PhoneUnderTest phone = Phone("486", kamailio, 60);

            Assert.True(phone.WaitFor(() => Registered(phone), r => r, 10000), "not registered:\n" + kamailio.Log);
            Assert.DoesNotContain(phone.Status().GetProperty("active").EnumerateArray(),
                s => s.GetProperty("id").GetString() == "Identity01IsNotRegistered");

            // 60 s asked, 20 s granted: the refresh goes out at half the granted time, well before the binding expires.
            int refreshes = phone.WaitFor(() => kamailio.Count("PEERTEST registered 486"), n => n >= 2, 25000);
            Assert.True(refreshes >= 2, "no refresh:\n" + kamailio.Log);
            Assert.True(Registered(phone));
        }

        [SkippableFact]
        public void WrongPasswordLeavesTheIdentityNotRegistered()
        {
            Skip.IfNot(File.Exists(Kamailio.Binary), Kamailio.Missing);
            using var kamailio = new Kamailio();
            using var phone = PhoneUnderTest.Simulator("--identity 486 --registrar 127.0.0.1:" + kamailio.Port);

            string line = phone.WaitFor(() => string.Join(",", phone.Status().GetProperty("active").EnumerateArray().Select(s => s.GetProperty("id").GetString())),
                ids => ids.Contains("Identity01IsNotRegistered"), 10000);
            Assert.Contains("Identity01IsNotRegistered", line);
            Assert.False(Registered(phone));
        }

        [SkippableFact]
        public void MessagesAreRelayedToThePhoneAndFromIt()
        {
            Skip.IfNot(File.Exists(Kamailio.Binary), Kamailio.Missing);
            using var kamailio = new Kamailio();
            using PhoneUnderTest alice = Phone("486", kamailio);
            using PhoneUnderTest bob = Phone("bob", kamailio);
            Assert.True(alice.WaitFor(() => Registered(alice), r => r, 10000));
            Assert.True(bob.WaitFor(() => Registered(bob), r => r, 10000));

            // The phone sends: kamailio looks bob up and relays; bob's phone finds its identity by the line token.
            var (status, body) = alice.Post("api/send-message?to=sip:bob@127.0.0.1:" + kamailio.Port, "lunch?");
            Assert.Equal(202, status);
            int final = alice.WaitFor(() => JsonDocument.Parse(alice.Get("api/send-message").Body).RootElement.GetProperty("status").GetInt32(),
                s => s != 0, 10000);
            Assert.Equal(200, final);
            Assert.Contains("[message] lunch?", bob.WaitFor(bob.Screen, s => s.Contains("lunch?")));
            Assert.Contains("PEERTEST relaying MESSAGE for bob", kamailio.Log);

            // An unknown user: the registrar answers 404 and the phone reports it.
            alice.Post("api/send-message?to=sip:carol@127.0.0.1:" + kamailio.Port, "anyone?");
            Assert.Equal(404, alice.WaitFor(() => JsonDocument.Parse(alice.Get("api/send-message").Body).RootElement.GetProperty("status").GetInt32(),
                s => s != 0, 10000));
        }
    }
}
