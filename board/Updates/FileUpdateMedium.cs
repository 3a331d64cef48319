using System.IO;
using DeskPhone.Board.Settings;
using DeskPhone.Firmware.Updates;

namespace DeskPhone.Board.Updates
{
    /// <summary>
    /// The update slots and boot record as files in one folder ("I:\\" on the device, the simulator's state folder):
    /// whole small blobs through <see cref="FileSettingsMedium"/>, image files appended and read a chunk at a time.
    /// </summary>
    public sealed class FileUpdateMedium : IUpdateMedium
    {
        private readonly string _folder;
        private readonly FileSettingsMedium _blobs;

        public FileUpdateMedium(string folder)
        {
            _folder = folder;
            _blobs = new FileSettingsMedium(folder);
        }

        public byte[] Read(string name) => _blobs.Read(name);

        public void Write(string name, byte[] data, int offset, int count) => _blobs.Write(name, data, offset, count);

        public void Delete(string name) => _blobs.Delete(name);

        public int Length(string name)
        {
            string path = Path.Combine(_folder, name);
            return File.Exists(path) ? (int)new FileInfo(path).Length : -1;
        }

        public void Append(string name, byte[] data, int offset, int count)
        {
            using (FileStream stream = new FileStream(Path.Combine(_folder, name), FileMode.Append, FileAccess.Write))
            {
                stream.Write(data, offset, count);
                stream.Flush();
            }
        }

        public int ReadAt(string name, int position, byte[] buffer, int offset, int count)
        {
            using (FileStream stream = new FileStream(Path.Combine(_folder, name), FileMode.Open, FileAccess.Read))
            {
                stream.Seek(position, SeekOrigin.Begin);
                return stream.Read(buffer, offset, count);
            }
        }
    }
}
