using DeskPhone.Sip.Session;

namespace DeskPhone.Domain.Calls
{
    /// <summary>
    /// The call features that live above domain/Calls (firmware: the local conference, call completion) as the call
    /// screen shows them and its softkeys use them (docs/calls.md, "Call screen"); null on <see cref="PhoneCalls"/>
    /// when the phone has none of them.
    /// </summary>
    public interface ICallFeatures
    {
        /// <summary>The conference's two calls (the older first), 0 while there is no conference.</summary>
        int ConferenceFirst { get; }

        int ConferenceSecond { get; }

        /// <summary>How long the conference has lasted (seconds), for its screen.</summary>
        int ConferenceSeconds(long nowMs);

        /// <summary>Two connected calls could be joined now (the conference's preconditions), for the Conf softkey.</summary>
        bool CanConference { get; }

        /// <summary>Joins the two connected calls as the Conference key does (the status line says why not); false when it could not.</summary>
        bool JoinConference(long nowMs);

        /// <summary>Ends the conference: both calls (BYE each); false when there is none.</summary>
        bool HangupConference(long nowMs);

        /// <summary>What a call back can do now: <see cref="CallBackState"/>.</summary>
        int CallBack { get; }

        /// <summary>Who the call back is for (name or number), null when none.</summary>
        string CallBackWho { get; }

        /// <summary>The user's yes: an offer requested, a ready callee called; false and why when it cannot.</summary>
        bool AcceptCallBack(long nowMs, out string error);

        /// <summary>The user's no: the offer or the request forgotten.</summary>
        bool CancelCallBack(long nowMs);

        /// <summary>A call changed (ringing, connected, ended, its message): told by <see cref="PhoneCalls"/> after its own
        /// bookkeeping (the lists, the ringer, the audio device).</summary>
        void CallChanged(SipCall call);

        /// <summary>The audio device or mute changed (<see cref="PhoneCalls.SetMuted"/> and <see cref="PhoneCalls.Use"/> tell it).</summary>
        void AudioChanged();

        /// <summary>Says <paramref name="text"/> in the phone's log: a call refused for want of an RTP port (an INVITE
        /// answered 503 No RTP Port, a dial not sent), as the heap reserve's refusals are said there.</summary>
        void Log(string text);

        /// <summary>
        /// The identities' dial plans (user_dp_str, docs/calls.md "Dial plan") as the dialing screen uses them: what to
        /// dial for a typed number from an identity, and whether the plan says it is complete. Here, not an interface and
        /// a field of the call keys of their own (h-callrest3); Firmware.Calls.DialPlan implements them, outside
        /// DeskPhone.Domain for its byte code.
        /// </summary>
        string ApplyDialPlan(int identity, string number, out bool complete);
    }

    /// <summary>The states of <see cref="ICallFeatures.CallBack"/> the screen offers a softkey for.</summary>
    public static class CallBackState
    {
        public const int None = 0;

        /// <summary>A failed call can be completed (PhoneKnowsCallCanBeCompleted).</summary>
        public const int Offered = 1;

        /// <summary>The callee is free (CallBackOnBusyAvailable).</summary>
        public const int Ready = 2;
    }
}
