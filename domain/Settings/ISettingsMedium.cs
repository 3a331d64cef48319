namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// Named blobs on persistent storage (flash file system on the device, a folder on the host, memory in tests).
    /// Implementations may throw on I/O failure; the store catches and reports.
    /// </summary>
    public interface ISettingsMedium
    {
        /// <summary>The whole blob, or null when it does not exist.</summary>
        byte[] Read(string name);

        /// <summary>Replaces the blob with data[offset .. offset+count).</summary>
        void Write(string name, byte[] data, int offset, int count);

        void Delete(string name);
    }
}
