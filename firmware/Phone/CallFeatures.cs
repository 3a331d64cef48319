using DeskPhone.Domain.Calls;
using DeskPhone.Firmware.Completion;
using DeskPhone.Firmware.Voice;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// The conference and call completion as the call screen and its softkeys see them (<see cref="ICallFeatures"/>,
    /// docs/calls.md "Call screen"): the domain's call layer sits below both, so PhoneApp hands it this view.
    /// </summary>
    public sealed class CallFeatures : ICallFeatures
    {
        private readonly Conference _conference;
        private readonly ConferenceKeys _keys;
        private readonly CallCompletion _completion;

        /// <param name="conference">The local conference, or null (no media: no conference).</param>
        /// <param name="keys">Its keys (the Conf softkey joins as the Conference key does), null with it.</param>
        public CallFeatures(Conference conference, ConferenceKeys keys, CallCompletion completion)
        {
            _conference = conference;
            _keys = keys;
            _completion = completion;
        }

        public int ConferenceFirst => _conference == null ? 0 : _conference.First;

        public int ConferenceSecond => _conference == null ? 0 : _conference.Second;

        public int ConferenceSeconds(long nowMs) => _conference == null || !_conference.Active ? 0 : (int)((nowMs - _conference.StartMs) / 1000);

        public bool CanConference => _conference != null && _conference.CanJoin;

        public bool JoinConference(long nowMs) => _keys != null && _keys.Join(nowMs);

        public bool HangupConference(long nowMs) => _conference != null && _conference.Hangup(nowMs);

        public int CallBack =>
            _completion.State == CallCompletion.Offered ? CallBackState.Offered
            : _completion.State == CallCompletion.Ready ? CallBackState.Ready : CallBackState.None;

        public string CallBackWho => _completion.Who;

        public bool AcceptCallBack(long nowMs, out string error) => _completion.Accept(nowMs, out error);

        public bool CancelCallBack(long nowMs) => _completion.Cancel(nowMs);
    }
}
