namespace DeskPhone.Drivers.Audio
{
    /// <summary>Something that can sound one frequency (PWM buzzer, DAC speaker, a recorder).</summary>
    public interface IToneOutput
    {
        /// <summary>
        /// Sounds <paramref name="hertz"/> (0: silence) at <paramref name="level"/> of <see cref="ToneSequencer.MaxLevel"/>
        /// (the ringer volume, ring_volume; 0: silence too).
        /// </summary>
        void Tone(int hertz, int level);
    }
}
