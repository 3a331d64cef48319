using System;
using System.Collections;

namespace DeskPhone.Domain.Settings
{
    /// <summary>
    /// The two stored copies of the settings on the medium (<see cref="SettingsStore.SlotA"/> and
    /// <see cref="SettingsStore.SlotB"/>, each a <see cref="SettingsSlot"/>): which one is the newest good copy, and
    /// writing the next one to the other slot, so that a power cut mid-write leaves the previous copy intact.
    /// Not thread-safe: the store calls it under its lock.
    /// Its plain state (Current, Sequence) is public fields, not properties: no accessor method in the runtime tables,
    /// image and calls on the device (issue #17).
    /// </summary>
    public sealed class SettingsSlotPair
    {
        /// <summary>Where the slots are (null: nowhere).</summary>
        public readonly ISettingsMedium Medium;
        private readonly string _slotA;
        private readonly string _slotB;
        private bool _scanned;

        /// <param name="medium">null: nothing is ever read, and <see cref="DeleteBoth"/> has nothing to delete.</param>
        /// <param name="slotA">The first slot's name: the settings' unless given (the update's boot record,
        /// domain/Updates/BootRecordStore, names two others); an optional parameter, not an overload (h-domslim).</param>
        /// <param name="slotB">The second slot's name.</param>
        public SettingsSlotPair(ISettingsMedium medium, string slotA = SettingsStore.SlotA, string slotB = SettingsStore.SlotB)
        {
            Medium = medium;
            _slotA = slotA;
            _slotB = slotB;
        }

        /// <summary>The slot holding the newest good copy (null when none); the next write goes to the other one.</summary>
        public string Current;

        /// <summary>The newest good copy's sequence number (0 when none).</summary>
        public uint Sequence;

        /// <summary>Reads both slots and returns the newest intact one (null if none), remembering which it is.</summary>
        public byte[] ReadNewest(ArrayList problems, out int payloadLength)
        {
            byte[] a = ReadSlot(_slotA, problems, out uint seqA, out int lenA);
            byte[] b = ReadSlot(_slotB, problems, out uint seqB, out int lenB);
            // Serial-number order, not plain '>': after 2^32 saves the sequence wraps to 0, and that copy is the newer.
            bool useA = a != null && (b == null || SettingsSlot.IsNewer(seqA, seqB));
            byte[] chosen = useA ? a : b;
            Current = chosen == null ? null : (useA ? _slotA : _slotB);
            Sequence = chosen == null ? 0 : (useA ? seqA : seqB);
            _scanned = true;
            payloadLength = useA ? lenA : lenB;
            return chosen;
        }

        /// <summary>
        /// Writes the payload as the next copy to the slot not holding the newest good one and reads it back. Returns
        /// null on success, else what failed (the previous copy is still intact). Never throws.
        /// </summary>
        public string Write(byte[] payload) => WriteBlob(SettingsSlot.WithRoom(payload));

        /// <summary>
        /// As <see cref="Write"/>, for a blob whose payload already follows <see cref="SettingsSlot.HeaderBytes"/> of
        /// room: the header is filled in here (the settings store writes its payload straight into the blob).
        /// </summary>
        public string WriteBlob(byte[] blob)
        {
            if (!_scanned)
            {
                ReadNewest(new ArrayList(), out int ignored);
            }
            string target = Current == _slotA ? _slotB : _slotA;
            uint sequence = Sequence + 1;
            SettingsSlot.Seal(blob, sequence);
            try
            {
                Medium.Write(target, blob, 0, blob.Length);
                // Let go before the read-back, which is as large: on the device the two would not fit at once for a
                // large configuration (docs/benchmarks.md, "The settings' save").
                blob = null;
                byte[] back = Medium.Read(target);
                if (back == null || SettingsSlot.Check(back, out uint backSeq, out int backLen) != null || backSeq != sequence)
                {
                    return "settings: " + target + " did not read back intact; previous copy kept";
                }
            }
            catch (Exception ex)
            {
                return "settings: writing " + target + " failed (" + ex.Message + "); previous copy kept";
            }
            Current = target;
            Sequence = sequence;
            return null;
        }

        /// <summary>Deletes both copies (factory reset). Returns null, or why a copy could not be deleted.</summary>
        public string DeleteBoth()
        {
            if (Medium == null)
            {
                return null;
            }
            try
            {
                Medium.Delete(_slotA);
                Medium.Delete(_slotB);
                Current = null;
                return null;
            }
            catch (Exception ex)
            {
                // Sequence is kept, so a later save still outranks whatever copy survived.
                return "settings: deleting the stored copies failed (" + ex.Message + ")";
            }
        }

        private byte[] ReadSlot(string name, ArrayList problems, out uint sequence, out int payloadLength)
        {
            sequence = 0;
            payloadLength = 0;
            byte[] blob;
            try
            {
                blob = Medium == null ? null : Medium.Read(name);
            }
            catch (Exception ex)
            {
                problems.Add(name + ": unreadable (" + ex.Message + ")");
                return null;
            }
            if (blob == null)
            {
                return null;
            }
            string error = SettingsSlot.Check(blob, out sequence, out payloadLength);
            if (error != null)
            {
                problems.Add(name + ": " + error + ", ignored");
                sequence = 0;
                return null;
            }
            return blob;
        }
    }
}
