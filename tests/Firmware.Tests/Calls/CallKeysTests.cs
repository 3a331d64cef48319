using DeskPhone.Domain.Calls;
using DeskPhone.Domain.Status;
using DeskPhone.Drivers.Audio;
using DeskPhone.Drivers.Hid;
using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Host.Simulated;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// The hook switch, speaker, headset, mute and hold keys and the call screen's softkeys on the phone built by
    /// PhoneApp, as a Snom user uses them: what goes on the wire, the statuses and the screen text.
    /// </summary>
    public class CallKeysTests
    {
        private readonly SimulatedPhoneHardware _hw = new SimulatedPhoneHardware();
        private readonly SipPhone _p;
        private int _calls;

        public CallKeysTests()
        {
            // Both passwords set: no notices between the call's lines and its softkeys.
            _p = new SipPhone(s => { s.Set("admin_mode_password", 0, "x"); s.Set("http_pass", 0, "y"); }, null, _hw.Drivers);
            _p.Run(100);
            _p.Register();
        }

        private void Ring()
        {
            _calls++;
            _p.Invite("z9hG4bKk" + _calls, "k" + _calls, "\"Bob\" <sip:555@10.0.0.1>");
        }

        private void Key(int code, KeyAction action = KeyAction.Press)
        {
            _p.Phone.OnKey(code, action, _p.Now);
            if (action == KeyAction.Press && code != KeyCode.Hook)
            {
                _p.Phone.OnKey(code, KeyAction.Release, _p.Now);
            }
            _p.Run(10);
        }

        private void Lift() => Key(KeyCode.Hook, KeyAction.Press);

        private void PutDown() => Key(KeyCode.Hook, KeyAction.Release);

        private string Screen => _p.App.Text.GetScreenText();

        private bool Active(int status) => _p.Phone.Statuses.IsActive(status);

        private string LastSent => _p.Channel.Sent[^1];

        /// <summary>The phone's last answer to an INVITE (other requests may have gone out since).</summary>
        private string InviteAnswer => _p.Channel.Sent.FindLast(m => m.StartsWith("SIP/2.0 ") && m.Contains(" INVITE\r\n"));

        [Fact]
        public void LiftingTheHandsetAnswersAndPuttingItDownHangsUp()
        {
            Ring();
            Assert.False(Active(StatusId.AudioDeviceIsHandset));
            Assert.Contains("\n[softkey 1] Answer\n[softkey 4] Reject", Screen);

            Lift();
            Assert.StartsWith("SIP/2.0 200 OK\r\n", LastSent);
            Assert.True(Active(StatusId.AudioDeviceIsHandset));
            Assert.Equal(AudioDevice.Handset, _p.App.Calls.Audio.Device);
            Assert.Contains("\n[call] <call> Connected: Bob\n[call] 555  00:00\n[call] <audio> Handset\n[softkey 1] Hold\n[softkey 2] Mute\n[softkey 3] Transfer\n[softkey 4] End", Screen);

            PutDown();
            Assert.StartsWith("BYE sip:555@10.0.0.1 SIP/2.0\r\n", LastSent);
            Assert.False(Active(StatusId.AudioDeviceIsHandset));
            Assert.Equal(AudioDevice.None, _p.App.Calls.Audio.Device);
            Assert.DoesNotContain("[call]", Screen);
            Assert.DoesNotContain("[softkey", Screen);
        }

        [Fact]
        public void LiftingTheHandsetOnTheIdleScreenOpensTheDialingScreenAndHashDials()
        {
            Lift();
            Assert.True(Active(StatusId.AudioDeviceIsHandset));
            Assert.Contains("\n[call] <call> Dial\n[call] _\n[call] <audio> Handset\n[softkey 1] Dial\n[softkey 2] Delete\n[softkey 4] Cancel", Screen);
            Key(KeyCode.Digit2);
            Key(KeyCode.Digit0);
            Key(KeyCode.Digit9);
            Key(KeyCode.Softkey2);
            Key(KeyCode.Digit0);
            Assert.Contains("\n[call] 200_\n", Screen);

            Key(KeyCode.Hash);
            Assert.StartsWith("INVITE sip:200@10.0.0.1 SIP/2.0\r\n", LastSent);
            Assert.Contains("\n[call] <call> Calling 200\n[call] <audio> Handset\n[softkey 2] Mute\n[softkey 4] End", Screen);
            Assert.True(Active(StatusId.AudioDeviceIsHandset));
        }

        [Fact]
        public void EndBeforeAnyAnswerShowsCancellingAtOnceAndTheCancelWaitsForAProvisional()
        {
            Lift();
            Key(KeyCode.Digit2);
            Key(KeyCode.Digit0);
            Key(KeyCode.Digit0);
            Key(KeyCode.Hash);
            string invite = LastSent;
            Assert.StartsWith("INVITE sip:200@10.0.0.1 SIP/2.0\r\n", invite);
            int sent = _p.Channel.Sent.Count;

            // No provisional yet (a PBX that does not answer): the user's End is shown at once, though RFC 3261 9.1 keeps
            // the CANCEL back until one comes.
            Key(KeyCode.Softkey4);
            Assert.Contains("\n[call] <call> Cancelling 200\n", Screen);
            Assert.DoesNotContain(_p.Channel.Sent.GetRange(sent, _p.Channel.Sent.Count - sent), m => m.StartsWith("CANCEL "));

            _p.Answer(invite, 180);
            Assert.StartsWith("CANCEL sip:200@10.0.0.1 SIP/2.0\r\n", LastSent);
            Assert.Contains("\n[call] <call> Cancelling 200\n", Screen);
            _p.Answer(invite, 487);
            Assert.DoesNotContain("[call]", Screen);
        }

        [Fact]
        public void RedialCallsTheLastDialledNumberAgainOnTheSpeaker()
        {
            Key(KeyCode.Redial);
            Assert.DoesNotContain(_p.Channel.Sent, m => m.StartsWith("INVITE "));

            Lift();
            Key(KeyCode.Digit2);
            Key(KeyCode.Digit0);
            Key(KeyCode.Digit7);
            Key(KeyCode.Hash);
            string first = LastSent;
            Assert.StartsWith("INVITE sip:207@10.0.0.1 SIP/2.0\r\n", first);
            _p.Answer(first, 180);
            // Redial does nothing while that call is in progress.
            int sent = _p.Channel.Sent.Count;
            Key(KeyCode.Redial);
            Assert.DoesNotContain(_p.Channel.Sent.GetRange(sent, _p.Channel.Sent.Count - sent), m => m.StartsWith("INVITE "));
            PutDown();
            Assert.StartsWith("CANCEL sip:207@10.0.0.1 SIP/2.0\r\n", LastSent);
            _p.Answer(first, 487);

            Key(KeyCode.Redial);
            string again = LastSent;
            Assert.StartsWith("INVITE sip:207@10.0.0.1 SIP/2.0\r\n", again);
            Assert.NotEqual(SipChannel.Header(first, "Call-ID"), SipChannel.Header(again, "Call-ID"));
            Assert.Contains("\n[call] <call> Calling 207\n[call] <audio> Speaker\n", Screen);
            Assert.True(Active(StatusId.AudioDeviceIsSpeaker));
        }

        [Fact]
        public void TheMessageKeyCallsTheMailboxNumberOrSaysThereIsNone()
        {
            // Without user_mailbox nothing is dialled; the status line says why for its 3 s.
            Key(KeyCode.Messages);
            Assert.DoesNotContain(_p.Channel.Sent, m => m.StartsWith("INVITE "));
            Assert.Equal("No mailbox number (user_mailbox)", _p.Phone.Statuses.ParamOf(StatusId.StatusLineSystemMessage));
            Assert.Matches(@"\n?\[(status|notice)\] No mailbox number \(user_mailbox\)\n", Screen);
            _p.Run(3500);
            Assert.DoesNotContain("No mailbox number", Screen);

            _p.Settings.Set("user_mailbox", 1, "8000");
            Key(KeyCode.Messages);
            // (The new setting re-registers the identity: the INVITE need not be the last request sent.)
            Assert.StartsWith("INVITE sip:8000@10.0.0.1 SIP/2.0\r\n", _p.Last("INVITE"));
            Assert.Contains("\n[call] <call> Calling 8000\n[call] <audio> Speaker\n", Screen);
            Assert.True(Active(StatusId.AudioDeviceIsSpeaker));
        }

        [Fact]
        public void TheDndKeyTurnsDoNotDisturbOnAndOff()
        {
            Key(KeyCode.Dnd);
            Assert.Equal("on", _p.Settings.Get("user_dnd", 1));
            Assert.True(Active(StatusId.CurrentIdentityIsDnd));
            Ring();
            Assert.StartsWith("SIP/2.0 486 ", InviteAnswer);

            Key(KeyCode.Dnd);
            Assert.Equal("off", _p.Settings.Get("user_dnd", 1));
            Assert.False(Active(StatusId.CurrentIdentityIsDnd));
            Ring();
            Assert.StartsWith("SIP/2.0 180 ", InviteAnswer);
        }

        [Fact]
        public void ALockedKeyboardAnswersButOpensNoDialingScreen()
        {
            _p.Settings.Set("keyboard_lock", 0, "on");
            Lift();
            Assert.False(_p.App.Calls.Pad.Dialing);
            Assert.DoesNotContain("[call]", Screen);
            Assert.True(Active(StatusId.AudioDeviceIsHandset));
            PutDown();
            Key(KeyCode.Speaker);
            Assert.False(_p.App.Calls.Pad.Dialing);
            Key(KeyCode.Speaker);
            Ring();
            Lift();
            Assert.StartsWith("SIP/2.0 200 OK\r\n", InviteAnswer);
        }

        [Fact]
        public void PuttingTheHandsetDownClosesTheDialingScreen()
        {
            Lift();
            Key(KeyCode.Digit5);
            PutDown();
            Assert.False(_p.App.Calls.Pad.Dialing);
            Assert.DoesNotContain("[call]", Screen);
            Assert.False(Active(StatusId.AudioDeviceIsHandset));
            Assert.Null(_p.Last("INVITE"));
        }

        [Fact]
        public void TheSpeakerKeyAnswersHandsFreeAndEndsTheCallWhenPressedAgain()
        {
            Ring();
            Key(KeyCode.Speaker);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", LastSent);
            Assert.True(Active(StatusId.AudioDeviceIsSpeaker));
            Assert.Contains("\n[call] <audio> Speaker\n", Screen);

            Key(KeyCode.Speaker);
            Assert.StartsWith("BYE ", LastSent);
            Assert.False(Active(StatusId.AudioDeviceIsSpeaker));
        }

        [Fact]
        public void TheHandsetTakesTheCallBackFromTheSpeakerAndTheSpeakerKeepsItWhenTheHandsetGoesDown()
        {
            Ring();
            Lift();
            Key(KeyCode.Speaker);
            Assert.True(Active(StatusId.AudioDeviceIsSpeaker));
            Assert.False(Active(StatusId.AudioDeviceIsHandset));
            // Back to the handset: the speaker key with the handset lifted.
            Key(KeyCode.Speaker);
            Assert.True(Active(StatusId.AudioDeviceIsHandset));
            Key(KeyCode.Speaker);
            int sent = _p.Channel.Sent.Count;
            PutDown();
            Assert.Equal(sent, _p.Channel.Sent.Count);
            Assert.True(_p.App.Calls.InCall);
            Assert.True(Active(StatusId.AudioDeviceIsSpeaker));
            Lift();
            Assert.True(Active(StatusId.AudioDeviceIsHandset));
            Assert.False(Active(StatusId.AudioDeviceIsSpeaker));
            Assert.True(_p.App.Calls.InCall);
        }

        [Fact]
        public void MuteTogglesDuringACallAndIsLiftedWhenTheCallEnds()
        {
            Ring();
            Key(KeyCode.Ok);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", LastSent);
            Key(KeyCode.Mute);
            Assert.True(_p.App.Calls.Audio.Muted);
            Assert.True(Active(StatusId.AudioIsMuted));
            Assert.Contains("\n[call] <muted> Speaker, muted\n[softkey 1] Hold\n[softkey 2] Unmute\n", Screen);
            Key(KeyCode.Softkey2);
            Assert.False(Active(StatusId.AudioIsMuted));
            Key(KeyCode.Softkey2);
            Assert.True(Active(StatusId.AudioIsMuted));

            Key(KeyCode.Cancel);
            Assert.StartsWith("BYE ", LastSent);
            Assert.False(Active(StatusId.AudioIsMuted));
            Assert.False(_p.App.Calls.Audio.Muted);
        }

        [Fact]
        public void MuteWithoutACallDoesNothingAndMuteSilencesARingingCall()
        {
            Key(KeyCode.Mute);
            Assert.False(Active(StatusId.AudioIsMuted));
            Ring();
            Assert.Equal(Tones.Ring, _hw.Drivers.Tones.Current);
            Key(KeyCode.Mute);
            Assert.Null(_hw.Drivers.Tones.Current);
            Assert.True(_p.App.Calls.InCall);
        }

        [Fact]
        public void TheRejectSoftkeyRefusesWith486()
        {
            Ring();
            Key(KeyCode.Softkey4);
            Assert.StartsWith("SIP/2.0 486 Busy Here\r\n", LastSent);
            Assert.False(_p.App.Calls.InCall);
        }

        [Fact]
        public void AnsweringAWaitingCallPutsTheCallBeingTalkedInOnHoldFirst()
        {
            const string offer = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
            _p.Invite("z9hG4bKw1", "w1", "\"Bob\" <sip:555@10.0.0.1>", "", offer);
            Key(KeyCode.Softkey1);
            string first = InviteAnswer;
            Assert.StartsWith("SIP/2.0 200 OK\r\n", first);
            _p.Channel.Arrive("ACK sip:100@192.0.2.10:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKwack\r\nFrom: \"Bob\" <sip:555@10.0.0.1>;tag=a\r\nTo: " +
                              SipChannel.Header(first, "To") + "\r\nCall-ID: w1\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            _p.Run(10);

            _p.Invite("z9hG4bKw2", "w2", "\"Carol\" <sip:556@10.0.0.1>", "", offer);
            Assert.Equal(Tones.CallWaiting, _hw.Drivers.Tones.Current);
            Assert.Contains("Carol", Screen);
            Assert.Contains("\n[softkey 1] Answer\n", Screen);
            int before = _p.Channel.Sent.Count;
            Key(KeyCode.Softkey1);

            // On the wire, in this order: Bob's call re-INVITEd to sendonly, then Carol's call answered.
            int hold = _p.Channel.Sent.FindIndex(before, m => m.StartsWith("INVITE ") && SipChannel.Header(m, "Call-ID") == "w1");
            int answer = _p.Channel.Sent.FindIndex(before, m => m.StartsWith("SIP/2.0 200 ") && SipChannel.Header(m, "Call-ID") == "w2");
            Assert.True(hold >= 0, "no re-INVITE for the first call");
            Assert.True(answer > hold, "the waiting call was not answered after the hold");
            Assert.EndsWith("a=sendonly\r\n", _p.Channel.Sent[hold]);
            Assert.Equal(-1, _p.Channel.Sent.FindIndex(before, m => m.StartsWith("INVITE ") && SipChannel.Header(m, "Call-ID") == "w2"));
        }

        /// <summary>The SDP of Bob's side (call k1): the answer to the phone's offer in its 200.</summary>
        private const string BobSdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";

        /// <summary>Bob's ACK of the phone's 200 (call k1), with the answer: the INVITE had no offer.</summary>
        private void AckWithAnswer()
        {
            _p.Channel.Arrive("ACK sip:100@192.0.2.10:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKack\r\nFrom: \"Bob\" <sip:555@10.0.0.1>;tag=a\r\nTo: " +
                              SipChannel.Header(InviteAnswer, "To") + "\r\nCall-ID: k1\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\n" +
                              "Content-Type: application/sdp\r\nContent-Length: " + BobSdp.Length + "\r\n\r\n" + BobSdp);
            _p.Run(10);
        }

        /// <summary>Bob's 200 to the phone's hold re-INVITE, recvonly.</summary>
        private void AnswerHold(string reinvite)
        {
            string answer = BobSdp + "a=recvonly\r\n";
            _p.Channel.Arrive("SIP/2.0 200 OK\r\nVia: " + SipChannel.Header(reinvite, "Via") + "\r\nFrom: " + SipChannel.Header(reinvite, "From") +
                              "\r\nTo: " + SipChannel.Header(reinvite, "To") + "\r\nCall-ID: k1\r\nCSeq: " + SipChannel.Header(reinvite, "CSeq") +
                              "\r\nContact: <sip:555@10.0.0.1>\r\nContent-Type: application/sdp\r\nContent-Length: " + answer.Length + "\r\n\r\n" + answer);
            _p.Run(10);
        }

        [Fact]
        public void TheHoldKeyAndSoftkeyHoldAndResume()
        {
            Ring();
            Key(KeyCode.Softkey1);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", InviteAnswer);
            // The INVITE had no offer: the answer to the phone's offer comes in the ACK.
            AckWithAnswer();
            Key(KeyCode.Hold);
            string reinvite = _p.Last("INVITE");
            Assert.EndsWith("a=sendonly\r\n", reinvite);
            AnswerHold(reinvite);
            Assert.Contains("\n[call] <call> On hold: Bob\n", Screen);
            Assert.Contains("\n[softkey 1] Resume\n", Screen);
            Key(KeyCode.Softkey1);
            Assert.EndsWith("a=sendrecv\r\n", _p.Last("INVITE"));
        }

        [Fact]
        public void ALineKeyAnswersItsRingingCallThenHoldsAndResumesIt()
        {
            // F1 and F2 are line keys: F1 stands for the first live call, F2 for the second.
            _p.Settings.Set("fkey", 2, "line");
            Key(KeyCode.FunctionKey1 + 1);
            Assert.DoesNotContain("[call]", Screen);
            Ring();
            Key(KeyCode.FunctionKey1 + 1);
            Assert.DoesNotContain(_p.Channel.Sent, m => m.StartsWith("SIP/2.0 200 OK\r\n") && m.Contains(" INVITE\r\n"));

            Key(KeyCode.FunctionKey1);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", InviteAnswer);
            Assert.Contains("\n[call] <call> Connected: Bob\n", Screen);
            AckWithAnswer();

            Key(KeyCode.FunctionKey1);
            string reinvite = _p.Last("INVITE");
            Assert.EndsWith("a=sendonly\r\n", reinvite);
            AnswerHold(reinvite);
            Assert.Contains("\n[call] <call> On hold: Bob\n", Screen);

            Key(KeyCode.FunctionKey1);
            Assert.EndsWith("a=sendrecv\r\n", _p.Last("INVITE"));
        }

        [Fact]
        public void AMenuKeepsOkAndCancelButTheHookStillAnswers()
        {
            Key(KeyCode.Menu);
            Ring();
            Key(KeyCode.Down);
            Assert.Contains("[menu] Menu", Screen);
            Assert.True(_p.App.Calls.InCall);
            Lift();
            Assert.StartsWith("SIP/2.0 200 OK\r\n", LastSent);
        }

        [Fact]
        public void TheUsbHeadsetsHookAnswersOnTheHeadsetAndItsMuteButtonMutes()
        {
            _hw.Usb.AttachHeadset();
            _p.Run(200);
            Ring();
            _p.Run(200);
            // The headset rings with the phone (HID LED page: ring), then shows off hook once answered.
            Assert.Equal(HidProtocol.IndicatorRing, _hw.Usb.Indicators(1));
            _hw.Usb.SetHook(true);
            _p.Run(200);
            Assert.StartsWith("SIP/2.0 200 OK\r\n", InviteAnswer);
            Assert.True(Active(StatusId.AudioDeviceIsHeadset));
            Assert.Contains("\n[call] <audio> Headset\n", Screen);
            Assert.Equal(HidProtocol.IndicatorOffHook, _hw.Usb.Indicators(1));
            _hw.Usb.ClickMute();
            _p.Run(200);
            Assert.True(Active(StatusId.AudioIsMuted));
            Assert.Equal(HidProtocol.IndicatorOffHook | HidProtocol.IndicatorMute, _hw.Usb.Indicators(1));

            _hw.Usb.SetHook(false);
            _p.Run(200);
            Assert.NotNull(_p.Last("BYE"));
            Assert.False(Active(StatusId.AudioDeviceIsHeadset));
            Assert.False(Active(StatusId.AudioIsMuted));
            Assert.Equal(0, _hw.Usb.Indicators(1));
        }

        [Fact]
        public void LosingTheNetworkEndsTheCallLocallyAndFreesTheSpeaker()
        {
            _hw.SetLink(true, _p.Now);
            _p.Run(3000);
            Ring();
            Key(KeyCode.Speaker);
            Key(KeyCode.Mute);
            int sent = _p.Channel.Sent.Count;
            _hw.SetLink(false, _p.Now);
            _p.Run(3000);
            Assert.False(_p.App.Calls.InCall);
            Assert.DoesNotContain(_p.Channel.Sent.GetRange(sent, _p.Channel.Sent.Count - sent), m => m.StartsWith("BYE "));
            Assert.False(Active(StatusId.AudioDeviceIsSpeaker));
            Assert.False(Active(StatusId.AudioIsMuted));
            Assert.DoesNotContain("[call]", Screen);
        }
    }
}
