using System;
using DeskPhone.Domain.Provisioning;
using DeskPhone.Domain.Signals;

namespace DeskPhone.Firmware.Updates
{
    /// <summary>
    /// One update check, driven from the phone's loop (docs/updates.md, "Flow"): the manifest is fetched and its MAC
    /// checked; a version other than the running and the staged one is written to the free slot file by file, each
    /// streamed to flash through <see cref="SlotWriter"/> and verified; only then is the boot record switched to
    /// "ready". A file the slot already holds whole and verified is not fetched again, so a check cut short (a lost
    /// connection, a power cut) is resumed by the next one. Never blocks: the HTTP fetch reads what has arrived.
    /// </summary>
    // Its plain state (the last check's report: LastResult, LastFailed, Checks) is public fields, not properties: no accessor method in the runtime
    // tables, image and calls on the device (issue #17).
    public sealed class FirmwareUpdater : IHttpBodySink
    {
        public const int Idle = 0;
        public const int FetchingManifest = 1;
        public const int FetchingFile = 2;

        /// <summary>The copy of the manifest kept with a slot's files (the loader reads the set's file list from it).</summary>
        public const string ManifestName = "manifest.txt";

        private readonly HttpFetch _fetch;
        private readonly IUpdateMedium _medium;
        private readonly BootRecordStore _store;
        private ProvisioningUrl _url;
        private byte[] _key;
        private UpdateManifest _manifest;
        private byte[] _manifestBytes;
        private int _manifestLength;
        private SlotWriter _writer;
        private string _slot;

        public FirmwareUpdater(IHttpChannel channel, IUpdateMedium medium, BootRecord record)
        {
            _fetch = new HttpFetch(channel);
            _medium = medium;
            _store = new BootRecordStore(medium);
            Record = record;
        }

        /// <summary>The boot record as this phone last read or wrote it.</summary>
        public BootRecord Record { get; private set; }

        public int State { get; private set; }

        /// <summary>The file being fetched (0-based) and how many the set has, while <see cref="FetchingFile"/>.</summary>
        public int FileIndex { get; private set; }

        public int FileCount => _manifest == null ? 0 : _manifest.Names.Length;

        /// <summary>The version the manifest being staged offers ("" before one was read).</summary>
        public string Offered { get; private set; } = "";

        /// <summary>The last check's outcome (null before the first): what was staged, or why nothing was.</summary>
        public string LastResult;

        /// <summary>Whether the last check failed (its reason is <see cref="LastResult"/>).</summary>
        public bool LastFailed;

        public int Checks;

        /// <summary>A check ended, or the record changed.</summary>
        // A field, not an event: its one handler (PhoneUpdates) is added as the phone is composed; an event's add and
        // remove were two methods (h-firmslim).
        public SignalHandler Changed;

        /// <summary>Starts a check of the manifest at url (key: the MAC key); null, or why not.</summary>
        public string Check(string url, string mac, byte[] key, long nowMs)
        {
            if (State != Idle)
            {
                return "an update check is already running";
            }
            if (Record.State == BootRecord.Trying)
            {
                // The slot being tried runs and the other holds the set to fall back on: no slot is free to write
                // until the start is confirmed (a check then overwrote the running slot and the record forgot it).
                return "version " + Record.StagedVersion + " is being started: check again once it is confirmed";
            }
            if (url == null || url.Length == 0)
            {
                return "no update manifest URL (firmware_status is empty)";
            }
            if (key == null)
            {
                return "no update key (update_key must be 64 hex digits)";
            }
            ProvisioningUrl parsed = ProvisioningUrl.Parse(url, mac, out string error);
            if (parsed == null)
            {
                return error;
            }
            _url = parsed;
            _key = key;
            Checks++;
            Offered = "";
            State = FetchingManifest;
            return Fetch(_url, nowMs, null);
        }

        /// <summary>Asks the loader to start the staged set at the next start; null, or why not.</summary>
        public string Apply()
        {
            if (Record.State != BootRecord.Ready)
            {
                return Record.State == BootRecord.Apply ? "the update is already waiting for the restart" : "no verified update is staged";
            }
            Record.State = BootRecord.Apply;
            string error = _store.Save(Record);
            if (error != null)
            {
                Record.State = BootRecord.Ready;
                return error;
            }
            Changed?.Invoke();
            return null;
        }

        /// <summary>
        /// Forgets the staged set (the user declines it): the record names it no more, so nothing starts it and
        /// PhoneHasFirmwareUpdate goes; its files stay in the free slot until a staging replaces them (a later check
        /// offering the same version stages it again from them). Null, or why not.
        /// </summary>
        public string Discard()
        {
            if (State != Idle)
            {
                return "an update check is running";
            }
            int was = Record.State;
            if (was != BootRecord.Ready && was != BootRecord.Apply)
            {
                return was == BootRecord.Trying ? "the staged set is being started; it cannot be discarded" : "no update is staged";
            }
            string slot = Record.Staged, version = Record.StagedVersion;
            int bytes = Record.StagedBytes;
            Record.Forget();
            string error = _store.Save(Record);
            if (error != null)
            {
                Record.Staged = slot;
                Record.StagedVersion = version;
                Record.StagedBytes = bytes;
                Record.State = was;
                return error;
            }
            LastResult = "version " + version + " discarded";
            LastFailed = false;
            Changed?.Invoke();
            return null;
        }

        /// <summary>The loader's record after a (simulated) restart.</summary>
        public void Reload(BootRecord record)
        {
            Record = record;
            Changed?.Invoke();
        }

        /// <summary>One loop turn.</summary>
        public void Poll(long nowMs)
        {
            if (State == Idle)
            {
                return;
            }
            try
            {
                int r = _fetch.Poll(nowMs);
                if (r == HttpFetch.Failed)
                {
                    Finish((State == FetchingManifest ? "manifest: " : _manifest.Names[FileIndex] + ": ") + _fetch.Error);
                }
                else if (r == HttpFetch.Done && State == FetchingManifest)
                {
                    Manifest(nowMs);
                }
                else if (r == HttpFetch.Done)
                {
                    string error = _fetch.Status != 200 ? "HTTP " + _fetch.Status.ToString() : _writer.End();
                    _fetch.Release();
                    if (error != null)
                    {
                        Finish(_manifest.Names[FileIndex] + ": " + error);
                        return;
                    }
                    FileIndex++;
                    NextFile(nowMs);
                }
            }
            catch (Exception ex)
            {
                // The flash failed under us: what was written is not in the record, so nothing starts it.
                Finish("flash: " + ex.Message);
            }
        }

        string IHttpBodySink.Begin(long length)
        {
            if (State == FetchingManifest)
            {
                // The fetch's failure is said with "manifest: " before it (Poll).
                return length > UpdateManifest.MaxBytes ? "over " + UpdateManifest.MaxBytes.ToString() + " bytes" : null;
            }
            int size = _manifest.Sizes[FileIndex];
            if (length != size)
            {
                return "the server sends " + length.ToString() + " bytes, the manifest says " + size.ToString();
            }
            _writer.Begin(_slot, _manifest, FileIndex);
            return null;
        }

        string IHttpBodySink.Write(byte[] data, int offset, int count)
        {
            if (State == FetchingManifest)
            {
                Array.Copy(data, offset, _manifestBytes, _manifestLength, count);
                _manifestLength += count;
                return null;
            }
            return _writer.Write(data, offset, count);
        }

        private void Manifest(long nowMs)
        {
            if (_fetch.Status != 200)
            {
                Finish("manifest: HTTP " + _fetch.Status.ToString());
                return;
            }
            _fetch.Release();
            UpdateManifest m = UpdateManifest.Parse(_manifestBytes, _manifestLength, _key, out string error);
            if (m == null)
            {
                Finish(error);
                return;
            }
            Offered = m.Version;
            if (m.Version == Record.ActiveVersion)
            {
                Finish(null, "up to date: version " + m.Version + " runs");
                return;
            }
            if (Record.State != BootRecord.None && Record.StagedVersion == m.Version)
            {
                Finish(null, "version " + m.Version + " is already staged");
                return;
            }
            string failed = "version " + m.Version + BootRecordStore.NotConfirmed;
            if (Record.Failure.StartsWith(failed))
            {
                // Its slot still holds it whole: staged again, auto_update would start it at once, and a set that
                // crashes or hangs at start had the phone fall back, check, start it and fall back for ever.
                Finish(failed + " before: not started again (publish the fixed set as another version)");
                return;
            }
            _manifest = m;
            _slot = Record.FreeSlot;
            if (Record.Staged == _slot)
            {
                // An older staged set is overwritten: first the record forgets it, so a cut never leaves it named.
                Record.Forget();
                string saved = _store.Save(Record);
                if (saved != null)
                {
                    Finish(saved);
                    return;
                }
            }
            _writer = new SlotWriter(_medium, _key);
            FileIndex = 0;
            State = FetchingFile;
            NextFile(nowMs);
        }

        private void NextFile(long nowMs)
        {
            while (FileIndex < _manifest.Names.Length && _writer.Holds(_slot, _manifest, FileIndex))
            {
                FileIndex++;
            }
            if (FileIndex < _manifest.Names.Length)
            {
                string error = Fetch(FileUrl(_manifest.Names[FileIndex]), nowMs, this);
                if (error != null)
                {
                    Finish(error);
                }
                return;
            }
            // Every file is whole and verified: the manifest goes with them, then the record names the slot.
            _medium.Write(SlotWriter.FileName(_slot, ManifestName), _manifestBytes, 0, _manifestLength);
            Record.Staged = _slot;
            Record.StagedVersion = _manifest.Version;
            Record.StagedBytes = _manifest.TotalBytes;
            Record.State = BootRecord.Ready;
            Record.Failure = "";
            string saved = _store.Save(Record);
            if (saved != null)
            {
                Record.Forget();
            }
            Finish(saved, "version " + _manifest.Version + " staged and verified in slot " + _slot);
        }

        /// <summary>A file of the set sits next to the manifest: same server, same folder.</summary>
        private ProvisioningUrl FileUrl(string name)
        {
            string target = _url.Target;
            int query = target.IndexOf('?');
            string path = query < 0 ? target : target.Substring(0, query);
            string folder = path.Substring(0, path.LastIndexOf('/') + 1);
            return ProvisioningUrl.Parse(_url.Origin + folder + name, null, out string ignored);
        }

        private string Fetch(ProvisioningUrl url, long nowMs, IHttpBodySink sink)
        {
            if (State == FetchingManifest)
            {
                _manifestBytes = new byte[UpdateManifest.MaxBytes];
                _manifestLength = 0;
                sink = this;
            }
            if (_fetch.Start(url, nowMs, sink) == HttpFetch.Failed)
            {
                string error = (State == FetchingManifest ? "manifest: " : _manifest.Names[FileIndex] + ": ") + _fetch.Error;
                Finish(error);
                return error;
            }
            return null;
        }

        private void Finish(string error) => Finish(error, null);

        private void Finish(string error, string result)
        {
            _fetch.Release();
            State = Idle;
            LastFailed = error != null;
            LastResult = error ?? result;
            _manifest = null;
            _manifestBytes = null;
            _writer = null;
            Changed?.Invoke();
        }
    }
}
