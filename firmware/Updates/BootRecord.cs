using System.Text;
using DeskPhone.Sip.Text;

namespace DeskPhone.Firmware.Updates
{
    /// <summary>
    /// What the loader starts (docs/updates.md, "Boot record"): the active set (<see cref="Active"/>: "" for the set
    /// nanoff deployed, else slot "a" or "b") and a staged one with its <see cref="State"/>. Stored as
    /// <c>name=value</c> lines in the two copies of <see cref="BootRecordStore"/>.
    /// </summary>
    public sealed class BootRecord
    {
        /// <summary>Nothing staged (or a staging not finished: its slot is ignored).</summary>
        public const int None = 0;
        /// <summary>The staged set is whole and verified; waits for the policy or the user.</summary>
        public const int Ready = 1;
        /// <summary>Apply at the next start.</summary>
        public const int Apply = 2;
        /// <summary>The loader started the staged set; it becomes active when the phone confirms a good start.</summary>
        public const int Trying = 3;

        public string Active = "";
        public string ActiveVersion = "";
        public string Staged = "";
        public string StagedVersion = "";

        /// <summary>The staged set's size in bytes, all its files (what the web interface's update view shows).</summary>
        public int StagedBytes;

        public int State;

        /// <summary>The last failure the phone reports (FirmwareUpdateFailed), "" when none.</summary>
        public string Failure = "";

        /// <summary>Names no staged set any more (its files stay in the slot until the next staging replaces them).</summary>
        public void Forget()
        {
            Staged = "";
            StagedVersion = "";
            StagedBytes = 0;
            State = None;
        }

        /// <summary>The slot a new set is written to: never the active one.</summary>
        public string FreeSlot => Active == "a" ? "b" : "a";

        public byte[] Encode()
        {
            var sb = new StringBuilder();
            sb.Append("active=").Append(Active).Append('\n');
            sb.Append("active_version=").Append(ActiveVersion).Append('\n');
            sb.Append("staged=").Append(Staged).Append('\n');
            sb.Append("staged_version=").Append(StagedVersion).Append('\n');
            sb.Append("staged_bytes=").Append(StagedBytes.ToString()).Append('\n');
            sb.Append("state=").Append(State.ToString()).Append('\n');
            // The failure is our own text, one line.
            sb.Append("failure=").Append(Failure).Append('\n');
            return Encoding.UTF8.GetBytes(sb.ToString());
        }

        /// <summary>The record in data[16..16+length) (a slot's payload); unknown lines are skipped.</summary>
        public static BootRecord Decode(byte[] data, int offset, int length)
        {
            var r = new BootRecord();
            string[] lines = Encoding.UTF8.GetString(data, offset, length).Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                int eq = lines[i].IndexOf('=');
                if (eq < 0)
                {
                    continue;
                }
                string name = lines[i].Substring(0, eq);
                string value = lines[i].Substring(eq + 1);
                if (name == "active") r.Active = Slot(value);
                else if (name == "active_version") r.ActiveVersion = value;
                else if (name == "staged") r.Staged = Slot(value);
                else if (name == "staged_version") r.StagedVersion = value;
                else if (name == "staged_bytes") r.StagedBytes = (int)DecimalDigits.Parse(value, 9);
                else if (name == "state") r.State = value.Length == 1 && value[0] >= '0' && value[0] <= '3' ? value[0] - '0' : None;
                else if (name == "failure") r.Failure = value;
            }
            if (r.Staged.Length == 0 || r.Staged == r.Active)
            {
                r.Forget();
            }
            return r;
        }

        private static string Slot(string value) => value == "a" || value == "b" ? value : "";
    }
}
