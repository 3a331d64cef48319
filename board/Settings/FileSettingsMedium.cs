using System.IO;
using DeskPhone.Domain.Settings;

namespace DeskPhone.Board.Settings
{
    /// <summary>Blobs as files in one folder: "I:\\" (internal flash) on the device, any folder on the host.</summary>
    public sealed class FileSettingsMedium : ISettingsMedium
    {
        private readonly string _folder;

        public FileSettingsMedium(string folder)
        {
            _folder = folder;
        }

        public byte[] Read(string name)
        {
            string path = Path.Combine(_folder, name);
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }

        public void Write(string name, byte[] data, int offset, int count)
        {
            using (FileStream stream = new FileStream(Path.Combine(_folder, name), FileMode.Create, FileAccess.Write))
            {
                stream.Write(data, offset, count);
                stream.Flush();
            }
        }

        public void Delete(string name)
        {
            string path = Path.Combine(_folder, name);
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }
}
