namespace DeskPhone.Firmware.Updates
{
    /// <summary>
    /// The loader's decision at start (docs/updates.md, "Boot"): which set to start, from the boot record alone. A set
    /// asked for (<see cref="BootRecord.Apply"/>) is marked <see cref="BootRecord.Trying"/> before it starts; a record
    /// still saying Trying at the next start means that set never confirmed a good start, so the previous set starts
    /// and the failure is kept for FirmwareUpdateFailed. Whatever the medium does, a set always starts.
    /// </summary>
    // Part of BootRecordStore (partial): a type of its own is 8 B of runtime tables (h-firmslim).
    public sealed partial class BootRecordStore
    {
        /// <summary>
        /// Decides, records the decision, and returns the record as it now stands: the set to start is
        /// <see cref="BootRecord.Staged"/> when its state is Trying, else <see cref="BootRecord.Active"/>.
        /// <paramref name="canStartStaged"/>: false where no loader can start a slot (the board today): a set asked for
        /// goes back to Ready with the reason.
        /// </summary>
        public static BootRecord Boot(BootRecordStore store, bool canStartStaged)
        {
            BootRecord r = store.Load();
            if (r.State == BootRecord.Apply && !canStartStaged)
            {
                r.State = BootRecord.Ready;
                r.Failure = "version " + r.StagedVersion + " is staged but this phone cannot start it: its loader step is not built (docs/updates.md)";
                store.Save(r); // unwritten, the next start decides the same way again
            }
            else if (r.State == BootRecord.Apply)
            {
                r.State = BootRecord.Trying;
                string error = store.Save(r);
                if (error != null)
                {
                    // Never try a set the record cannot say is being tried: it could not be rolled back.
                    r.State = BootRecord.Ready;
                    r.Failure = error;
                }
            }
            else if (r.State == BootRecord.Trying)
            {
                r.Failure = "version " + r.StagedVersion + NotConfirmed + "; back on " + Name(r.ActiveVersion);
                r.Forget();
                store.Save(r); // unwritten, the next start decides the same way again
            }
            return r;
        }

        /// <summary>The set being tried ran well: it becomes the active set. Null, or why the record could not say so.</summary>
        public static string Confirm(BootRecordStore store, BootRecord r)
        {
            if (r.State != BootRecord.Trying)
            {
                return null;
            }
            r.Active = r.Staged;
            r.ActiveVersion = r.StagedVersion;
            r.Forget();
            r.Failure = "";
            return store.Save(r);
        }

        /// <summary>
        /// The failure's words after "version V" for a set that never confirmed; a check reads them to start no such
        /// version again (FirmwareUpdater.Manifest).
        /// </summary>
        internal const string NotConfirmed = " did not confirm a good start";

        /// <summary>A version for messages: the deployed set has none of ours.</summary>
        public static string Name(string version) => version.Length == 0 ? "the deployed set" : "version " + version;
    }
}
