namespace DeskPhone.Drivers.Audio
{
    /// <summary>Tone output for boards without a speaker: tones are sequenced (so state and tests stay the same) but not heard.</summary>
    public sealed class SilentToneOutput : IToneOutput
    {
        public void Tone(int hertz, int level)
        {
        }
    }
}
