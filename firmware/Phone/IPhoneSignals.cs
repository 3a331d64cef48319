namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// What the core tells the parts over it (the SIP binding, the presence publisher, the call layer): the composition
    /// root implements it, so the core keeps one field for it, not four events with a delegate for each handler (48 B a
    /// handler at rest, docs/benchmarks.md, h-firmrest).
    /// </summary>
    public interface IPhoneSignals
    {
        /// <summary>The network came back (or its address changed): the SIP layer re-registers every identity.</summary>
        void NetworkRestored();

        /// <summary>A registered identity lost its registration (refused, unanswered) or an identity was removed: its calls end.</summary>
        void RegistrationLost(int identity);

        /// <summary>An identity's user_* setting changed: the SIP layer updates that identity without a reboot.</summary>
        void IdentityChanged(int identity);

        /// <summary>A user change of an identity's DND or a forward (FeatureSync flag), for feature sync to send.</summary>
        void FeatureChanged(int identity, int feature);

        /// <summary>The own presence changed (after the core's presence event).</summary>
        void PresenceChanged();

        /// <summary>An identity's registration changed (after the core and the own subscriptions followed it).</summary>
        void RegistrationChanged(int identity, bool registered);

        /// <summary>
        /// A key was pressed while the core has no call keys: build the call layer (it sets <see cref="PhoneCore.CallKeys"/>).
        /// A signal, not a delegate field of the core's (48 B at rest, docs/benchmarks.md h-restfields).
        /// </summary>
        void CallsNeeded();

        /// <summary>
        /// The USB headset's hook switch or mute button (<see cref="DeskPhone.Drivers.Hid.IHidListener.HeadsetButton"/>): the
        /// headset and mute keys. A signal, not a delegate of the bridge's (36 B, docs/benchmarks.md h-restcuts2).
        /// </summary>
        void HeadsetButton(int button, bool down);
    }
}
