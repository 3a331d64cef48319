using DeskPhone.Domain.Leds;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Settings;
using DeskPhone.Domain.Status;
using DeskPhone.Sip.Events;
using DeskPhone.Drivers.Input;
using DeskPhone.Sip.Session;

namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// What the call keys do, as on a Snom deskphone. The hook switch (KeyCode.Hook: press = handset lifted, release
    /// = put down): lifting answers a ringing call, takes a call over to the handset or opens the dialing screen;
    /// putting it down ends the call (or the dialing) when the handset was the device. Speaker and headset keys
    /// answer a ringing call on that device, move a call to it, or open the dialing screen; pressed again on their
    /// own device they give the call back to a lifted handset or end it. Mute toggles while a call exists (a muted
    /// phone does not ring), Hold toggles hold of the active call. With no list open, the softkeys do what the call
    /// screen's labels say (<see cref="CallDisplay.SoftkeysOf"/>), OK is the first softkey and Cancel the last, and
    /// on the dialing screen digits, '*' and '#' type the number ('#' dials it). Redial calls the newest number of the
    /// dialled list again, from the identity it went out from, while no call is in progress. The USB headset's hook switch
    /// and mute button count as the headset and mute keys. A locked keyboard answers and ends calls but opens no
    /// dialing screen. With Snom's <c>auto_dial_target</c> set, going off hook (a line key too) is the hot line (the
    /// target dialled at once) or the warm line (dialled after <c>auto_dial</c> seconds without a digit).
    /// </summary>
    // Its plain state (LastError, a report) is public fields, not properties: no accessor method in the runtime
    // tables, image and calls on the device (issue #17).
    public sealed class CallKeys
    {
        private readonly PhoneCalls _calls;

        public CallKeys(PhoneCalls calls)
        {
            _calls = calls;
        }

        // What the keys depend on is read where it is kept, not copied into fields before each key (36 B of the call
        // layer, h-callrest3).
        /// <summary>
        /// The identity the dialing screen's calls go out from: the phone's current identity, the first, as no menu
        /// chooses another (the core's <c>CurrentIdentity</c>).
        /// </summary>
        public const int Identity = 1;

        /// <summary>The keyboard is locked (keyboard_lock): calls can be answered and ended, no dialing screen opens.</summary>
        private bool Locked => _calls.Settings.GetBool(SettingNames.KeyboardLock);


        /// <summary>The BLF keys (a press while the monitored extension rings picks its call up), or null; the call layer's (the pickup screen's too).</summary>
        public MonitoredExtensions Monitored
        {
            get => _calls.Monitored;
            set => _calls.Monitored = value;
        }

        /// <summary>
        /// Seconds after the last digit typed until the dialing screen dials what it has (Snom's <c>auto_dial</c>; 0:
        /// off, it dials on '#', OK or the Dial softkey only).
        /// </summary>
        private int AutoDialSeconds => _calls.Settings.GetInt(SettingNames.AutoDial);

        /// <summary>
        /// One loop turn: the dialing screen dials when its time came (<see cref="PhoneCalls.DialAt"/>): what was typed,
        /// <see cref="AutoDialSeconds"/> after the last key, or with nothing typed the warm line's target.
        /// </summary>
        public void Poll(long nowMs)
        {
            PhoneCalls pad = _calls.Pad;
            if (pad.DialAt == 0 || nowMs < pad.DialAt)
            {
                return;
            }
            bool warm = pad.WarmLine;
            pad.DialAt = 0;
            int live;
            if (pad.Dialing && _calls.Current(out live) == null)
            {
                if (warm)
                {
                    DialLine(_calls.HotLineTarget(out live), "Warm line: ", nowMs);
                }
                else
                {
                    DialTyped(nowMs);
                }
            }
        }

        private void TypedAt(long nowMs)
        {
            int seconds = AutoDialSeconds;
            _calls.Pad.DialAt = seconds > 0 && _calls.Pad.Number.Length > 0 ? nowMs + seconds * 1000L : 0;
        }

        /// <summary>
        /// The dialing screen has just opened off hook (handset, speaker, headset, a line key): with
        /// <c>auto_dial_target</c> set and <c>auto_dial</c> on, Snom's hot line (auto_dial 1 or 2: the target is dialled
        /// at once) or warm line (3 or more: dialled after that many seconds unless a digit is typed first).
        /// </summary>
        private void Opened(long nowMs)
        {
            int seconds;
            string target = _calls.HotLineTarget(out seconds);
            if (target.Length == 0)
            {
                return;
            }
            // Snom: "smaller or equal 2" is the hot line, above it the warm line.
            if (seconds <= 2)
            {
                DialLine(target, "Hot line: ", nowMs);
                return;
            }
            _calls.Pad.DialAt = nowMs + seconds * 1000L;
        }

        /// <summary>The hot or warm line's call to <paramref name="target"/>; its screen says which (<paramref name="note"/>).</summary>
        private void DialLine(string target, string note, long nowMs)
        {
            if (target.Length == 0)
            {
                // auto_dial or the target turned off while the warm line counted: the dialing screen stays, as without one.
                return;
            }
            string error;
            SipCall call = _calls.Dial(Identity, target, nowMs, out error);
            if (call != null)
            {
                call.Note = note + target;
            }
            Dialled(call, error, nowMs);
        }

        /// <summary>Why the last dial from the dialing screen failed (null when it did not).</summary>
        public string LastError;

        /// <summary>
        /// A key; true when the call layer used it. <paramref name="listOpen"/>: a menu or list is on screen, which keeps
        /// OK, Cancel, the softkeys and the digits for itself.
        /// </summary>
        public bool HandleKey(int keyCode, KeyAction action, bool listOpen, long nowMs)
        {
            if (keyCode == KeyCode.Hook)
            {
                if (action == KeyAction.Press || action == KeyAction.Release)
                {
                    Hook(action == KeyAction.Press, nowMs);
                }
                return true;
            }
            if (action == KeyAction.Release && Digit(keyCode) != (char)0)
            {
                // The end of a DTMF key held in a call (nothing when none is held); menus see the release too.
                _calls.Media.DigitKey(0, Digit(keyCode), false, nowMs);
            }
            if (action != KeyAction.Press)
            {
                return false;
            }
            // One exit for the switch's cases: a return per case made nanoFramework's MetadataProcessor count a stack
            // slot per case in the frame of every key's call (docs/benchmarks.md, h-frames).
            bool handled;
            switch (keyCode)
            {
                case KeyCode.Speaker:
                    DeviceKey(AudioDevice.Speaker, nowMs);
                    handled = true;
                    break;
                case KeyCode.Headset:
                    DeviceKey(AudioDevice.Headset, nowMs);
                    handled = true;
                    break;
                case KeyCode.Mute:
                    handled = ToggleMute(nowMs);
                    break;
                case KeyCode.Hold:
                    SipCall active = _calls.Active();
                    handled = active != null && _calls.Hold(active.Id, !active.Held, nowMs);
                    break;
                case KeyCode.Redial:
                    handled = Redial(nowMs);
                    break;
                case KeyCode.Transfer:
                    handled = TransferKey(nowMs);
                    break;
                case KeyCode.Messages:
                    handled = MailboxKey(nowMs);
                    break;
                default:
                    goto OtherKey;
            }
            return handled;
        OtherKey:
            if (PickupKey(keyCode, nowMs))
            {
                return true;
            }
            if (LineKey(keyCode - KeyCode.FunctionKey1, nowMs))
            {
                return true;
            }
            int live;
            SipCall shown = _calls.Current(out live);
            if (listOpen)
            {
                return false;
            }
            if (shown == null && !_calls.Pad.Dialing)
            {
                // A digit, * or # typed on the idle screen opens the dialing screen with it (Snom's dialing before the
                // handset is lifted: no audio device until the number is dialled, no hot line; a locked keyboard opens
                // none). The key codes 0-9, * and # are one run, so no call is made for every other key.
                if (keyCode >= KeyCode.Digit0 && keyCode <= KeyCode.Hash && !Locked)
                {
                    _calls.Pad.Open();
                }
                else
                {
                    // The idle screen's offer (pickup, call back), if it shows one: only its softkeys (OK, Cancel) act, and
                    // up and down move the pickup list's selection while several extensions ring.
                    if ((keyCode == KeyCode.Up || keyCode == KeyCode.Down) && _calls.MovePickup(keyCode == KeyCode.Up ? -1 : 1))
                    {
                        return true;
                    }
                    string[] offer = CallDisplay.SoftkeysOf(_calls, null);
                    int at = SoftkeyIndex(keyCode);
                    return at >= 0 && offer[at] != null && Softkey(offer[at], null, nowMs);
                }
            }
            if (_calls.Pad.Dialing && (shown == null || _calls.Pad.TransferOf != 0))
            {
                char digit = Digit(keyCode);
                if (digit != (char)0 && _calls.Pad.TransferOf == 0 && _calls.Pad.Add(digit))
                {
                    // A dial plan rule with the flag d that matches what is typed (with a '#' too) dials it at once.
                    bool complete = false;
                    // The dial plans are the call layer's (ICallFeatures.ApplyDialPlan); none without one.
                    ICallFeatures plans = _calls.Features;
                    if (plans != null)
                    {
                        plans.ApplyDialPlan(Identity, _calls.Pad.Number, out complete);
                    }
                    if (complete)
                    {
                        return DialTyped(nowMs);
                    }
                    if (digit != '#' || _calls.Pad.Number.Length == 1)
                    {
                        TypedAt(nowMs);
                        return true;
                    }
                    _calls.Pad.Delete();
                }
                if (digit == '#' && _calls.Pad.Number.Length > 0)
                {
                    return Softkey(_calls.Pad.TransferOf != 0 ? CallDisplay.Transfer : CallDisplay.Dial, shown, nowMs);
                }
                if (digit != (char)0)
                {
                    _calls.Pad.Add(digit);
                    TypedAt(nowMs);
                    return true;
                }
            }
            if (shown != null && shown.State == SipCall.Connected && !shown.Held && Digit(keyCode) != (char)0)
            {
                // A key typed during a call goes to the other side as DTMF while it is held, as on any desk phone.
                _calls.Media.DigitKey(shown.Id, Digit(keyCode), true, nowMs);
                return true;
            }
            string[] labels = CallDisplay.SoftkeysOf(_calls, shown);
            int index = SoftkeyIndex(keyCode);
            return index >= 0 && labels[index] != null && Softkey(labels[index], shown, nowMs);
        }

        /// <summary>The softkey a key stands for (OK the first, Cancel the last), or -1.</summary>
        private static int SoftkeyIndex(int keyCode) =>
            keyCode == KeyCode.Ok ? 0 : keyCode == KeyCode.Cancel ? CallDisplay.SoftkeyCount - 1
            : keyCode >= KeyCode.Softkey1 && keyCode <= KeyCode.Softkey4 ? keyCode - KeyCode.Softkey1 : -1;

        /// <summary>The USB headset's hook switch: off hook is the headset key when the headset is not the device yet; on hook hangs up a headset call.</summary>
        public void HeadsetHook(bool offHook, long nowMs)
        {
            if (offHook != (_calls.Audio.Device == AudioDevice.Headset))
            {
                DeviceKey(AudioDevice.Headset, nowMs);
            }
        }

        /// <summary>Mute on or off while a call exists; false without a call.</summary>
        public bool ToggleMute(long nowMs)
        {
            int live;
            if (_calls.Current(out live) == null)
            {
                return false;
            }
            _calls.Audio.SetMuted(!_calls.Audio.Muted, nowMs);
            return true;
        }

        private void Hook(bool offHook, long nowMs)
        {
            PhoneCalls audio = _calls.Audio;
            bool wasHandset = audio.Device == AudioDevice.Handset;
            audio.SetHandsetOffHook(offHook, nowMs);
            if (offHook)
            {
                if (!AnswerRinging(nowMs) && _calls.Active() == null && !_calls.Pad.Dialing && !Locked)
                {
                    _calls.Pad.Open();
                    Opened(nowMs);
                }
            }
            else if (wasHandset)
            {
                EndActive(nowMs);
            }
            _calls.AudioChanged(nowMs);
        }

        /// <summary>The speaker or headset key (the headset's hook too).</summary>
        private void DeviceKey(int device, long nowMs)
        {
            PhoneCalls audio = _calls.Audio;
            bool busy = _calls.Active() != null || _calls.Pad.Dialing;
            if (busy && audio.Device == device)
            {
                if (audio.HandsetOffHook)
                {
                    audio.Use(AudioDevice.Handset, nowMs);
                }
                else
                {
                    EndActive(nowMs);
                }
            }
            else
            {
                audio.Use(device, nowMs);
                if (!busy && !AnswerRinging(nowMs) && !Locked)
                {
                    _calls.Pad.Open();
                    Opened(nowMs);
                }
            }
            _calls.AudioChanged(nowMs);
        }

        /// <summary>Answers the ringing call the screen shows, if no other call is being talked in; true when it did.</summary>
        private bool AnswerRinging(long nowMs)
        {
            int live;
            SipCall shown = _calls.Current(out live);
            return shown != null && shown.State == SipCall.Alerting && _calls.Active() == null && _calls.Answer(shown.Id, nowMs);
        }

        /// <summary>Ends what the user is in: the dialing screen, else the active call.</summary>
        private void EndActive(long nowMs)
        {
            if (_calls.Pad.Dialing)
            {
                _calls.Pad.Close();
                return;
            }
            SipCall active = _calls.Active();
            if (active != null)
            {
                _calls.Hangup(active.Id, nowMs);
            }
        }

        private bool Softkey(string label, SipCall shown, long nowMs)
        {
            // A chain of comparisons, not a switch: a switch of this many strings compiles to a hash of the label (a
            // loop over its characters) and a tree of hash tests, 228 B more of DeskPhone.Domain's byte code
            // (docs/benchmarks.md, h-domroom).
            if (label == CallDisplay.Answer)
            {
                return _calls.Answer(shown.Id, nowMs);
            }
            if (label == CallDisplay.End)
            {
                // A conference ends as one (both calls), as the handset put down does.
                return CallDisplay.InConference(_calls, shown) ? _calls.Features.HangupConference(nowMs) : _calls.Hangup(shown.Id, nowMs);
            }
            if (label == CallDisplay.Reject)
            {
                return _calls.Hangup(shown.Id, nowMs);
            }
            if (label == CallDisplay.Hold || label == CallDisplay.Resume)
            {
                return _calls.Hold(shown.Id, label == CallDisplay.Hold, nowMs);
            }
            if (label == CallDisplay.Mute || label == CallDisplay.Unmute)
            {
                return ToggleMute(nowMs);
            }
            if (label == CallDisplay.Delete)
            {
                _calls.Pad.Delete();
                TypedAt(nowMs);
                return true;
            }
            if (label == CallDisplay.Cancel)
            {
                if (shown == null && !_calls.Pad.Dialing)
                {
                    return _calls.Features.CancelCallBack(nowMs);
                }
                _calls.Pad.Close();
                _calls.AudioChanged(nowMs);
                return true;
            }
            if (label == CallDisplay.Dial)
            {
                return DialTyped(nowMs);
            }
            if (label == CallDisplay.Transfer)
            {
                return _calls.Pad.TransferOf != 0 ? TransferTyped(nowMs) : TransferKey(nowMs);
            }
            if (label == CallDisplay.Park)
            {
                return ParkTyped(nowMs);
            }
            if (label == CallDisplay.PickUp)
            {
                return _calls.Pad.Dialing ? PickupTyped(nowMs) : PickupAt(_calls.RingingKey(), nowMs);
            }
            if (label == CallDisplay.Conf)
            {
                return _calls.Features.JoinConference(nowMs);
            }
            return label == CallDisplay.CallBack && CallBackAccepted(nowMs);
        }

        /// <summary>
        /// The Transfer key: with a held call beside a connected one, attended transfer of the two; on the transfer
        /// entry with a target typed, the blind transfer; else, in a connected call, the transfer entry opens.
        /// </summary>
        private bool TransferKey(long nowMs)
        {
            string error;
            if (_calls.Pad.TransferOf != 0)
            {
                return _calls.Pad.Number.Length == 0 || TransferTyped(nowMs);
            }
            if (_calls.CanTransferAttended)
            {
                LastError = _calls.TransferAttended(nowMs, out error) ? null : error;
                return true;
            }
            SipCall active = _calls.Active();
            if (active == null || active.State != SipCall.Connected || Locked)
            {
                return false;
            }
            _calls.Pad.OpenTransfer(active.Id);
            return true;
        }

        /// <summary>
        /// A function or expansion-module key whose monitored extension rings: its call is picked up (on the device in
        /// use, the speaker when none is); false for any other key (the key keeps its other uses).
        /// </summary>
        private bool PickupKey(int keyCode, long nowMs)
        {
            int key = keyCode >= KeyCode.FunctionKey1 && keyCode < KeyCode.FunctionKey1 + KeyCode.FunctionKeyCount ? keyCode - KeyCode.FunctionKey1
                : keyCode >= KeyCode.ExpansionKeyBase ? KeyCode.FunctionKeyCount + (keyCode - KeyCode.ExpansionKeyBase) / KeyCode.ExpansionModuleStride * DeskPhone.Drivers.Expansion.ExpansionProtocol.KeysPerModule
                  + (keyCode - KeyCode.ExpansionKeyBase) % KeyCode.ExpansionModuleStride
                : -1;
            return PickupAt(key, nowMs) || CallMonitored(key, nowMs);
        }

        /// <summary>
        /// A line key (fkey <c>line</c>, <paramref name="key"/> 0-based) is a call appearance, as its LED (CallLeds): the
        /// n-th line key stands for the n-th live call. Pressed, it answers that call while it rings in, holds it or
        /// resumes it once connected; with no call of its own, on the idle phone, it is off hook on the speaker for the
        /// hot and warm line (Snom's auto_dial) and unused without a target. False for any other key or state.
        /// </summary>
        private bool LineKey(int key, long nowMs)
        {
            if (key < 0 || key >= KeyCode.FunctionKeyCount || !_calls.IsLineKey(key))
            {
                return false;
            }
            // The line keys before this one: its call is the table's live call of that number.
            int before = 0;
            for (int k = 0; k < key; k++)
            {
                before += _calls.IsLineKey(k) ? 1 : 0;
            }
            SipCall call = CallLeds.NthCall(_calls, before);
            if (CallLeds.StateOf(call) == KeyState.None)
            {
                int live;
                if (_calls.Pad.Dialing || Locked || _calls.Current(out live) != null || _calls.HotLineTarget(out live).Length == 0)
                {
                    return false;
                }
                DeviceKey(AudioDevice.Speaker, nowMs);
                return true;
            }
            return call.State == SipCall.Connected ? _calls.Hold(call.Id, !call.Held, nowMs)
                : !call.Outgoing && call.State == SipCall.Alerting && _calls.Answer(call.Id, nowMs);
        }

        /// <summary>
        /// A BLF or presence key whose extension does not ring, pressed with no call on the screen and nothing being
        /// dialled: calls the monitored extension (Snom's BLF key). False for any other key or state (a key the heap
        /// reserve refused monitors nothing and calls nothing).
        /// </summary>
        private bool CallMonitored(int key, long nowMs)
        {
            int live;
            Subscription s = key < 0 || Monitored == null || Locked || _calls.Pad.Dialing || _calls.Current(out live) != null
                ? null : Monitored.SubscriptionOf(key);
            if (s == null)
            {
                return false;
            }
            string error;
            Dialled(_calls.Dial(Identity, s.Target, nowMs, out error), error, nowMs);
            return true;
        }

        /// <summary>Picks up the call ringing at function key <paramref name="key"/> (0-based); false when it does not ring.</summary>
        private bool PickupAt(int key, long nowMs)
        {
            DialogInfo dialogs = key < 0 || Monitored == null ? null : Monitored.DialogOf(key);
            if (dialogs == null || dialogs.State != DialogInfo.Ringing || Locked)
            {
                return false;
            }
            string error;
            Subscription s = Monitored.SubscriptionOf(key);
            LastError = _calls.Pickup(Identity, dialogs, s == null ? null : s.Target, nowMs, out error) == null ? error : null;
            _calls.Pad.Close();
            _calls.AudioChanged(nowMs);
            return true;
        }

        /// <summary>
        /// The dialing screen's Pick up: directed pickup of the typed extension (its BLF key's pickup while that rings,
        /// else pickup_code + number).
        /// </summary>
        private bool PickupTyped(long nowMs)
        {
            string error;
            LastError = _calls.PickupNumber(Identity, _calls.Pad.Number, nowMs, out error) == null ? error : null;
            _calls.Pad.Close();
            _calls.AudioChanged(nowMs);
            return true;
        }

        /// <summary>The call back softkey: the offer requested or the free callee called (on the speaker when no device is in use).</summary>
        private bool CallBackAccepted(long nowMs)
        {
            string error;
            LastError = _calls.Features.AcceptCallBack(nowMs, out error) ? null : error;
            _calls.AudioChanged(nowMs);
            return true;
        }

        /// <summary>The target typed on the transfer entry: REFER of its call (the entry closes).</summary>
        private bool TransferTyped(long nowMs)
        {
            string number = _calls.Pad.Number;
            if (number.Length == 0)
            {
                return true;
            }
            string error;
            LastError = _calls.Transfer(_calls.Pad.TransferOf, number, nowMs, out error) ? null : error;
            _calls.Pad.Close();
            return true;
        }

        /// <summary>Park of the call on the transfer entry (park_orbit).</summary>
        private bool ParkTyped(long nowMs)
        {
            string error;
            LastError = _calls.Park(_calls.Pad.TransferOf, nowMs, out error) ? null : error;
            _calls.Pad.Close();
            return true;
        }

        private bool DialTyped(long nowMs)
        {
            string number = _calls.Pad.Number;
            if (number.Length == 0)
            {
                return true;
            }
            string error;
            bool complete;
            ICallFeatures plans = _calls.Features;
            SipCall call = _calls.Dial(Identity, plans == null ? number : plans.ApplyDialPlan(Identity, number, out complete), nowMs, out error);
            Dialled(call, error, nowMs);
            return true;
        }

        /// <summary>The dialing screen's call went out (or why not): the screen closes.</summary>
        private void Dialled(SipCall call, string error, long nowMs)
        {
            LastError = call == null ? error : null;
            _calls.Pad.Close();
            _calls.AudioChanged(nowMs);
        }

        /// <summary>
        /// The newest dialled number again (the dialing screen, if open, closes); on the device in use, the speaker when
        /// none is. False (the key unused) with an empty list, a call in progress or a locked keyboard.
        /// </summary>
        private bool Redial(long nowMs)
        {
            CallRecord last = _calls.Dialled.Get(0);
            if (last == null || Locked || _calls.Active() != null)
            {
                return false;
            }
            string error;
            Dialled(_calls.Dial(last.Identity, last.Remote, nowMs, out error), error, nowMs);
            return true;
        }

        /// <summary>
        /// The message key (Snom's retrieve key): calls the identity's mailbox number (<c>user_mailbox</c>), as Redial
        /// calls; without one the status line says so for 3 s. False (the key unused) with a call in progress or a
        /// locked keyboard.
        /// </summary>
        private bool MailboxKey(long nowMs)
        {
            if (Locked || _calls.Active() != null)
            {
                return false;
            }
            string mailbox = _calls.Settings.Get(SettingNames.UserMailbox, Identity);
            if (mailbox == null || mailbox.Length == 0)
            {
                _calls.RaiseAnew(StatusId.StatusLineSystemMessage, "No mailbox number (user_mailbox)", nowMs);
                return true;
            }
            string error;
            Dialled(_calls.Dial(Identity, mailbox, nowMs, out error), error, nowMs);
            return true;
        }

        private static char Digit(int keyCode)
        {
            if (keyCode >= KeyCode.Digit0 && keyCode <= KeyCode.Digit9)
            {
                return (char)('0' + keyCode - KeyCode.Digit0);
            }
            return keyCode == KeyCode.Star ? '*' : keyCode == KeyCode.Hash ? '#' : (char)0;
        }
    }
}
