using System;
using System.IO;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// A folder of a test's own under the temp directory (a simulator's --state, certificates), deleted with what is in
    /// it when the test ends. Declared before the simulator that uses it, so that the simulator stops first.
    /// </summary>
    internal sealed class TempFolder : IDisposable
    {
        public TempFolder(string prefix)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        }

        public string Path { get; }

        public void Dispose()
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, true);
            }
        }
    }
}
