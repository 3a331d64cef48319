using System;
using System.Text;
using DeskPhone.Firmware.Bench;
using DeskPhone.Firmware.Messages;
using DeskPhone.Firmware.Phone;
using DeskPhone.Firmware.Presence;
using DeskPhone.Firmware.Status;

namespace DeskPhone.Host.Sim
{
    /// <summary>
    /// The idle screen as text, region by region, read straight from the phone core: what the bench `screen`
    /// command and the HIL tests read while the simulator runs without a pixel renderer attached.
    /// </summary>
    public sealed class StateScreen : IScreenSource
    {
        private readonly PhoneCore _phone;
        private readonly Func<DateTime> _clock;

        public StateScreen(PhoneCore phone, Func<DateTime> clock)
        {
            _phone = phone;
            _clock = clock;
        }

        public string GetScreenText()
        {
            var sb = new StringBuilder();
            int line = _phone.Statuses.StatusLine;
            InfoBox box = _phone.InfoBoxes.Current;
            bool clock = box == null || box.ShowClock;
            sb.Append("[status] ");
            sb.Append(line == StatusScheduler.NoMessage
                ? (clock ? _clock().ToString("ddd dd MMM HH:mm") : "")
                : StatusCatalog.Description(line) + Param(line));
            sb.Append('\n');
            int identity = _phone.CurrentIdentity;
            sb.Append("[identity] ").Append(_phone.Settings.Get("user_name", identity));
            sb.Append(" - ").Append(PresenceState.Label(_phone.Presence.State));
            if (_phone.Presence.LostRegistration)
            {
                sb.Append(" !");
            }
            sb.Append('\n');
            int popUp = _phone.Statuses.PopUp;
            if (popUp != StatusScheduler.NoMessage)
            {
                sb.Append("[popup] ").Append(StatusCatalog.Description(popUp)).Append(Param(popUp)).Append('\n');
            }
            if (_phone.Desktop.Text != null)
            {
                sb.Append("[message] ").Append(_phone.Desktop.Text.Replace("\n", "\n[message] ")).Append('\n');
            }
            if (box != null)
            {
                for (int i = 0; i < box.LineCount; i++)
                {
                    sb.Append("[infobox] <").Append(InfoBoxIcons.Name(box.LineIcon(i))).Append("> ").Append(box.LineText(i)).Append('\n');
                }
            }
            for (int i = 0; i < _phone.Statuses.ShowDirectlyCount(_phone.Now); i++)
            {
                int id = _phone.Statuses.ShowDirectly(i, _phone.Now);
                if (id != line)
                {
                    sb.Append("[notice] ").Append(StatusCatalog.Description(id)).Append(Param(id)).Append('\n');
                }
            }
            return sb.ToString().TrimEnd('\n');
        }

        public byte[] GetScreenPng() => null;

        private string Param(int id)
        {
            string p = _phone.Statuses.ParamOf(id);
            return p == null ? "" : " (" + p + ")";
        }
    }
}
