using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Presence;
using DeskPhone.Firmware.Status;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// The phone's menus and lists: Menu opens the main menu (own status, notifications, keyboard lock); Down on the
    /// idle screen opens the notification list; Up and Down move, OK chooses (a notification opens its
    /// explanation), Cancel goes back. The own-status menu offers only the states a user may choose.
    /// </summary>
    public sealed class ScreenMenus : IKeyConsumer
    {
        public const int Closed = 0;
        public const int Main = 1;
        public const int OwnStatus = 2;
        public const int Notifications = 3;
        public const int Explain = 4;

        private static readonly int[] ManualStates = { PresenceState.Online, PresenceState.DoNotDisturb, PresenceState.AtTheDesk };
        private static readonly char[] NewLine = { '\n' };

        private readonly PhoneCore _phone;
        private int _selected;
        private int _explained;

        public ScreenMenus(PhoneCore phone)
        {
            _phone = phone;
        }

        public int View { get; private set; }

        public int Selected => _selected;

        public bool HandleKey(int keyCode, KeyAction action)
        {
            if (action != KeyAction.Press && action != KeyAction.Repeat)
            {
                return View != Closed;
            }
            if (View == Closed)
            {
                if (keyCode == KeyCode.Menu)
                {
                    Open(Main);
                    return true;
                }
                if (keyCode == KeyCode.Down && _phone.Statuses.NotificationCount > 0)
                {
                    Open(Notifications);
                    return true;
                }
                return false;
            }
            int count = Items().Length;
            switch (keyCode)
            {
                case KeyCode.Up:
                    _selected = _selected > 0 ? _selected - 1 : 0;
                    break;
                case KeyCode.Down:
                    _selected = _selected < count - 1 ? _selected + 1 : _selected;
                    break;
                case KeyCode.Ok:
                case KeyCode.Right:
                    Choose();
                    break;
                case KeyCode.Cancel:
                case KeyCode.Left:
                    Open(View == Explain ? Notifications : View == OwnStatus ? Main : Closed);
                    break;
                case KeyCode.Menu:
                    Open(Closed);
                    break;
            }
            _phone.Raise(PhoneEventKind.Screen, "menu");
            return true;
        }

        /// <summary>The title of what is open, or null when nothing is.</summary>
        public string Title()
        {
            switch (View)
            {
                case Main: return "Menu";
                case OwnStatus: return "Own status";
                case Notifications: return "Notifications (" + _phone.Statuses.NotificationCount.ToString() + ")";
                case Explain: return StatusCatalog.Name(_explained);
                default: return null;
            }
        }

        public string[] Items()
        {
            switch (View)
            {
                case Main:
                    return new[] { "Own status", "Notifications", _phone.Settings.GetBool("keyboard_lock") ? "Unlock keyboard" : "Lock keyboard" };
                case OwnStatus:
                    var states = new string[ManualStates.Length];
                    for (int i = 0; i < states.Length; i++)
                    {
                        states[i] = (ManualStates[i] == _phone.Presence.ManualChoice ? "* " : "  ") + PresenceState.Label(ManualStates[i]);
                    }
                    return states;
                case Notifications:
                    var list = new string[_phone.Statuses.NotificationCount];
                    for (int i = 0; i < list.Length; i++)
                    {
                        list[i] = StatusCatalog.Description(_phone.Statuses.Notification(i));
                    }
                    return list;
                case Explain:
                    return _phone.Statuses.Explain(_explained, _phone.Now).Split(NewLine);
                default:
                    return new string[0];
            }
        }

        private void Choose()
        {
            switch (View)
            {
                case Main:
                    if (_selected == 0)
                    {
                        Open(OwnStatus);
                    }
                    else if (_selected == 1)
                    {
                        Open(Notifications);
                    }
                    else
                    {
                        _phone.Settings.Set("keyboard_lock", 0, _phone.Settings.GetBool("keyboard_lock") ? "off" : "on");
                        Open(Closed);
                    }
                    break;
                case OwnStatus:
                    _phone.ChoosePresence(ManualStates[_selected], _phone.Now);
                    Open(Closed);
                    break;
                case Notifications:
                    if (_selected < _phone.Statuses.NotificationCount)
                    {
                        _explained = _phone.Statuses.Notification(_selected);
                        Open(Explain);
                    }
                    break;
            }
        }

        private void Open(int view)
        {
            View = view;
            _selected = 0;
        }
    }
}
