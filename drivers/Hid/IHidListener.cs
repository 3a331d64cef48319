using DeskPhone.Drivers.Framing;

namespace DeskPhone.Drivers.Hid
{
    /// <summary>
    /// What the USB-host bridge tells the phone besides keys: one field in the bridge for its listener instead of an event
    /// each (nanoCLR: 36 B a delegate and 12 B an event field, docs/benchmarks.md h-restcuts2). Keys stay an event: the
    /// drivers' one key handler is shared by every key source.
    /// </summary>
    public interface IHidListener
    {
        /// <summary>
        /// A device on a port is connecting (<see cref="HidProtocol.StateEnumerating"/>), connected
        /// (<see cref="HidProtocol.StateReady"/>) or gone (<see cref="HidProtocol.StateDetached"/>). A device that skips
        /// the enumerating report is still reported as connecting first.
        /// </summary>
        void HidDeviceChanged(int port, HidDeviceClass deviceClass, int state);

        /// <summary>
        /// A headset's hook switch changed, or its mute button was pressed (a toggle request; the audio layer owns the
        /// mute state). The button is <see cref="HidProtocol.TelephonyHook"/> with down = off hook (the user took the
        /// call on the headset) or up = on hook, or <see cref="HidProtocol.TelephonyMute"/> with down = pressed.
        /// </summary>
        void HeadsetButton(int button, bool down);

        /// <summary>A damaged or unexpected frame from the bridge (otherwise ignored).</summary>
        void HidLinkError(FrameError error, int detail);
    }
}
