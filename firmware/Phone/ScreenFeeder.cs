using System;
using DeskPhone.Drivers.Leds;
using DeskPhone.Drivers.Network;
using DeskPhone.Domain.Calls;
using DeskPhone.Domain.Messages;
using DeskPhone.Domain.Presence;
using DeskPhone.Domain.Status;
using DeskPhone.Ui.Rendering;
using DeskPhone.Domain.Settings;

namespace DeskPhone.Firmware.Phone
{
    /// <summary>
    /// Composes the phone's state into the screen model (<see cref="IdleScreen"/>) and has it drawn, once per loop
    /// turn and only when something changed: every phone event (a message, a status, a key, a menu, registration,
    /// presence, LEDs, settings) only sets a dirty flag, and <see cref="Tick"/>, called by <c>PhoneApp.Poll</c> after
    /// the SIP handling, composes when the flag says so (a new minute alone only sets the clock, when the status line
    /// shows it; a call's new second alone only the call screen) and renders the regions that changed.
    /// So nothing is drawn inside SIP request handling (the answer goes out first), a MESSAGE that raises two events
    /// is composed once, and a bench request sees the screen as last drawn. The screen's setters ignore equal values,
    /// so only changed regions are redrawn; an open list is compared row by row, so an event that leaves it as it was
    /// does not redraw it; the Ethernet driver's address and readiness changes, which raise no phone event, mark the
    /// network view while it is open. While a call is live or a number is dialled the call screen
    /// (domain/Calls/CallDisplay: lines, audio device, softkeys) takes the message area, and a connected call's duration
    /// sets the call screen alone every second.
    /// </summary>
    public sealed class ScreenFeeder
    {
        private readonly PhoneCore _phone;
        /// <summary>The screen model, as last composed and drawn.</summary>
        public readonly IdleScreen Screen;
        private readonly WallClock _clock;
        public readonly ScreenMenus Menus;
        // The minute count (high 32 bits: ticks / TicksPerMinute fits them until the year 6000) and the connected call's
        // second (low 32 bits; -1 without one) last composed: one field, not two (docs/benchmarks.md h-restfields).
        private long _shownTimes = -1;
        // DirtyBit: a phone event marked the screen since the last composition; SettingsBit: a setting changed since then
        // (both at first). One field, not two (docs/benchmarks.md, h-firmrest). Above them the settings the composition
        // reads, by table position (resolved once: the table is compiled in, so a position never changes; a read by name
        // walks the name string in a binary search on the device): user_name's from NameShift, fkey's from FkeyShift, 12
        // bits each (one field more was 12 B, h-restfields).
        private int _marks = DirtyBit | SettingsBit;
        private const int DirtyBit = 1;
        private const int SettingsBit = 2;
        private const int NameShift = 8;
        private const int FkeyShift = 20;
        private const int OrdinalMask = 0xFFF;
        /// <summary>How long a redraw that ran out of heap waits before the next try.</summary>
        public const int RedrawBackOffMs = 1000;
        // The phone's time (ms) before which a failed redraw is not tried again.
        private long _redrawAt;
        private string[] _listShown;
        // The identity line as last made, and what it was made from: a composition after a MESSAGE or a status change
        // builds it and the function keys' labels again only when a setting changed (any: SettingsBinding raises the
        // settings event for every change after the boot's Load, SettingsBit) or the identity or presence did. The labels
        // are the screen's own, set only then (else the keys' colours alone): a copy here was an array of 120 B (h-firmrest).
        // Kept strings are not compared with each other: nanoCLR compares two string references by strcmp of their
        // texts (CLR_RT_HeapBlock::Compare_Values), which crashed the interpreter here in tests/Device.Cost.
        // Identity, presence and lost registration the identity line was made from, in one int.
        private int _identityMadeFrom = -1;
        private string _identityText;

        public ScreenFeeder(PhoneCore phone, IdleScreen screen, WallClock clock)
        {
            _phone = phone;
            Screen = screen;
            _clock = clock;
            Menus = new ScreenMenus(phone);
            _marks |= (phone.Settings.OrdinalOf(SettingNames.UserName) & OrdinalMask) << NameShift
                | (phone.Settings.OrdinalOf(SettingNames.Fkey) & OrdinalMask) << FkeyShift;
            DisplayProfile p = screen.Profile;
            Menus.Columns = p.Font.Fit(p.Width - 3 * p.Margin);
            Menus.Pages = screen;
            phone.Menus = Menus;
            // A setting's change is a phone event too (SettingsBinding's, after every change): no handler of the store's
            // own (a delegate and a slot of its list, 48 B).
            phone.Event += (kind, detail) => _marks |= kind == PhoneEventKind.Settings ? DirtyBit | SettingsBit : DirtyBit;
            // Every status change, not only the status events (those come when the status line or the pop-up change):
            // the notices and the notification list show statuses below them.
            phone.Statuses.Changed += changes => _marks |= DirtyBit;
            if (phone.Drivers != null)
            {
                phone.Drivers.Ethernet.Changed += change =>
                {
                    if (change != EthernetChange.Unplugged)
                    {
                        NetworkChanged();
                    }
                };
            }
            Tick();
        }

        /// <summary>The call layer, whose live calls take the message area (CallDisplay); null: none.</summary>
        public PhoneCalls Calls;

        /// <summary>Something changed since the last composition (a phone event, the network view's address).</summary>
        public bool Dirty => (_marks & DirtyBit) != 0;

        /// <summary>
        /// From the main loop, after the SIP handling: composes the phone's state into the model when a phone event
        /// marked it (a new minute alone only sets the clock, a call's new second only the call screen); true when the
        /// regions that changed (a message page turned by a key included) are to be drawn now. The loop then calls
        /// <see cref="Screen"/>'s <see cref="IdleScreen.Render"/> at its own frame, not under this one (the redraw's glyph
        /// reads and band one frame shallower, 204 B: docs/benchmarks.md h-redraw5), and <see cref="Drawn"/>.
        /// </summary>
        public bool Tick()
        {
            // A time not known yet (no NTP answer, a clock never set, tests without one) is DateTime.MinValue: the
            // status line shows no clock then, and its minute never changes.
            DateTime now = _clock == null ? DateTime.MinValue : _clock();
            // A connected call's duration changes the screen every second.
            long callSecond = Calls == null ? -1 : CallDisplay.Second(Calls, _phone.Now);
            // The minute as a count (not DateTime.Minute): a clock that becomes known, or is set by NTP to a time an
            // hour away, at the same minute of the hour, is a change too.
            long minute = now.Ticks / TimeSpan.TicksPerMinute;
            if ((_marks & DirtyBit) != 0)
            {
                _marks &= ~DirtyBit;
                _shownTimes = minute << 32 | (uint)callSecond;
                Compose(now);
            }
            else
            {
                // Only the call's second changed (no phone event): its body alone, the call's lines with the new duration.
                // Composing everything again every second of a connected call made the status line's, the notices', the
                // identity's and the keys' texts anew each second (docs/benchmarks.md h-callsecond).
                if ((int)callSecond != (int)_shownTimes)
                {
                    ComposeBody(_phone.InfoBoxes.Current);
                }
                if (minute != _shownTimes >> 32 && _phone.Statuses.StatusLine == StatusScheduler.NoMessage)
                {
                    // Only the clock changes with the minute: composing the rest again made its texts anew every minute
                    // (several KB of garbage a minute in the interpreter's office profile, docs/benchmarks.md "h-noalloc"),
                    // and a status line showing a status has no clock to change.
                    Screen.SetStatusLine(ClockText(now, _phone.InfoBoxes.Current), 0);
                }
                _shownTimes = minute << 32 | (uint)callSecond;
            }
            // A redraw that found no heap (IdleScreen.Render keeps its regions marked) waits a second before the next try:
            // tried every turn, the connected call's screen made about 100 tries and thousands of collections a second
            // at the board's heap (docs/benchmarks.md, h-callscreen).
            return _phone.Now >= _redrawAt;
        }

        /// <summary>After <see cref="Tick"/>'s redraw: one that found no heap for all its regions is tried again
        /// <see cref="RedrawBackOffMs"/> later.</summary>
        public void Drawn()
        {
            if (Screen.Dirty != 0)
            {
                FailedRedraws++;
                _redrawAt = _phone.Now + RedrawBackOffMs;
            }
        }

        /// <summary>Redraws that ran out of heap (each tried again <see cref="RedrawBackOffMs"/> later); a field, as the
        /// class's other plain state (no accessor methods in the runtime tables).</summary>
        public int FailedRedraws;

        private void Compose(DateTime now)
        {
            StatusScheduler s = _phone.Statuses;
            InfoBox box = _phone.InfoBoxes.Current;
            int line = s.StatusLine;
            if (line != StatusScheduler.NoMessage)
            {
                Screen.SetStatusLine(Text(line, s.ParamOf(line)), StatusCatalog.Icon(line));
            }
            else
            {
                Screen.SetStatusLine(ClockText(now, box), 0);
            }
            Screen.SetIdentity(IdentityText());
            int popUp = s.PopUp;
            Screen.SetPopUp(popUp == StatusScheduler.NoMessage ? null : Text(popUp, s.ParamOf(popUp)));
            ComposeNotices(line);
            ComposeBody(box);
            string title = Menus.Title();
            string[] items = title == null ? null : Menus.Items();
            if (items == null || !Same(items, _listShown))
            {
                _listShown = items;
            }
            Screen.SetList(title, _listShown, Menus.Selected);
            ComposeKeys();
            _marks &= ~SettingsBit;
        }

        /// <summary>The body under the notices: the call screen while a call is live, else the Infobox or the desktop
        /// message (after the notices: the call's rows are what they leave).</summary>
        private void ComposeBody(InfoBox box)
        {
            CallDisplay call = Calls == null ? null : CallDisplay.Of(Calls, _phone.Now, Screen.CallRows);
            if (call != null)
            {
                Screen.SetCall(call.Lines, call.Icons, call.Softkeys);
            }
            else if (box != null)
            {
                ComposeInfoBox(box);
            }
            else
            {
                Screen.SetMessage(_phone.Desktop.Text);
            }
        }

        // The info box's and the function keys' parts of Compose in methods of their own: their loops' locals are not
        // in Compose's frame (frames.py: 13 locals, 348 B, under every setter's allocations).
        private void ComposeInfoBox(InfoBox box)
        {
            var lines = new string[box.LineCount];
            var icons = new int[box.LineCount];
            for (int i = 0; i < lines.Length; i++)
            {
                lines[i] = box.LineText(i);
                icons[i] = box.LineIcon(i);
            }
            Screen.SetInfoBox(lines, icons);
        }

        private void ComposeKeys()
        {
            int keys = Screen.Profile.FunctionKeyRows * IdleScreen.KeysPerRow;
            for (int k = 0; k < keys; k++)
            {
                int color = Rgb(_phone.Leds.ColorOf(LedMap.FunctionKey(k)));
                if ((_marks & SettingsBit) != 0)
                {
                    Screen.SetFunctionKey(k, KeyLabel.Of(_phone.Settings.GetAt(_marks >> FkeyShift & OrdinalMask, k + 1)), color);
                }
                else
                {
                    Screen.SetFunctionKeyColor(k, color);
                }
            }
        }

        /// <summary>"name - presence", " !" after it while a registration is lost; built again only when one changed.</summary>
        private string IdentityText()
        {
            int identity = _phone.CurrentIdentity;
            OwnPresence presence = _phone.Presence;
            int state = presence.State;
            bool lost = presence.LostRegistration;
            int key = identity | (state << 8) | (lost ? 1 << 16 : 0);
            if ((_marks & SettingsBit) != 0 || key != _identityMadeFrom)
            {
                _identityMadeFrom = key;
                _identityText = _phone.Settings.GetAt(_marks >> NameShift & OrdinalMask, identity) + " - " + PresenceState.Label(state) + (lost ? " !" : "");
            }
            return _identityText;
        }

        /// <summary>
        /// The show-directly messages still in their time, newest first, but the one the status line shows; only as
        /// many as the screen lists (the rest are in the notification list), so no text is made that is not drawn.
        /// </summary>
        private void ComposeNotices(int statusLine)
        {
            // Few locals (n counts the notices shown, then fills them; one loop counter): each notice's description is
            // made under this frame (300 B, office's StatusCatalog.Description collections on the 80,896-byte board,
            // docs/benchmarks.md screenmargin).
            StatusScheduler s = _phone.Statuses;
            long now = _phone.Now;
            int count = s.ShowDirectlyCount(now);
            int n = 0;
            int i;
            for (i = 0; i < count; i++)
            {
                if (s.ShowDirectly(i, now) != statusLine)
                {
                    n++;
                }
            }
            var texts = new string[n > Screen.MaxNoticeRows ? Screen.MaxNoticeRows : n];
            var icons = new int[texts.Length];
            n = 0;
            for (i = 0; i < count && n < texts.Length; i++)
            {
                // The status shown first in the notice's icon slot, then its icon: no local for its id.
                icons[n] = s.ShowDirectly(i, now);
                if (icons[n] != statusLine)
                {
                    texts[n] = Text(icons[n], s.ParamOf(icons[n]));
                    icons[n] = StatusCatalog.Icon(icons[n]);
                    n++;
                }
            }
            Screen.SetNotices(texts, icons);
        }

        /// <summary>The status line's clock, or "" while the time is not known or the Infobox shown hides it.</summary>
        private static string ClockText(DateTime now, InfoBox box) =>
            now != DateTime.MinValue && (box == null || box.ShowClock) ? NetworkTime.Clock(now) : "";

        /// <summary>
        /// A status's description and its parameter, "(...)", when it has one; a status-line system message is its
        /// text alone (its description only says that it is one).
        /// </summary>
        private static string Text(int id, string param)
        {
            if (id == StatusId.StatusLineSystemMessage && param != null)
            {
                return param;
            }
            // One concatenation of four (not one of two over another of three).
            string description = StatusCatalog.Description(id);
            return param == null ? description : description + " (" + param + ")";
        }

        private void NetworkChanged()
        {
            if (Menus.View == ScreenMenus.Network)
            {
                _marks |= DirtyBit;
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

        /// <summary>"blf sip:bob@pbx" shows as "bob"; keys that monitor nothing show nothing.</summary>
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
