namespace DeskPhone.Media.Audio
{
    /// <summary>Names for the ids <see cref="ICallAudio"/> takes besides the calls' own (SIP call ids start at 1).</summary>
    public static class CallAudio
    {
        /// <summary>The phone's own audio outside any call: the dial tone (the speaker or handset the user lifted).</summary>
        public const int NoCall = 0;

        /// <summary>A multicast page (docs/media.md, "Multicast paging"): the speaker.</summary>
        public const int Page = -1;
    }
}
