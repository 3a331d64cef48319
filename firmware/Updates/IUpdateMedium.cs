using DeskPhone.Domain.Settings;

namespace DeskPhone.Firmware.Updates
{
    /// <summary>
    /// Files on flash for an update (docs/updates.md): the image files of the two slots, written a chunk at a time and
    /// read back a chunk at a time, so no image is ever whole in the heap; and, through <see cref="ISettingsMedium"/>,
    /// the small boot record's two copies. Implementations may throw on I/O failure; the callers catch and report.
    /// </summary>
    public interface IUpdateMedium : ISettingsMedium
    {
        /// <summary>The file's length in bytes, or -1 when it does not exist.</summary>
        int Length(string name);

        /// <summary>Adds data[offset .. offset+count) at the end of the file (created when missing).</summary>
        void Append(string name, byte[] data, int offset, int count);

        /// <summary>Copies up to count bytes from position into buffer; how many (0 at the end).</summary>
        int ReadAt(string name, int position, byte[] buffer, int offset, int count);
    }
}
