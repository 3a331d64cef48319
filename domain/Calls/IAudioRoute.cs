namespace DeskPhone.Domain.Calls
{
    /// <summary>The audio devices a call's voice can go to (<see cref="IAudioRoute.Device"/>).</summary>
    public static class AudioDevice
    {
        /// <summary>No call and no handset lifted: nothing is routed.</summary>
        public const int None = 0;
        public const int Handset = 1;
        public const int Headset = 2;
        public const int Speaker = 3;

        /// <summary>The word the bench and the screen use ("handset"; "none").</summary>
        public static string Name(int device)
        {
            switch (device)
            {
                case Handset: return "handset";
                case Headset: return "headset";
                case Speaker: return "speaker";
                default: return "none";
            }
        }
    }

    /// <summary>
    /// Where a call's audio goes and whether the microphone is muted, read-only, for the media layer (issue #19) to
    /// follow: the user's keys and the hook switch change it (<see cref="PhoneCalls.Audio"/>).
    /// </summary>
    public interface IAudioRoute
    {
        /// <summary>An <see cref="AudioDevice"/> value.</summary>
        int Device { get; }

        /// <summary>Nothing is sent from the microphone (and an incoming call does not ring).</summary>
        bool Muted { get; }
    }
}
