namespace DeskPhone.Drivers.Audio
{
    /// <summary>Something that can sound one frequency (PWM buzzer, DAC speaker, a recorder).</summary>
    public interface IToneOutput
    {
        /// <summary>0 = silence.</summary>
        void Tone(int hertz);
    }
}
