using System.Collections;
using DeskPhone.Domain.Settings;

namespace DeskPhone.Firmware.Updates
{
    /// <summary>
    /// The boot record's two copies on flash, like the settings' (<see cref="SettingsSlotPair"/>: header with
    /// sequence and CRC, the next copy written to the other slot and read back), so a power cut while it is written
    /// leaves the previous record in force. The record is switched only after the files it names are whole and verified.
    /// </summary>
    public sealed partial class BootRecordStore
    {
        public const string SlotA = "upd-boot-a.bin";
        public const string SlotB = "upd-boot-b.bin";

        private readonly SettingsSlotPair _slots;

        public BootRecordStore(IUpdateMedium medium)
        {
            _slots = new SettingsSlotPair(medium, SlotA, SlotB);
        }

        /// <summary>The newest intact record; a fresh one (the deployed set, nothing staged) when none is.</summary>
        public BootRecord Load()
        {
            byte[] blob = _slots.ReadNewest(new ArrayList(), out int length);
            return blob == null ? new BootRecord() : BootRecord.Decode(blob, SettingsSlot.HeaderBytes, length);
        }

        /// <summary>Writes the record as the next copy; null, or why not (the previous copy is then still in force).</summary>
        public string Save(BootRecord record)
        {
            string error = _slots.Write(record.Encode());
            return error == null ? null : "boot record: " + error;
        }
    }
}
