using DeskPhone.Drivers.Input;
using DeskPhone.Domain.Calls;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Status;
using DeskPhone.Ui.Rendering;
using DeskPhone.Domain.Settings;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// The phone's menus and lists: Menu opens the main menu (own status, notifications, network, identities,
    /// keyboard lock); on the idle screen Up and Down page a long desktop message, and Down past its last page opens
    /// the notification list; in a list Up and Down move, OK chooses (a notification opens its explanation, an
    /// identity its details), Cancel goes back; every key that changes what is shown (opening a list included) raises
    /// a Screen event, which marks the screen for the next loop turn. The own-status menu offers
    /// only the states a user may choose; the network and identity views are read-only, for a technician.
    /// </summary>
    public sealed partial class ScreenMenus
    {
        public const int Closed = 0;
        public const int Main = 1;
        public const int OwnStatus = 2;
        public const int Notifications = 3;
        public const int Explain = 4;
        public const int Network = 5;
        public const int Identities = 6;
        public const int IdentityDetail = 7;
        public const int CallLists = 8;
        public const int CallListView = 9;

        private const int MainOwnStatus = 0;
        private const int MainNotifications = 1;
        private const int MainNetwork = 2;
        private const int MainIdentities = 3;
        private const int MainLock = 4;
        private const int MainCallLists = 5;

        // The own-status menu's rows: online, do not disturb, at the desk. Code, not a static array (nanoFramework builds
        // every static array at boot and keeps it: 48 B with its slot).
        private const int ManualStates = 3;

        private static int ManualState(int row) =>
            row == 0 ? PresenceState.Online : row == 1 ? PresenceState.DoNotDisturb : PresenceState.AtTheDesk;

        private readonly PhoneCore _phone;
        private int _selected;
        // What the detail view open shows: the status explained (Explain), the identity (IdentityDetail) or the call list
        // (CallListView: 0 missed, 1 received, 2 dialled). Set as the view opens and read only in it or leaving it: one
        // field for the three (docs/benchmarks.md, h-firmrest).
        private int _subject;

        public ScreenMenus(PhoneCore phone)
        {
            _phone = phone;
        }

        public int View { get; private set; }

        public bool IsOpen => View != Closed;

        public int Selected => _selected;

        /// <summary>Characters a list row shows on the display (0: unknown); longer read-only rows (network, identities, explain) wrap.</summary>
        public int Columns;

        /// <summary>The call layer, whose lists the Call lists entry shows (null: no such entry).</summary>
        public PhoneCalls Calls;

        /// <summary>The screen whose desktop message Up and Down page through while no menu is open (null: none).</summary>
        public IdleScreen Pages;

        public bool HandleKey(int keyCode, KeyAction action)
        {
            if (action != KeyAction.Press && action != KeyAction.Repeat)
            {
                return View != Closed;
            }
            if (View == Closed)
            {
                // The Directory key opens the call lists: the phone keeps no phone book, and they hold the numbers it knows
                // (before, the key did nothing).
                if (keyCode == KeyCode.Menu || keyCode == KeyCode.Directory && Calls != null)
                {
                    Open(keyCode == KeyCode.Menu ? Main : CallLists);
                    _phone.Raise(PhoneEventKind.Screen, "menu");
                    return true;
                }
                // A long desktop message pages first; past its last page Down opens the notifications as before.
                if ((keyCode == KeyCode.Down || keyCode == KeyCode.Up) && Pages != null
                    && Pages.ShowMessagePage(Pages.MessagePage + (keyCode == KeyCode.Down ? 1 : -1)))
                {
                    _phone.Raise(PhoneEventKind.Screen, "page " + (Pages.MessagePage + 1).ToString());
                    return true;
                }
                if (keyCode == KeyCode.Down && _phone.Statuses.NotificationCount > 0)
                {
                    Open(Notifications);
                    _phone.Raise(PhoneEventKind.Screen, "menu");
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
                    Back();
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
            // One exit: a return per case made nanoFramework's MetadataProcessor count a stack slot per case in the
            // frame of every call (docs/benchmarks.md, h-frames).
            string title;
            switch (View)
            {
                case Main: title = "Menu"; break;
                case OwnStatus: title = "Own status"; break;
                case Notifications: title = "Notifications (" + _phone.Statuses.NotificationCount.ToString() + ")"; break;
                case Explain: title = StatusCatalog.Name(_subject); break;
                case Network: title = "Network"; break;
                case Identities: title = "Identities"; break;
                case IdentityDetail: title = "Identity " + _subject.ToString(); break;
                case CallLists: title = "Call lists"; break;
                case CallListView: title = ListName(_subject); break;
                default: title = null; break;
            }
            return title;
        }

        public string[] Items()
        {
            // One array and one exit: a switch section's locals share the whole switch's scope (a slot each) and a
            // return per case made nanoFramework's MetadataProcessor count a stack slot per case (docs/benchmarks.md,
            // h-frames), both in the frame every call takes.
            string[] items;
            switch (View)
            {
                case Main:
                    items = new string[Calls == null ? 5 : 6];
                    items[0] = "Own status";
                    items[1] = "Notifications";
                    items[2] = "Network";
                    items[3] = "Identities";
                    items[4] = _phone.Settings.GetBool(SettingNames.KeyboardLock) ? "Unlock keyboard" : "Lock keyboard";
                    if (Calls != null)
                    {
                        items[5] = "Call lists";
                    }
                    break;
                case CallLists:
                    items = new string[3];
                    for (int i = 0; i < items.Length; i++)
                    {
                        items[i] = ListName(i) + " (" + List(i).Count.ToString() + ")";
                    }
                    break;
                case CallListView:
                    items = CallRows(List(_subject), _subject == 1);
                    break;
                case OwnStatus:
                    items = new string[ManualStates];
                    for (int i = 0; i < items.Length; i++)
                    {
                        items[i] = (ManualState(i) == _phone.Presence.ManualChoice ? "* " : "  ") + PresenceState.Label(ManualState(i));
                    }
                    break;
                case Notifications:
                    items = new string[_phone.Statuses.NotificationCount];
                    for (int i = 0; i < items.Length; i++)
                    {
                        items[i] = StatusCatalog.Description(_phone.Statuses.Notification(i));
                    }
                    break;
                case Explain:
                    items = Rows(_phone.Statuses.Explain(_subject, _phone.Now), Columns);
                    break;
                case Network:
                    items = NetworkRows(_phone, Columns);
                    break;
                case Identities:
                    int[] configured = Configured(_phone);
                    if (configured.Length == 0)
                    {
                        items = new[] { "No identity configured" };
                        break;
                    }
                    items = new string[configured.Length];
                    for (int i = 0; i < items.Length; i++)
                    {
                        items[i] = IdentityRow(_phone, configured[i], Columns);
                    }
                    break;
                case IdentityDetail:
                    items = IdentityDetails(_phone, _subject, Columns);
                    break;
                default:
                    items = new string[0];
                    break;
            }
            return items;
        }

        private void Choose()
        {
            switch (View)
            {
                case Main:
                    if (_selected == MainOwnStatus)
                    {
                        Open(OwnStatus);
                    }
                    else if (_selected == MainNotifications)
                    {
                        Open(Notifications);
                    }
                    else if (_selected == MainNetwork)
                    {
                        Open(Network);
                    }
                    else if (_selected == MainIdentities)
                    {
                        Open(Identities);
                    }
                    else if (_selected == MainLock)
                    {
                        _phone.Settings.Set(SettingNames.KeyboardLock, 0, _phone.Settings.GetBool(SettingNames.KeyboardLock) ? "off" : "on");
                        Open(Closed);
                    }
                    else
                    {
                        Open(CallLists);
                    }
                    break;
                case CallLists:
                    _subject = _selected;
                    if (_subject == 0)
                    {
                        // Looking at the missed calls is seeing them (PhoneHasMissedCalls and CanceledCall go).
                        Calls.ClearMissed(_phone.Now);
                    }
                    Open(CallListView);
                    break;
                case CallListView:
                    CallRecord record = List(_subject).Get(_selected);
                    if (record != null)
                    {
                        // Calls back (or again) from the current identity.
                        string error;
                        Calls.Dial(_phone.CurrentIdentity, record.Remote, _phone.Now, out error);
                        Open(Closed);
                    }
                    break;
                case OwnStatus:
                    _phone.ChoosePresence(ManualState(_selected), _phone.Now);
                    Open(Closed);
                    break;
                case Notifications:
                    if (_selected < _phone.Statuses.NotificationCount)
                    {
                        _subject = _phone.Statuses.Notification(_selected);
                        Open(Explain);
                    }
                    break;
                case Identities:
                    int[] configured = Configured(_phone);
                    if (_selected < configured.Length)
                    {
                        _subject = configured[_selected];
                        Open(IdentityDetail);
                    }
                    break;
            }
        }

        private void Back()
        {
            switch (View)
            {
                case Explain:
                    Open(Notifications);
                    break;
                case CallListView:
                    Open(CallLists);
                    _selected = _subject;
                    break;
                case OwnStatus:
                case Network:
                case Identities:
                case CallLists:
                    int entry = View == OwnStatus ? MainOwnStatus : View == Network ? MainNetwork : View == Identities ? MainIdentities : MainCallLists;
                    Open(Main);
                    _selected = entry;
                    break;
                case IdentityDetail:
                    Open(Identities);
                    int[] configured = Configured(_phone);
                    for (int i = 0; i < configured.Length; i++)
                    {
                        if (configured[i] == _subject)
                        {
                            _selected = i;
                        }
                    }
                    break;
                default:
                    Open(Closed);
                    break;
            }
        }

        private static string ListName(int list) => list == 0 ? "Missed calls" : list == 1 ? "Received calls" : "Dialled calls";

        private CallList List(int list) => list == 0 ? Calls.Missed : list == 1 ? Calls.Received : Calls.Dialled;

        private void Open(int view)
        {
            View = view;
            _selected = 0;
        }
    }
}
