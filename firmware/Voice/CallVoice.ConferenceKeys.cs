using DeskPhone.Domain.Calls;
using DeskPhone.Domain.Status;
using DeskPhone.Drivers.Input;

namespace DeskPhone.Firmware.Voice
{
    /// <summary>
    /// The keys of the conference (docs/calls.md, "Conference"), seen before the call keys: the Conference key joins
    /// the two connected calls (the status line says why not for 3 s); hanging the handset up during a conference
    /// held on the handset, or pressing the speaker or headset key during one on that device, ends both calls, as Snom
    /// phones do, where it would otherwise end only the newest. Methods of the voice, whose conference they join and
    /// end, not an object of their own (24 B of every call, h-callobjs).
    /// </summary>
    public sealed partial class CallVoice
    {
        /// <summary>True when the key was the conference's alone (the call keys must not see it).</summary>
        public bool HandleConferenceKey(int keyCode, KeyAction action, long nowMs)
        {
            Conference joined = Joined;
            PhoneCalls route = _phone.Audio;
            if (keyCode == KeyCode.Hook && action == KeyAction.Release && joined != null && route.Device == AudioDevice.Handset)
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
            if (device != AudioDevice.None && joined != null && route.Device == device && !route.HandsetOffHook)
            {
                // The speaker or headset key on the conference's own device ends both calls, as the handset put down
                // does (with the handset lifted it gives the conference to the handset: the call keys' rule).
                joined.Hangup(nowMs);
                route.CallsChanged(false, nowMs);
                return true;
            }
            if (keyCode != KeyCode.Conference)
            {
                return false;
            }
            JoinConference(nowMs);
            return true;
        }

        /// <summary>Joins the two connected calls (the Conference key, the Conf softkey); false, and the status line says why for 3 s, when it cannot.</summary>
        public bool JoinConference(long nowMs)
        {
            string error = Conference.Join(nowMs);
            if (error != null)
            {
                StatusScheduler statuses = _phone.Statuses;
                statuses.Clear(StatusId.StatusLineSystemMessage, nowMs);
                statuses.Raise(StatusId.StatusLineSystemMessage, "Conference: " + error, "calls", nowMs);
            }
            return error == null;
        }
    }
}
