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
        // The conference is reached through its keys (null without media): one field, not two, in the call layer.
        private readonly ConferenceKeys _keys;
        private readonly CallCompletion _completion;

        /// <param name="keys">The local conference's keys (the Conf softkey joins as the Conference key does), or null (no media: no conference).</param>
        public CallFeatures(ConferenceKeys keys, CallCompletion completion)
        {
            _keys = keys;
            _completion = completion;
        }

        public int ConferenceFirst => _keys == null ? 0 : _keys.Conference.First;

        public int ConferenceSecond => _keys == null ? 0 : _keys.Conference.Second;

        public int ConferenceSeconds(long nowMs) => _keys == null || !_keys.Conference.Active ? 0 : (int)((nowMs - _keys.Conference.StartMs) / 1000);

        public bool CanConference => _keys != null && _keys.Conference.CanJoin;

        public bool JoinConference(long nowMs) => _keys != null && _keys.Join(nowMs);

        public bool HangupConference(long nowMs) => _keys != null && _keys.Conference.Hangup(nowMs);

        public int CallBack =>
            _completion.State == CallCompletion.Offered ? CallBackState.Offered
            : _completion.State == CallCompletion.Ready ? CallBackState.Ready : CallBackState.None;

        public string CallBackWho => _completion.Who;

        public bool AcceptCallBack(long nowMs, out string error) => _completion.Accept(nowMs, out error);

        public bool CancelCallBack(long nowMs) => _completion.Cancel(nowMs);
    }
}
