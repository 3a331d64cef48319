using System;
using System.Text;
using DeskPhone.Firmware.Messages;
using DeskPhone.Firmware.Phone;
using DeskPhone.Firmware.Presence;
using DeskPhone.Firmware.Status;
using DeskPhone.Firmware.Settings;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// The idle screen as text, region by region, read straight from the phone core: `[status]` (the scheduler's
    /// status line, or date and time), `[identity]` (user and own status, "!" for a lost registration), `[popup]`,
    /// `[message]` (the desktop message, one entry per line), `[infobox]` (icon and text per line) and `[notice]`
    /// (the other show-directly messages). The bench `screen` command and the HIL suite read it.
    /// </summary>
    public sealed class StateScreen : IScreenSource
    {
        private readonly PhoneCore _phone;
        private readonly WallClock _clock;

        public StateScreen(PhoneCore phone, WallClock clock)
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
            if (line != StatusScheduler.NoMessage)
            {
                sb.Append(StatusCatalog.Description(line)).Append(Param(line));
            }
            else if (clock)
            {
                AppendDate(sb, _clock());
            }
            sb.Append('\n');
            int identity = _phone.CurrentIdentity;
            sb.Append("[identity] ").Append(_phone.Settings.Get(SettingNames.UserName, identity));
            sb.Append(" - ").Append(PresenceState.Label(_phone.Presence.State));
            if (_phone.Presence.LostRegistration)
            {
                sb.Append(" !");
            }
            var menus = _phone.KeyConsumer as ScreenMenus;
            string title = menus == null ? null : menus.Title();
            if (title != null)
            {
                sb.Append("\n[menu] ").Append(title);
                string[] items = menus.Items();
                for (int i = 0; i < items.Length; i++)
                {
                    sb.Append(i == menus.Selected ? "\n[item] > " : "\n[item]   ").Append(items[i]);
                }
            }
            int popUp = _phone.Statuses.PopUp;
            if (popUp != StatusScheduler.NoMessage)
            {
                sb.Append("\n[popup] ").Append(StatusCatalog.Description(popUp)).Append(Param(popUp));
            }
            string text = _phone.Desktop.Text;
            if (text != null)
            {
                sb.Append("\n[message] ");
                char[] chars = text.ToCharArray(); // not text[i]: see SettingsPayload
                for (int i = 0; i < chars.Length; i++)
                {
                    if (chars[i] == '\n')
                    {
                        sb.Append("\n[message] ");
                    }
                    else
                    {
                        sb.Append(chars[i]);
                    }
                }
            }
            if (box != null)
            {
                for (int i = 0; i < box.LineCount; i++)
                {
                    sb.Append("\n[infobox] <").Append(InfoBoxIcons.Name(box.LineIcon(i))).Append("> ").Append(box.LineText(i));
                }
            }
            long now = _phone.Now;
            int notices = _phone.Statuses.ShowDirectlyCount(now);
            for (int i = 0; i < notices; i++)
            {
                int id = _phone.Statuses.ShowDirectly(i, now);
                if (id != line)
                {
                    sb.Append("\n[notice] ").Append(StatusCatalog.Description(id)).Append(Param(id));
                }
            }
            return sb.ToString();
        }

        public byte[] GetScreenPng() => null;

        private string Param(int id)
        {
            string p = _phone.Statuses.ParamOf(id);
            return p == null ? "" : " (" + p + ")";
        }

        /// <summary>"Tue 24 Nov 10:15" (nanoFramework formats only D, F, G, N and X, so by hand).</summary>
        private static void AppendDate(StringBuilder sb, DateTime t)
        {
            sb.Append(DateText.Day((int)t.DayOfWeek)).Append(' ').Append(DateText.Two(t.Day)).Append(' ').Append(DateText.Month(t.Month));
            sb.Append(' ').Append(DateText.Two(t.Hour)).Append(':').Append(DateText.Two(t.Minute));
        }
    }
}
