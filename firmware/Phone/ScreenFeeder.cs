using System;
using DeskPhone.Drivers.Leds;
using DeskPhone.Firmware.Messages;
using DeskPhone.Firmware.Presence;
using DeskPhone.Firmware.Status;
using DeskPhone.Ui.Rendering;
using DeskPhone.Firmware.Settings;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// Keeps the idle screen in step with the phone core: after every phone event it sets what changed (the
    /// screen's setters ignore equal values, so only changed regions are redrawn) and renders; between events it
    /// only watches the minute for the clock. An open list is compared row by row, so an event that leaves it as
    /// it was (a status change under the network view) does not redraw it; the Ethernet driver's address and
    /// readiness changes, which raise no phone event, redraw the network view while it is open.
    /// </summary>
    public sealed class ScreenFeeder
    {
        private readonly PhoneCore _phone;
        private readonly IdleScreen _screen;
        private readonly WallClock _clock;
        private readonly ScreenMenus _menus;
        private int _minute = -1;
        private string[] _listShown;

        public ScreenFeeder(PhoneCore phone, IdleScreen screen, WallClock clock)
        {
            _phone = phone;
            _screen = screen;
            _clock = clock;
            _menus = new ScreenMenus(phone);
            DisplayProfile p = screen.Profile;
            _menus.Columns = p.Font.Fit(p.Width - 3 * p.Margin);
            _menus.Pages = screen;
            phone.KeyConsumer = _menus;
            phone.Event += (kind, detail) => Update();
            if (phone.Drivers != null)
            {
                phone.Drivers.Ethernet.AddressChanged += address => NetworkChanged();
                phone.Drivers.Ethernet.NetworkLost += NetworkChanged;
                phone.Drivers.Ethernet.NetworkRestored += NetworkChanged;
            }
            Update();
        }

        public ScreenMenus Menus => _menus;

        /// <summary>From the main loop: redraws when the minute of the clock changes, else nothing.</summary>
        public void Tick()
        {
            DateTime now = _clock();
            if (now.Minute != _minute)
            {
                Update();
            }
        }

        public void Update()
        {
            DateTime now = _clock();
            _minute = now.Minute;
            StatusScheduler s = _phone.Statuses;
            InfoBox box = _phone.InfoBoxes.Current;
            int line = s.StatusLine;
            if (line != StatusScheduler.NoMessage)
            {
                string param = s.ParamOf(line);
                _screen.SetStatusLine(StatusCatalog.Description(line) + (param == null ? "" : " (" + param + ")"), StatusCatalog.Icon(line));
            }
            else
            {
                _screen.SetStatusLine(box == null || box.ShowClock ? Clock(now) : "", 0);
            }
            int identity = _phone.CurrentIdentity;
            _screen.SetIdentity(_phone.Settings.Get(SettingNames.UserName, identity) + " - " + PresenceState.Label(_phone.Presence.State) +
                                (_phone.Presence.LostRegistration ? " !" : ""));
            int popUp = s.PopUp;
            _screen.SetPopUp(popUp == StatusScheduler.NoMessage ? null : StatusCatalog.Description(popUp));
            if (box != null)
            {
                var lines = new string[box.LineCount];
                var icons = new int[box.LineCount];
                for (int i = 0; i < lines.Length; i++)
                {
                    lines[i] = box.LineText(i);
                    icons[i] = box.LineIcon(i);
                }
                _screen.SetInfoBox(lines, icons);
            }
            else
            {
                _screen.SetMessage(_phone.Desktop.Text);
            }
            string title = _menus.Title();
            string[] items = title == null ? null : _menus.Items();
            if (items == null || !Same(items, _listShown))
            {
                _listShown = items;
            }
            _screen.SetList(title, _listShown, _menus.Selected);
            int keys = _screen.Profile.FunctionKeyRows * IdleScreen.KeysPerRow;
            for (int k = 0; k < keys; k++)
            {
                _screen.SetFunctionKey(k, Label(_phone.Settings.Get(SettingNames.Fkey, k + 1)), Rgb(_phone.Leds.ColorOf(LedMap.FunctionKey(k))));
            }
            _screen.Render();
        }

        private void NetworkChanged()
        {
            if (_menus.View == ScreenMenus.Network)
            {
                Update();
            }
        }

        private static bool Same(string[] a, string[] b)
        {
            if (b == null || a.Length != b.Length)
            {
                return false;
            }
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }
            return true;
        }

        private static string Clock(DateTime t)
        {
            return DateText.Day((int)t.DayOfWeek) + " " + DateText.Two(t.Day) + "." + DateText.Two(t.Month) + ". " +
                   DateText.Two(t.Hour) + ":" + DateText.Two(t.Minute);
        }

        /// <summary>"blf sip:bob@pbx" shows as "bob"; keys that monitor nothing show nothing.</summary>
        private static string Label(string definition)
        {
            if (definition == null || definition.Length == 0 || definition == "none")
            {
                return null;
            }
            int colon = definition.IndexOf(':');
            int at = definition.IndexOf('@');
            if (colon >= 0 && at > colon)
            {
                return definition.Substring(colon + 1, at - colon - 1);
            }
            return definition;
        }

        private static int Rgb(LedColor color)
        {
            switch (color)
            {
                case LedColor.Red: return 0xF800;
                case LedColor.Green: return 0x07E0;
                case LedColor.Orange: return 0xFD20;
                case LedColor.Yellow: return 0xFFE0;
                case LedColor.Blue: return 0x001F;
                case LedColor.White: return 0xFFFF;
                default: return 0;
            }
        }
    }
}
