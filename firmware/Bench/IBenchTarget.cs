namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// What only the target can tell or do for the web interface's status page and reboot (docs/web.md): the board
    /// asks its natives, the simulator the host. Null or -1 where the target cannot tell.
    /// </summary>
    public interface IBenchTarget
    {
        /// <summary>The runtime under the firmware, e.g. "nanoCLR 1.12.0.4 ESP32" or ".NET 10.0.0"; null if unknown.</summary>
        string Platform { get; }

        /// <summary>Free managed heap in bytes after a collection; -1 where the target cannot tell.</summary>
        long FreeMemory { get; }

        /// <summary>Restarts the phone shortly after the answer has gone out; false where this target cannot (501).</summary>
        bool Reboot();
    }
}
