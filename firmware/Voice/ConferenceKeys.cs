using DeskPhone.Domain.Calls;
using DeskPhone.Domain.Status;
using DeskPhone.Drivers.Input;

namespace DeskPhone.Firmware.Voice
{
    /// <summary>
    /// The keys of the conference (docs/calls.md, "Conference"), seen before the call keys: the Conference key joins
    /// the two connected calls (the status line says why not for 3 s); hanging the handset up during a conference
    /// held on the handset, or pressing the speaker or headset key during one on that device, ends both calls, as Snom
    /// phones do, where it would otherwise end only the newest.
    /// </summary>
    public sealed class ConferenceKeys
    {
        // The calls, whose media is the voice whose conference these keys join and end (it makes the conference when the
        // Conference key first asks for one: no conference object held by every call, docs/benchmarks.md h-smallcuts),
        // with the audio route and the statuses: one field, not three (24 B of every call, h-callrest2).
        private readonly PhoneCalls _calls;

        /// <param name="calls">The calls, whose <see cref="PhoneCalls.Media"/> is the voice.</param>
        public ConferenceKeys(PhoneCalls calls)
        {
            _calls = calls;
        }

        /// <summary>True when the key was the conference's alone (the call keys must not see it).</summary>
        public bool HandleKey(int keyCode, KeyAction action, long nowMs)
        {
            Conference joined = ((CallVoice)_calls.Media).Joined;
            if (keyCode == KeyCode.Hook && action == KeyAction.Release && joined != null && _calls.Audio.Device == AudioDevice.Handset)
            {
                // Both calls end; the call keys still take the hook (the handset's device and statuses).
                joined.Hangup(nowMs);
                return false;
            }
            if (action != KeyAction.Press)
            {
                return false;
            }
            int device = keyCode == KeyCode.Speaker ? AudioDevice.Speaker : keyCode == KeyCode.Headset ? AudioDevice.Headset : AudioDevice.None;
            if (device != AudioDevice.None && joined != null && _calls.Audio.Device == device && !_calls.Audio.HandsetOffHook)
            {
                // The speaker or headset key on the conference's own device ends both calls, as the handset put down
                // does (with the handset lifted it gives the conference to the handset: the call keys' rule).
                joined.Hangup(nowMs);
                _calls.Audio.CallsChanged(false, nowMs);
                return true;
            }
            if (keyCode != KeyCode.Conference)
            {
                return false;
            }
            Join(nowMs);
            return true;
        }

        /// <summary>Joins the two connected calls (the Conference key, the Conf softkey); false, and the status line says why for 3 s, when it cannot.</summary>
        public bool Join(long nowMs)
        {
            string error = ((CallVoice)_calls.Media).Conference.Join(nowMs);
            if (error != null)
            {
                _calls.Statuses.Clear(StatusId.StatusLineSystemMessage, nowMs);
                _calls.Statuses.Raise(StatusId.StatusLineSystemMessage, "Conference: " + error, "calls", nowMs);
            }
            return error == null;
        }
    }
}
