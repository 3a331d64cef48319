using System.Collections;
using DeskPhone.Domain.Settings;

namespace DeskPhone.Domain.Provisioning
{
    /// <summary>
    /// A run's walk through the files of a <c>&lt;setting-files&gt;</c> container (<see cref="ReadContainer"/>, SettingFiles.cs): which file
    /// comes next and what the files did so far. Made when a container arrives and let go when the run ends, so the idle
    /// phone holds none of it. A file that fails (HTTP error, no document, bad XML) is reported and the walk goes on
    /// with the next one: the files are independent documents, as the phones treat them.
    /// </summary>
    internal sealed partial class ProvisioningFiles
    {
        public ProvisioningFiles(string[] urls, ProvisioningUrl container)
        {
            Urls = urls;
            Container = container;
        }

        public readonly string[] Urls;

        /// <summary>Where relative file URLs (a path) point: the container's server.</summary>
        public readonly ProvisioningUrl Container;

        /// <summary>The index of the next file to fetch; while one is fetched, its number counted from 1.</summary>
        public int Next;

        public int Applied;
        public int Failures;
        public int UnknownCount;
        public int RefusedCount;

        /// <summary>Unknown names of all files; the files' failures first, then the refused values (the bench lists a head of each).</summary>
        public readonly ArrayList Unknown = new ArrayList();
        public readonly ArrayList Errors = new ArrayList();

        /// <summary>The current file's document was imported.</summary>
        public void Imported(SettingsImportReport report)
        {
            if (report.Malformed != null)
            {
                Failed("bad XML, nothing applied: " + report.Malformed);
                return;
            }
            Applied += report.Applied;
            UnknownCount += report.Unknown.Length;
            RefusedCount += report.Refused;
            Add(Unknown, report.Unknown);
            Add(Errors, report.Errors);
        }

        /// <summary>The current file gave no document.</summary>
        public void Failed(string reason)
        {
            Errors.Insert(Failures, "file " + Next.ToString() + ": " + reason);
            Failures++;
        }

        /// <summary>The run's outcome in words.</summary>
        public string Result() =>
            Urls.Length.ToString() + " files" + (Failures == 0 ? "" : ", " + Failures.ToString() + " failed") + ": " +
            Applied.ToString() + " applied, " + UnknownCount.ToString() + " unknown kept, " + RefusedCount.ToString() + " refused";

        private static void Add(ArrayList to, string[] items)
        {
            for (int i = 0; i < items.Length && to.Count < ProvisioningClient.MaxListed; i++)
            {
                to.Add(items[i]);
            }
        }
    }
}
