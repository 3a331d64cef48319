namespace DeskPhone.Domain.Leds
{
    /// <summary>
    /// Factory values of the led_* settings, like the phones: a monitored extension that is idle is off, ringing
    /// blinks fast, busy, DND and connected are steady red, holding blinks slowly (Snom's default), parked blinks medium, available is green, away
    /// is orange with a short off; voice messages blink the message LED slowly, missed calls and text messages light it,
    /// and a pulled network cable blinks it fast so that a phone that cannot work says so from across the room.
    /// Each list holds key states (upper case) and status IDs. The settings table takes its defaults from here.
    /// </summary>
    public static class LedDefaults
    {
        public const string On = "CONNECTED BUSY DND AVAILABLE PhoneHasMissedCalls PhoneHasTextMessages CurrentIdentityHasTextMessages";
        public const string BlinkSlow = "HOLDING PhoneHasVoiceMessages CurrentIdentityHasVoiceMessages";
        public const string BlinkMedium = "PARKED";
        public const string BlinkFast = "RINGING EthernetUnplugged";
        public const string BlinkShortOff = "AWAY";
        public const string Red = "RINGING CONNECTED BUSY DND HOLDING PARKED PhoneHasVoiceMessages CurrentIdentityHasVoiceMessages PhoneHasMissedCalls EthernetUnplugged";
        public const string Green = "AVAILABLE PhoneHasTextMessages CurrentIdentityHasTextMessages";
        public const string Orange = "AWAY";
        public const string Yellow = "";
        public const string MessageUsage = "EthernetUnplugged PhoneHasVoiceMessages CurrentIdentityHasVoiceMessages PhoneHasMissedCalls PhoneHasTextMessages CurrentIdentityHasTextMessages";
        public const string CallIndicatorUsage = "RINGING CONNECTED HOLDING";
    }
}
