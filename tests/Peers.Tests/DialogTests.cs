using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DeskPhone.Hil.Tests;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// What real peers rarely do, scripted with sipp against the simulator phone on loopback (docs/calls.md, "Dialogs"):
    /// requests for no dialog, a re-INVITE without SDP, a 183 with early media, a forked INVITE, glare and session
    /// timers. Each scenario checks the phone's messages itself (sipp fails on an unexpected message or a header
    /// regex that does not match, exit code non-zero); the tests add the phone's side (bench state, screen, where its
    /// RTP goes, read by a socket of the test's own).
    /// </summary>
    public class DialogTests
    {
        private const int ScenarioMs = 60000;

        private static void Passed(Sipp sipp, PhoneUnderTest phone, int timeoutMs = ScenarioMs) =>
            Assert.True(sipp.WaitForExit(timeoutMs) == 0, "sipp failed:\n" + sipp.Log + phone.Errors);

        private static string Target(Sipp sipp) => "sip:bob@127.0.0.1:" + sipp.Port;

        private static JsonElement Call(PhoneUnderTest phone)
        {
            JsonElement[] calls = CallTests.Calls(phone);
            return calls.Length == 0 ? default : calls[0];
        }

        /// <summary>The call's early dialogs (-1: no call).</summary>
        private static int EarlyDialogs(JsonElement call) =>
            call.ValueKind == JsonValueKind.Undefined ? -1 : call.GetProperty("earlyDialogs").GetInt32();

        /// <summary>A UDP socket on a free loopback port standing for the peer's media: did RTP arrive?</summary>
        internal sealed class RtpListener : IDisposable
        {
            private readonly Socket _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

            public RtpListener()
            {
                _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                Port = ((IPEndPoint)_socket.LocalEndPoint).Port;
            }

            public int Port { get; }

            /// <summary>Whether an RTP packet (version 2) arrives within the time.</summary>
            public bool Received(int timeoutMs)
            {
                var buffer = new byte[2048];
                DateTime end = DateTime.UtcNow.AddMilliseconds(timeoutMs);
                while (DateTime.UtcNow < end)
                {
                    if (_socket.Poll(100000, SelectMode.SelectRead))
                    {
                        int n = _socket.Receive(buffer);
                        if (n >= 12 && (buffer[0] >> 6) == 2)
                        {
                            return true;
                        }
                    }
                }
                return false;
            }

            public void Dispose() => _socket.Dispose();
        }

        [SkippableFact]
        public void AByeAndAReInviteForNoDialogGet481()
        {
            Skip.IfNot(File.Exists(Sipp.Binary), Sipp.Missing);
            using PhoneUnderTest phone = CallTests.Phone();
            using var sipp = new Sipp("no-dialog.xml", phone.SipPort);
            Passed(sipp, phone);
            Assert.Equal("none", CallTests.State(phone));
        }

        [SkippableFact]
        public void AReInviteWithoutSdpGetsThePhonesOfferAndTheAnswerInTheAckMovesItsMedia()
        {
            Skip.IfNot(File.Exists(Sipp.Binary), Sipp.Missing);
            using PhoneUnderTest phone = CallTests.Phone();
            using var answer = new RtpListener();
            using var sipp = new Sipp("reinvite-no-sdp.xml", phone.SipPort, "-key answer_port " + answer.Port);
            Assert.True(phone.WaitFor(() => CallTests.State(phone), s => s == "incoming", 15000) == "incoming", "the phone does not ring:\n" + sipp.Log);
            Assert.Equal(200, phone.Post("api/calls/0/answer").Status);

            // The answer in the ACK of the re-INVITE's 200 names the listener's port: the phone's RTP goes there.
            Assert.True(answer.Received(15000), "no RTP toward the answer in the ACK:\n" + sipp.Log + phone.Get("api/calls").Body);
            Assert.Equal(200, phone.Post("api/calls/0/hangup").Status);
            Passed(sipp, phone);
        }

        [SkippableFact]
        public void A183WithSdpStartsTheMediaTowardItWhileTheScreenSaysRinging()
        {
            Skip.IfNot(File.Exists(Sipp.Binary), Sipp.Missing);
            using PhoneUnderTest phone = CallTests.Phone();
            using var early = new RtpListener();
            using var sipp = new Sipp("early-media.xml", 0, "-key early_port " + early.Port);
            Assert.Equal(200, phone.Post("api/calls", "{\"to\":\"" + Target(sipp) + "\"}").Status);

            Assert.True(early.Received(5000), "no early media toward the 183's SDP:\n" + sipp.Log + phone.Get("api/calls").Body);
            JsonElement call = Call(phone);
            Assert.Equal("ringing", call.GetProperty("state").GetString());
            Assert.True(call.GetProperty("earlyMedia").GetBoolean());
            Assert.Contains("Ringing: bob", phone.Screen());

            Assert.Equal("connected", phone.WaitFor(() => CallTests.State(phone), s => s == "connected", 15000));
            Assert.Equal(200, phone.Post("api/calls/0/hangup").Status);
            Passed(sipp, phone);
        }

        [SkippableFact]
        public void AForkedCallIsAnsweredByOneBranchAndTheOtherBranchs200IsAcknowledgedAndEnded()
        {
            Skip.IfNot(File.Exists(Sipp.Binary), Sipp.Missing);
            using PhoneUnderTest phone = CallTests.Phone();
            using var sipp = new Sipp("fork.xml", 0);
            Assert.Equal(200, phone.Post("api/calls", "{\"to\":\"" + Target(sipp) + "\"}").Status);

            // Two branches ring: two early dialogs. The state is read from the same reading of /api/calls as the early
            // dialogs: sipp answers 4 s after the rings and hangs up 1 s after forkB's BYE, however slow the test's reads.
            JsonElement ringing = phone.WaitFor(() => Call(phone), c => EarlyDialogs(c) == 2, 15000);
            Assert.True(EarlyDialogs(ringing) == 2, "no two early dialogs:\n" + sipp.Log);
            Assert.Equal("ringing", ringing.GetProperty("state").GetString());
            JsonElement answered = phone.WaitFor(() => Call(phone), c => EarlyDialogs(c) == 0, 15000);
            Assert.True(EarlyDialogs(answered) == 0, "the other branch's early dialog stayed:\n" + sipp.Log);
            Assert.Equal("connected", answered.GetProperty("state").GetString());

            // sipp checks the ACK of forkA's 200, the ACK and BYE of forkB's, then forkA hangs up.
            Passed(sipp, phone);
            Assert.Equal("none", phone.WaitFor(() => CallTests.State(phone), s => s == "none", 15000));
        }

        [SkippableFact]
        public void GlareTheOtherSidesReInviteGets491AndThePhonesRefusedHoldGoesAgain()
        {
            Skip.IfNot(File.Exists(Sipp.Binary), Sipp.Missing);
            using PhoneUnderTest phone = CallTests.Phone();
            using var sipp = new Sipp("glare.xml", 0);
            Assert.Equal(200, phone.Post("api/calls", "{\"to\":\"" + Target(sipp) + "\"}").Status);
            Assert.Equal("connected", phone.WaitFor(() => CallTests.State(phone), s => s == "connected", 15000));

            Assert.Equal(200, phone.Post("api/calls/0/hold").Status);
            Assert.Equal("held", phone.WaitFor(() => CallTests.State(phone), s => s == "held", 20000));
            Assert.Equal(200, phone.Post("api/calls/0/hangup").Status);
            Passed(sipp, phone);
        }

        [SkippableFact]
        public void SessionTimers422ThenARefreshAtHalfThenByeWhenThePeerDoesNotRefresh()
        {
            Skip.IfNot(File.Exists(Sipp.Binary), Sipp.Missing);
            using PhoneUnderTest phone = CallTests.Phone();
            using var sipp = new Sipp("session-timer.xml", 0);
            Assert.Equal(200, phone.Post("api/calls", "{\"to\":\"" + Target(sipp) + "\"}").Status);
            Assert.Equal("connected", phone.WaitFor(() => CallTests.State(phone), s => s == "connected", 15000));

            // 45 s to the refresh, 60 s more to the phone's BYE: the scenario's own timeouts bound it.
            Passed(sipp, phone, 180000);
            Assert.Equal("none", phone.WaitFor(() => CallTests.State(phone), s => s == "none", 15000));
        }
    }
}
