namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// A NOTIFY with <c>Event: check-sync</c> for <paramref name="identity"/> (docs/provisioning.md): the SIP answer's
    /// status. <paramref name="fromRegistrar"/>: it came from that identity's registrar or outbound proxy;
    /// <paramref name="reboot"/>: the event's <c>reboot=true</c>.
    /// </summary>
    public delegate int CheckSyncHandler(int identity, bool fromRegistrar, bool reboot);
}
