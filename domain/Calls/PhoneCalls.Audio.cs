using DeskPhone.Domain.Status;

namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// The audio device and mute state, Snom style, with the statuses that show them: AudioDeviceIsHandset,
    /// AudioDeviceIsHeadset, AudioDeviceIsSpeaker (one at a time, none while nothing is routed) and AudioIsMuted. The
    /// handset's hook switch is remembered apart from the device: a call moved to the speaker keeps going when the
    /// handset is put down, and the handset takes the call back when it is lifted. When the last call (or the
    /// dialing) ends the device goes back to none, or stays the handset while it is off the hook, and mute is lifted.
    /// </summary>
    // Methods and a field of the calls, not an object of its own: the object, its reference to the calls and theirs to
    // it were 36 B of every call more than the field (h-callcuts2). Readers still say calls.Audio.Device.
    public sealed partial class PhoneCalls : IAudioRoute
    {
        /// <summary>Where the audio goes and whether it is muted (the keys change it; the media layer reads it): the calls themselves.</summary>
        public PhoneCalls Audio => this;

        // The device (AudioDevice, low bits), Muted and HandsetOffHook in one field, the dialing screen's state above them
        // (PhoneCalls.Pad.cs): an object field costs 12 B on nanoCLR (three were 24 B more of every call, h-callstream).
        private const int DeviceMask = 0x0F;
        private const int MutedBit = 0x10;
        private const int OffHookBit = 0x20;
        private int _audioState;

        public int Device => _audioState & DeviceMask;

        public bool Muted => (_audioState & MutedBit) != 0;

        /// <summary>The handset is off its cradle (the hook switch).</summary>
        public bool HandsetOffHook => (_audioState & OffHookBit) != 0;

        public void SetHandsetOffHook(bool offHook, long nowMs)
        {
            _audioState = offHook ? _audioState | OffHookBit : _audioState & ~OffHookBit;
            if (offHook)
            {
                Use(AudioDevice.Handset, nowMs);
            }
            else if (Device == AudioDevice.Handset)
            {
                Use(AudioDevice.None, nowMs);
            }
        }

        /// <summary>Sends the audio to a device (None: nothing routed), with its status.</summary>
        public void Use(int device, long nowMs)
        {
            bool changed = device != Device;
            _audioState = (_audioState & ~DeviceMask) | device;
            StatusScheduler statuses = Statuses;
            statuses.Set(StatusId.AudioDeviceIsHandset, device == AudioDevice.Handset, "audio", nowMs);
            statuses.Set(StatusId.AudioDeviceIsHeadset, device == AudioDevice.Headset, "audio", nowMs);
            statuses.Set(StatusId.AudioDeviceIsSpeaker, device == AudioDevice.Speaker, "audio", nowMs);
            if (changed)
            {
                Signal();
            }
        }

        public void SetMuted(bool muted, long nowMs)
        {
            bool changed = muted != Muted;
            _audioState = muted ? _audioState | MutedBit : _audioState & ~MutedBit;
            Statuses.Set(StatusId.AudioIsMuted, muted, "audio", nowMs);
            if (changed)
            {
                Signal();
            }
        }

        // The device or mute changed: the calls' features' owner is told (the call layer: the USB headset's indicators
        // follow); none without one.
        private void Signal()
        {
            ICallFeatures listener = Features;
            if (listener != null)
            {
                listener.AudioChanged();
            }
        }

        /// <summary>
        /// The calls (or the dialing) began or ended: a call without a device goes to the speaker (answered or dialled
        /// from a softkey or the bench, as hands-free); without one the device follows the handset and mute is lifted.
        /// </summary>
        public void CallsChanged(bool active, long nowMs)
        {
            if (active && Device == AudioDevice.None)
            {
                Use(AudioDevice.Speaker, nowMs);
            }
            else if (!active)
            {
                Use(HandsetOffHook ? AudioDevice.Handset : AudioDevice.None, nowMs);
                if (Muted)
                {
                    SetMuted(false, nowMs);
                }
            }
        }
    }
}
