namespace DeskPhone.Domain.Leds
{
    /// <summary>
    /// Factory values of the led_* settings, like the phones: a monitored extension that is idle is off, ringing
    /// blinks fast, busy, DND and connected are steady red, holding blinks slowly (Snom's default), parked blinks medium, available is green, away
    /// is orange with a short off; voice messages blink the message LED slowly, missed calls and text messages light it,
    /// and a pulled network cable blinks it fast so that a phone that cannot work says so from across the room.
    /// Each list holds key states (upper case) and status IDs. The settings table takes its defaults from here.
    /// Constants of <see cref="LedPolicy"/>, not a class of their own (a type is 8 B of runtime tables on the device,
    /// h-domslim).
    /// </summary>
    public sealed partial class LedPolicy
    {
        public const string DefaultOn = "CONNECTED BUSY DND AVAILABLE PhoneHasMissedCalls PhoneHasTextMessages CurrentIdentityHasTextMessages";
        public const string DefaultBlinkSlow = "HOLDING PhoneHasVoiceMessages CurrentIdentityHasVoiceMessages";
        public const string DefaultBlinkMedium = "PARKED";
        public const string DefaultBlinkFast = "RINGING EthernetUnplugged";
        public const string DefaultBlinkShortOff = "AWAY";
        public const string DefaultRed = "RINGING CONNECTED BUSY DND HOLDING PARKED PhoneHasVoiceMessages CurrentIdentityHasVoiceMessages PhoneHasMissedCalls EthernetUnplugged";
        public const string DefaultGreen = "AVAILABLE PhoneHasTextMessages CurrentIdentityHasTextMessages";
        public const string DefaultOrange = "AWAY";
        public const string DefaultYellow = "";
        public const string DefaultMessageUsage = "EthernetUnplugged PhoneHasVoiceMessages CurrentIdentityHasVoiceMessages PhoneHasMissedCalls PhoneHasTextMessages CurrentIdentityHasTextMessages";
        public const string DefaultCallIndicatorUsage = "RINGING CONNECTED HOLDING";
    }
}
