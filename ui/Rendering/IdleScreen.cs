using System.Text;
using DeskPhone.Ui.Icons;

namespace DeskPhone.Ui.Rendering
{
    /// <summary>
    /// The screen model and its renderer: status line (a status message with its icon, or the clock), identity line
    /// (user, own status, "!" for a lost registration), body (the desktop message wrapped and paged, "2/3", or the
    /// Infobox lines with icons, or the call screen's lines with the softkeys' labels in its last row; "..." marks text
    /// that does not fit; below them the show-directly notices with their icons), a list over the body (menus, notification list, explain view), a pop-up over the body, and the
    /// function-key labels with their LED colours.
    /// The setters lay the text out once, as it will be drawn (wrapped, paged, cut to the width with "..."), and keep
    /// it; the drawing code paints exactly those rows and <see cref="Describe"/> writes exactly those rows as text
    /// (the bench's /api/screen), so the picture and its description cannot differ. Each setter marks only its
    /// region; <see cref="Render"/> redraws and flushes only the marked regions, so a status-line change sends only
    /// the status line to the panel. A null panel keeps the model without drawing (a board without a display).
    /// </summary>
    public sealed class IdleScreen
    {
        public const int StatusRegion = 1;
        public const int IdentityRegion = 2;
        public const int BodyRegion = 4;
        public const int KeysRegion = 8;
        // Only some character cells of the body's rows changed: the call screen's duration each second. Which, above the
        // regions' bits of _dirty (no field of their own): first and last row (4 bits each: at most 10 body rows), first
        // and last column of the rows' text (7 bits each: at most 80 columns).
        private const int CellsRegion = 16;
        private const int Regions = 31;
        private const int CellsShift = 5;
        // Only some function keys' colours changed (a BLF key's state: each NOTIFY of office's 16 keys): their dots are
        // drawn alone, no label, no glyph read; which, in bit 16 of each key's entry of _keyColors (colours are RGB565).
        private const int KeyDots = 1 << 30;
        private const int DotToDraw = 1 << 16;
        // Only the notices' rows changed, as many as before (a status moving between the status line and the notices):
        // those rows are drawn alone, not the body with the call's rows and softkeys (h-redraw2).
        private const int NoticesRegion = 1 << 29;
        public const int KeysPerRow = 4;
        public const int MaxMessagePages = 8;

        /// <summary>Drawn at the top right of a list with more rows below.</summary>
        public const string ListMoreMark = "v";

        private readonly IPanel _panel;
        private readonly DisplayProfile _p;
        private string _statusText = "";
        // Four small values in one field, not four (36 B at rest, docs/benchmarks.md h-uirest): the status line's icon
        // (low 8 bits), the message page on screen (the next 8), the message was cut (bit 16) and the rows the last body
        // draw painted (10 bits from bit 20; starts at 1,000 so the first draw clears it all).
        private const int PageShift = 8;
        private const int MessageCutBit = 1 << 16;
        private const int RowsShownShift = 20;
        private int _small = 1000 << RowsShownShift;
        private string _identity = "";
        private string _body;
        private string[] _bodyLines = TextWrap.NoLines;
        private int[] _bodyIcons;

        private string[] _messageLines = TextWrap.NoLines;
        private string _bodyMark; // bottom-right of the body: the page ("2/3") and "..." where text was left out
        // What is seldom set (the pop-up, an Infobox's long lines): made by the first of them and let go once none is
        // set, one field where four were 48 B at every step (docs/benchmarks.md h-restcuts3). Not the body's mark: a
        // call's lines cut under the notices keep it for the whole call.
        private Rare _rare;
        // No notices: TextWrap.NoLines and no icons (null), not the caller's empty arrays nor new ones (24 B each, issue #17).
        // The rows as drawn (each text cut to its row) are made when drawn or described, not kept beside the texts
        // (office at rest: 288 B, issue #17, docs/benchmarks.md h-uirest); NoticeRows says how many are shown.
        private string[] _noticeTexts = TextWrap.NoLines;
        private int[] _noticeIcons;
        // The list over the body, made while one is shown (a menu is open): the idle screen keeps one field for it
        // instead of seven (nanoCLR: 12 B a field).
        private ShownList _list;
        // The call screen's softkey labels (null: no softkey row), each ended by '\n' (an empty one: an empty cell), in one
        // string: not the caller's array of them (an array and a string each: 120 B in office's call, 36 B as one text;
        // docs/benchmarks.md h-callrest2). The labels as drawn (cut to their cells) are made when drawn or described, not
        // kept (a copy outlived the call: 120 B at rest, h-uirest).
        private string _softkeys;
        // The function keys' labels in one text, in key order, each ended by '\n' (a key without a label: '\r'); null while
        // no key has one. A string per label and their array were 312 B at rest in office (8 labelled keys, docs/benchmarks.md
        // h-restfields). A label as drawn (cut to its cell) is made when the keys are drawn or described, not kept beside
        // it (96 B at rest, issue #17: the keys are drawn when one changes).
        private string _keyTexts;
        private readonly int[] _keyColors;
        private int _dirty = StatusRegion | IdentityRegion | BodyRegion | KeysRegion;

        public IdleScreen(IPanel panel, DisplayProfile profile)
        {
            _panel = panel;
            _p = profile;
            _keyColors = new int[profile.FunctionKeyRows * KeysPerRow];
        }

        public DisplayProfile Profile => _p;

        // The status line's and the identity's texts as drawn (cut to their room) are made when drawn or described, not
        // kept beside the texts (two fields, and a cut copy while one is too long, issue #17).
        private string StatusShown() => TextWrap.Fit(_statusText, _p.Font.Fit(_p.Width - StatusTextX - _p.Margin));

        private string IdentityShown() => TextWrap.Fit(_identity, Columns(0));

        /// <summary>Regions waiting to be drawn (changed cells of the body count as the body).</summary>
        public int Dirty => _dirty == 0 ? 0 : ((_dirty & CellsRegion) != 0 ? (_dirty & Regions & ~CellsRegion) | BodyRegion : _dirty & Regions) | ((_dirty & KeyDots) != 0 ? KeysRegion : 0) | ((_dirty & NoticesRegion) != 0 ? BodyRegion : 0);

        /// <summary>The status line: a message and its icon (icon 0 for the clock text).</summary>
        public void SetStatusLine(string text, int icon)
        {
            if (text == _statusText && icon == StatusIcon)
            {
                return;
            }
            _statusText = text ?? "";
            _small = (_small & ~0xFF) | (icon & 0xFF);
            _dirty |= StatusRegion;
        }

        public void SetIdentity(string text)
        {
            if (text == _identity)
            {
                return;
            }
            _identity = text ?? "";
            _dirty |= IdentityRegion;
        }

        /// <summary>
        /// The desktop message, wrapped to the body and shown from its first page; a message longer than the body is
        /// paged (<see cref="ShowMessagePage"/>) up to <see cref="MaxMessagePages"/> pages; null shows nothing.
        /// </summary>
        public void SetMessage(string text)
        {
            if (text == _body && _bodyIcons == null)
            {
                return;
            }
            _body = text;
            _bodyIcons = null;
            _softkeys = null;
            WrapMessage();
            ShowPage(0);
        }

        private void WrapMessage()
        {
            _messageLines = TextWrap.Wrap(_body, Columns(0), MessageRows() * MaxMessagePages, out bool cut);
            _small = cut ? _small | MessageCutBit : _small & ~MessageCutBit;
        }

        private int StatusIcon => _small & 0xFF;

        /// <summary>Pages of the desktop message (0 while the Infobox or nothing is shown).</summary>
        public int MessagePages => _body == null ? 0 : (_messageLines.Length + MessageRows() - 1) / MessageRows();

        /// <summary>The desktop message page on screen, from 0.</summary>
        public int MessagePage => _small >> PageShift & 0xFF;

        /// <summary>Shows page <paramref name="page"/> of the desktop message; false (nothing changes) when there is no such page.</summary>
        public bool ShowMessagePage(int page)
        {
            if (page < 0 || page >= MessagePages || page == MessagePage)
            {
                return false;
            }
            ShowPage(page);
            return true;
        }

        private void ShowPage(int page)
        {
            int rows = MessageRows();
            int first = page * rows;
            int count = _messageLines.Length - first;
            if (count > rows)
            {
                count = rows;
            }
            if (count < 0)
            {
                count = 0;
            }
            _bodyLines = count == 0 ? TextWrap.NoLines : new string[count];
            System.Array.Copy(_messageLines, first, _bodyLines, 0, count);
            _small = (_small & ~(0xFF << PageShift)) | page << PageShift;
            int pages = MessagePages;
            _bodyMark = pages > 1 ? (page + 1).ToString() + "/" + pages.ToString() : null;
            if ((_small & MessageCutBit) != 0 && page == pages - 1)
            {
                _bodyMark = _bodyMark + "...";
            }
            _dirty |= BodyRegion;
        }

        /// <summary>Infobox lines, each with an icon; a long line wraps into the next rows.</summary>
        public void SetInfoBox(string[] lines, int[] icons)
        {
            _softkeys = null;
            WrapInfo(lines, icons, false);
        }

        /// <summary>
        /// The call screen in the body instead of the message (domain/Calls/CallDisplay): its lines, each with its icon
        /// (drawn as Infobox lines, described as <c>[call]</c>), and the softkeys' labels in the body's last row (four
        /// cells, a null label leaves its cell empty; described as <c>[softkey N]</c>).
        /// </summary>
        public void SetCall(string[] lines, int[] icons, string[] softkeys)
        {
            // The same call screen with the same softkeys (its second): only the rows' changed cells are drawn. The labels
            // are kept as one text, as the function keys' are (PutLabel), compared with the new ones where they lie
            // and made again only when they differ: made at every compose, their builder and text were under the call
            // screen's wrap after each MESSAGE in office's call (docs/benchmarks.md h-screenturn).
            bool same = _softkeys != null && _body == null;
            if (!same || !SameLabels(softkeys))
            {
                // Labels with a character outside the BMP, which SameLabels cannot read, compared whole.
                string keys = Labels(softkeys);
                same &= keys == _softkeys;
                _softkeys = keys;
            }
            WrapInfo(lines, icons, same);
        }

        /// <summary>Whether <see cref="_softkeys"/> is <paramref name="softkeys"/>' text (PutLabel's), read with the
        /// indexers, nothing made. False at a surrogate too (nanoCLR's indexer gives the high one at a low one's index):
        /// such labels are made again and compared whole.</summary>
        private bool SameLabels(string[] softkeys)
        {
            string kept = _softkeys;
            int length = kept.Length;
            int at = 0;
            for (int i = 0; i < softkeys.Length; i++)
            {
                string label = softkeys[i];
                int n = label == null ? 0 : label.Length;
                if (at + n >= length)
                {
                    return false;
                }
                for (int k = 0; k < n; k++)
                {
                    char c = label[k];
                    if ((c >= 0xD800 && c <= 0xDFFF) || kept[at++] != (c == '\n' || c == '\r' ? ' ' : c))
                    {
                        return false;
                    }
                }
                if (kept[at++] != (label == null ? '\r' : '\n'))
                {
                    return false;
                }
            }
            return at == length;
        }

        /// <summary>The softkeys' labels as one text (PutLabel's), written into an array of its size: no builder, whose
        /// constructors were three frames and a copy under the answered call's compose (docs/benchmarks.md h-redraw5).</summary>
        private static string Labels(string[] softkeys)
        {
            int size = 0;
            for (int i = 0; i < softkeys.Length; i++)
            {
                size += (softkeys[i] == null ? 0 : softkeys[i].Length) + 1;
            }
            char[] all = new char[size];
            size = 0;
            for (int i = 0; i < softkeys.Length; i++)
            {
                size = PutLabel(all, size, softkeys[i]);
            }
            return new string(all);
        }

        /// <summary>The rows a call screen's lines get now: the body less the notices and the softkey row.</summary>
        public int CallRows => BodyLines() - NoticeRows - 1;

        /// <summary>Softkey <paramref name="i"/>'s label in the kept labels' characters as drawn: cut to its cell (null: an
        /// empty cell).</summary>
        private string SoftkeyShown(char[] all, int i)
        {
            string label = LabelIn(all, i);
            return label == null || label.Length == 0 ? null : TextWrap.Fit(label, _p.Font.Fit(_p.Width / KeysPerRow - 2 * _p.Margin));
        }

        /// <param name="patch">The body shows these rows' layout now (same softkeys, no message): when the new rows
        /// keep the rows' count, icons and mark, only their changed cells are marked (<see cref="MarkCells"/>).</param>
        private void WrapInfo(string[] lines, int[] icons, bool patch)
        {
            int rows = MessageRows();
            bool single = true;
            var wrapped = new string[rows];
            var wrappedIcons = new int[rows];
            int n = 0;
            bool overflow = false;
            for (int i = 0; i < lines.Length; i++)
            {
                // The line's rows straight into the screen's (no array of them per line); the first row has its icon.
                int added = TextWrap.Into(lines[i], Columns(IconStyle.Size + 2), rows - n, wrapped, n, ref overflow);
                single &= added == 1;
                if (added > 0)
                {
                    wrappedIcons[n] = icons[i];
                }
                n += added;
                if (n == rows && i < lines.Length - 1)
                {
                    overflow = true;
                    break;
                }
            }
            // Each line one row (nearly always): the rows are the lines and their icons, kept once (a relayout wraps the
            // rows again, the same rows); else the Infobox's lines are kept for it (office at rest: 84 B, h-uirest). The
            // call screen's are not: its feeder sets it again, lines and all, after the notices at every compose (a
            // relayout in between wraps the rows shown); office's call, its lines cut under four notices, held them and
            // their icons (132 B, docs/benchmarks.md h-callrest2).
            single &= !overflow && n == lines.Length;
            single |= _softkeys != null;
            if (!single)
            {
                Made().InfoLines = lines;
                _rare.InfoIcons = icons;
            }
            else if (_rare != null)
            {
                _rare.InfoLines = null;
                _rare.InfoIcons = null;
                Tidy();
            }
            // A screen cut under its overflow mark (office's call under four notices) patches its cells as well while the mark
            // stays: redrawn whole, every compose (each MESSAGE's status change, each second) drew the body again with all
            // its glyph blocks (docs/benchmarks.md, h-redraw2).
            if (patch && overflow == (_bodyMark != null) && _bodyIcons != null && n == _bodyLines.Length && MarkCells(wrapped, wrappedIcons))
            {
                return;
            }
            _bodyLines = n == 0 ? TextWrap.NoLines : new string[n];
            _bodyIcons = new int[n];
            // The message's rows are no longer shown: let them go (SetMessage wraps them again).
            _messageLines = TextWrap.NoLines;
            for (int i = 0; i < n; i++)
            {
                _bodyLines[i] = wrapped[i];
                _bodyIcons[i] = wrappedIcons[i];
            }
            _body = null;
            _bodyMark = overflow ? "..." : null;
            _dirty |= BodyRegion;
        }

        /// <summary>
        /// Takes the new rows of an unchanged layout (same rows, same icons) into the shown ones and marks the cells
        /// that differ (columns of a fixed-width font: the first to the last differing character, the longer row's
        /// end if their lengths differ), joined with any marked before; false (nothing taken) when an icon differs or
        /// the body waits to be drawn whole. A call screen's second redraws one or two digits' cells instead of the
        /// body: a band a few cells wide, two display-list calls (docs/benchmarks.md, h-redraw).
        /// </summary>
        private bool MarkCells(string[] rows, int[] icons)
        {
            if ((_dirty & BodyRegion) != 0 || _list != null || HasPopUp)
            {
                return false;
            }
            for (int i = 0; i < _bodyIcons.Length; i++)
            {
                if (icons[i] != _bodyIcons[i])
                {
                    return false;
                }
            }
            int cells = (_dirty & CellsRegion) != 0 ? _dirty >> CellsShift : -1;
            for (int i = 0; i < _bodyLines.Length; i++)
            {
                string was = _bodyLines[i];
                string now = rows[i];
                if ((object)was == (object)now || was == now)
                {
                    continue;
                }
                char[] a = was.ToCharArray();
                char[] b = now.ToCharArray();
                int first = 0;
                while (first < a.Length && first < b.Length && a[first] == b[first])
                {
                    first++;
                }
                int last = (a.Length > b.Length ? a.Length : b.Length) - 1;
                if (a.Length == b.Length)
                {
                    while (a[last] == b[last])
                    {
                        last--;
                    }
                }
                int top = i;
                int bottom = i;
                if (cells >= 0)
                {
                    // Joined with those marked before (by this call or an earlier one not drawn yet).
                    top = (cells & 15) < i ? cells & 15 : i;
                    bottom = (cells >> 4 & 15) > i ? cells >> 4 & 15 : i;
                    first = (cells >> 8 & 127) < first ? cells >> 8 & 127 : first;
                    last = (cells >> 15 & 127) > last ? cells >> 15 & 127 : last;
                }
                cells = top | bottom << 4 | first << 8 | last << 15;
                _bodyLines[i] = now;
            }
            if (cells >= 0)
            {
                _dirty = (_dirty & (Regions | KeyDots | NoticesRegion)) | CellsRegion | cells << CellsShift;
            }
            return true;
        }

        /// <summary>
        /// Shows a list over the body (menus, the notification list, the explain view): a title, items and the
        /// selected one, scrolled so that the selection is visible; null title hides it.
        /// </summary>
        public void SetList(string title, string[] items, int selected)
        {
            ShownList list = _list;
            if (title == null ? list == null : list != null && title == list.Title && items == list.Items && selected == list.Selected)
            {
                return;
            }
            _dirty |= BodyRegion;
            if (title == null)
            {
                _list = null;
                return;
            }
            if (list == null)
            {
                list = new ShownList();
            }
            list.Title = title;
            list.Items = items;
            list.Selected = selected;
            int rows = ListRows;
            list.First = selected >= rows ? selected - rows + 1 : 0;
            int count = items.Length - list.First;
            list.More = count > rows;
            list.Rows = new string[list.More ? rows : count < 0 ? 0 : count];
            for (int i = 0; i < list.Rows.Length; i++)
            {
                list.Rows[i] = TextWrap.Fit(items[list.First + i], _p.Font.Fit(_p.Width - 3 * _p.Margin));
            }
            _list = list;
            // The title stops short of the "more below" mark instead of running under it.
            list.TitleShown = TextWrap.Fit(title, _p.Font.Fit(_p.Width - 2 * _p.Margin - ListMarkWidth));
        }

        private int ListMarkWidth => _list != null && _list.More ? _p.Font.Width + _p.Margin : 0;

        /// <summary>
        /// The show-directly notices listed at the bottom of the body (under the message or the Infobox, one row each
        /// with its icon), newest first; as many as <see cref="MaxNoticeRows"/> allows, the rest are in the
        /// notification list. Changing how many are shown re-wraps the message into the rows left.
        /// </summary>
        public void SetNotices(string[] texts, int[] icons)
        {
            if (SameNotices(texts, icons))
            {
                return;
            }
            int before = _dirty;
            int shown = NoticeRows;
            bool none = texts.Length == 0;
            _noticeTexts = none ? TextWrap.NoLines : texts;
            _noticeIcons = none ? null : icons;
            if (shown != NoticeRows)
            {
                if (_bodyIcons != null)
                {
                    WrapInfo(_rare?.InfoLines ?? _bodyLines, _rare?.InfoIcons ?? _bodyIcons, false);
                }
                else
                {
                    int page = MessagePage;
                    WrapMessage();
                    ShowPage(page < MessagePages ? page : 0);
                }
            }
            // Under an open list the notices are not visible: the list's closing redraws the body anyway. As many rows as
            // before and no pop-up over them: those rows alone.
            _dirty = _list != null ? (_dirty & ~BodyRegion) | (before & BodyRegion)
                : shown == NoticeRows && !HasPopUp ? _dirty | NoticesRegion : _dirty | BodyRegion;
        }

        /// <summary>Rows the notices may take: half the body, so the message keeps the other half.</summary>
        public int MaxNoticeRows => BodyLines() / 2;

        /// <summary>Rows the notices take: one a notice, up to <see cref="MaxNoticeRows"/>.</summary>
        private int NoticeRows => _noticeTexts.Length < MaxNoticeRows ? _noticeTexts.Length : MaxNoticeRows;

        /// <summary>Notice <paramref name="i"/> as drawn: cut to its row beside the icon.</summary>
        private string NoticeShown(int i) => TextWrap.Fit(_noticeTexts[i], Columns(IconStyle.Size + 2));

        private bool SameNotices(string[] texts, int[] icons)
        {
            if (texts.Length != _noticeTexts.Length)
            {
                return false;
            }
            for (int i = 0; i < texts.Length; i++)
            {
                if (texts[i] != _noticeTexts[i] || icons[i] != _noticeIcons[i])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Rows a list can show at once on this display (for the caller's paging).</summary>
        public int ListRows => BodyLines() - 1;

        /// <summary>
        /// The most drawing calls one flush of this screen records on the profile, the display list a
        /// <see cref="BandedPanel"/> needs so that it never grows: every body row with an icon and text, the overflow
        /// mark (2), a scrolled list (its fill, title, a row per item after the title, the selection bar and the "more"
        /// mark) and a three-row pop-up on top (BandedPanelTests). 34 on 320x240, 40 on 480x272: a list sized for the
        /// largest panel kept 6 calls (about 150 B) the board never uses.
        /// </summary>
        public static int MostCallsPerFlush(DisplayProfile profile)
        {
            int rows = BodyLinesOf(profile);
            return 1 + 2 * rows + 2 + (1 + 1 + (rows - 1) + 1 + 1) + (1 + 3);
        }

        public void SetPopUp(string text)
        {
            if (text == _rare?.PopUp)
            {
                return;
            }
            if (text != null)
            {
                int columns = Columns(4 * _p.Margin);
                bool overflow;
                string[] lines = TextWrap.Wrap(text, columns, PopUpRows, out overflow);
                if (overflow && lines.Length > 0)
                {
                    int last = lines.Length - 1;
                    lines[last] = TextWrap.Marked(lines[last], columns);
                }
                Made().PopUp = text;
                _rare.PopUpLines = lines;
            }
            else
            {
                _rare.PopUp = null;
                _rare.PopUpLines = null;
                Tidy();
            }
            _dirty |= BodyRegion;
        }

        public void SetFunctionKey(int index, string label, int color)
        {
            if (index < 0 || index >= _keyColors.Length)
            {
                return;
            }
            char[] all = _keyTexts == null ? null : _keyTexts.ToCharArray();
            string old = LabelIn(all, index);
            if (old != label)
            {
                // The labels again with this key's replaced, into an array of their size (a key without a label is one
                // character).
                char[] keys = new char[(all == null ? _keyColors.Length : all.Length) - (old == null ? 0 : old.Length) + (label == null ? 0 : label.Length)];
                int at = 0;
                for (int k = 0; k < _keyColors.Length; k++)
                {
                    at = PutLabel(keys, at, k == index ? label : LabelIn(all, k));
                }
                _keyTexts = new string(keys);
                _dirty |= KeysRegion;
            }
            SetFunctionKeyColor(index, color);
        }

        /// <summary>A function key's colour alone (its label as set before): what the feeder sets while no setting changed.</summary>
        public void SetFunctionKeyColor(int index, int color)
        {
            if (index < 0 || index >= _keyColors.Length || (_keyColors[index] & 0xFFFF) == color)
            {
                return;
            }
            // Its dot alone unless the keys are drawn whole anyway (DrawDots).
            _keyColors[index] = color | DotToDraw;
            _dirty |= KeyDots;
        }

        /// <summary>Key <paramref name="index"/>'s label in <paramref name="all"/> (<see cref="_keyTexts"/>'s characters: its
        /// text is walked as chars, as nanoCLR's string searches are wrong after non-ASCII text); null: none.</summary>
        // A label as the kept texts hold it: its characters (a line break in it is a space), then '\n', or '\r' alone
        // for null. Read back by LabelIn, on characters: nanoCLR's string searches are wrong after non-ASCII text.
        // Written into the caller's array from at; returns where the next label goes. The characters are read with the
        // indexer (no copy of the label), except in a label with a surrogate: nanoCLR's indexer gives the high one at a
        // low one's index, so such a label is read from its array.
        private static int PutLabel(char[] to, int at, string text)
        {
            char[] chars = null;
            for (int i = 0; text != null && i < text.Length; i++)
            {
                char c = chars == null ? text[i] : chars[i];
                if (c >= 0xD800 && c <= 0xDFFF && chars == null)
                {
                    chars = text.ToCharArray();
                    c = chars[i];
                }
                to[at++] = c == '\n' || c == '\r' ? ' ' : c;
            }
            to[at++] = text == null ? '\r' : '\n';
            return at;
        }

        private static string LabelIn(char[] all, int index)
        {
            int start = 0;
            for (int i = 0; all != null && i < all.Length; i++)
            {
                if (all[i] == '\n' || all[i] == '\r')
                {
                    if (index-- == 0)
                    {
                        return all[i] == '\r' ? null : new string(all, start, i - start);
                    }
                    start = i + 1;
                }
            }
            return null;
        }

        /// <summary>A function key's label as drawn: cut to its cell, beside the key's dot.</summary>
        private string KeyShown(string label) => TextWrap.Fit(label, _p.Font.Fit(_p.Width / KeysPerRow - _p.Font.Height / 2 - 2 - _p.Margin));

        /// <summary>Draws and flushes the regions that changed since the last call.</summary>
        public void Render()
        {
            int dirty = _dirty;
            _dirty = 0;
            // Nothing marked (nearly every loop turn): no region's test (the idle turn's interpreter cost).
            if (_panel == null || dirty == 0)
            {
                return;
            }
            try
            {
                // Each region recorded, then its glyphs read and flushed here: at this frame, not under the drawing
                // methods' (Flush).
                if ((dirty & StatusRegion) != 0)
                {
                    Flush(DrawStatus());
                }
                if ((dirty & IdentityRegion) != 0)
                {
                    Flush(DrawIdentity());
                }
                if ((dirty & BodyRegion) != 0)
                {
                    Flush(DrawBody());
                }
                else
                {
                    if ((dirty & CellsRegion) != 0)
                    {
                        Flush(DrawCells(dirty));
                    }
                    if ((dirty & NoticesRegion) != 0)
                    {
                        Flush(DrawNoticeRows());
                    }
                }
                if ((dirty & KeysRegion) != 0 && _keyColors.Length > 0)
                {
                    Flush(DrawKeys());
                }
                else if ((dirty & KeyDots) != 0)
                {
                    DrawDots();
                }
            }
            catch (System.OutOfMemoryException)
            {
                // No heap for the panel's band or glyphs now: the regions are drawn again at the next turn (the screen
                // waits, the phone goes on).
                _dirty |= dirty;
            }
        }

        /// <summary>
        /// The model as text, one line per drawn row, region by region (the bench's /api/screen, phonectl screen, the
        /// HIL tests): `[status]`, `[identity]`; with a list open `[menu]` (its title), `[item]` (the rows on screen,
        /// `> ` before the selected one) and `[more]` (the mark of rows below); else `[message]` (the rows of the page
        /// on screen) or `[infobox]` (`<icon>` before a line's first row, named by <paramref name="icons"/>), `[mark]`
        /// (page and overflow mark), `[notice]` (a show-directly status listed under them) and, on the call screen,
        /// `[softkey N]` (the labelled softkeys, from 1); then `[popup]` (its
        /// rows) and `[key N]` (the labelled function keys, from 1). Lines are separated by '\n'.
        /// </summary>
        public void Describe(StringBuilder sb, IconNamer icons)
        {
            sb.Append("[status] ").Append(StatusShown());
            sb.Append("\n[identity] ").Append(IdentityShown());
            ShownList list = _list;
            if (list != null)
            {
                sb.Append("\n[menu] ").Append(list.TitleShown);
                for (int i = 0; i < list.Rows.Length; i++)
                {
                    sb.Append(list.First + i == list.Selected ? "\n[item] > " : "\n[item]   ").Append(list.Rows[i]);
                }
                if (list.More)
                {
                    sb.Append("\n[more] ").Append(ListMoreMark);
                }
            }
            else
            {
                for (int i = 0; i < _bodyLines.Length; i++)
                {
                    if (_bodyIcons == null)
                    {
                        sb.Append("\n[message] ");
                    }
                    else
                    {
                        // Infobox lines, or the call screen's (which has softkeys).
                        sb.Append(_softkeys != null ? "\n[call] " : "\n[infobox] ");
                        if (_bodyIcons[i] != IconId.None)
                        {
                            sb.Append('<').Append(icons(_bodyIcons[i])).Append("> ");
                        }
                    }
                    sb.Append(_bodyLines[i]);
                }
                if (_bodyMark != null)
                {
                    sb.Append("\n[mark] ").Append(_bodyMark);
                }
                for (int i = 0; i < NoticeRows; i++)
                {
                    sb.Append("\n[notice] ").Append(NoticeShown(i));
                }
                char[] softkeys = _softkeys == null ? null : _softkeys.ToCharArray();
                for (int i = 0; softkeys != null && i < KeysPerRow; i++)
                {
                    string label = SoftkeyShown(softkeys, i);
                    if (label != null)
                    {
                        sb.Append("\n[softkey ").Append(i + 1).Append("] ").Append(label);
                    }
                }
            }
            string[] popUp = _rare?.PopUpLines;
            for (int i = 0; popUp != null && i < popUp.Length; i++)
            {
                sb.Append("\n[popup] ").Append(popUp[i]);
            }
            char[] labels = _keyTexts == null ? null : _keyTexts.ToCharArray();
            for (int i = 0; i < _keyColors.Length; i++)
            {
                string label = LabelIn(labels, i);
                if (label != null)
                {
                    sb.Append("\n[key ").Append(i + 1).Append("] ").Append(KeyShown(label));
                }
            }
        }

        // The text sits one pixel down; where the line has no spacing (monochrome) its last row is the margin's, which
        // the repaint must cover too, or a changed identity leaves the old text's bottom row behind.
        private int IdentityHeight => _p.Font.Height + 1 > _p.LineHeight ? _p.Font.Height + 1 : _p.LineHeight;
        private int BodyTop => BodyTopOf(_p);
        private int KeysTop => KeysTopOf(_p);
        private int BodyBottom => BodyBottomOf(_p);

        private static int BodyTopOf(DisplayProfile p) => p.StatusHeight + p.LineHeight + p.Margin;
        private static int KeysTopOf(DisplayProfile p) => p.Height - p.FunctionKeyRows * p.LineHeight;
        private static int BodyBottomOf(DisplayProfile p) => p.FunctionKeyRows > 0 ? KeysTopOf(p) - p.Margin : p.Height;

        private int BodyLines() => BodyLinesOf(_p);

        // BodyBottomOf less BodyTopOf written out: the call screen's wrap reads it under its allocations (through
        // NoticeRows), and their two frames and KeysTopOf's were three frames more under them (docs/benchmarks.md h-screenturn).
        private static int BodyLinesOf(DisplayProfile p) =>
            ((p.FunctionKeyRows > 0 ? p.Height - p.FunctionKeyRows * p.LineHeight - p.Margin : p.Height) - p.StatusHeight - p.LineHeight - p.Margin) / p.LineHeight;

        /// <summary>Body rows for the message, the Infobox or the call: what the notices and the softkeys leave.</summary>
        private int MessageRows() => BodyLines() - NoticeRows - (_softkeys != null ? 1 : 0);

        private int StatusTextX => _p.Margin + (StatusIcon != IconId.None ? IconStyle.Size + _p.Margin : 0);

        private const int PopUpRows = 3;

        private int Columns(int indent) => _p.Font.Fit(_p.Width - 2 * _p.Margin - indent);

        /// <summary>
        /// Has the panel read the glyphs of the region's texts, then flushes it: a rectangle as <see cref="Area"/>
        /// packs it (none: 0). The read runs one frame under <see cref="Render"/>, beside no drawing frame: a font read
        /// under the band's drawing that found no heap left those frames garbage (docs/benchmarks.md, h-glyphread).
        /// On a panel that reads glyphs a region taller than <see cref="PartLines"/> text lines is drawn in parts of that
        /// many lines. When a part's glyphs find no heap it is drawn in smaller parts, each reading only the glyph blocks of the
        /// cells inside it and letting them go before the next (the connected call screen's first redraw needs all six
        /// ASCII blocks at once; docs/benchmarks.md, h-flushparts): at each refusal the part's rows are halved down to a
        /// text line, then its columns down to one, and so when a part's band finds no heap; the region waits only when a
        /// part of one column finds none.
        /// The same pixels either way: each band replays every recorded call reaching into it, clipped.
        /// </summary>
        private void Flush(long area)
        {
            if (area == 0)
            {
                return;
            }
            if (!(_panel is BandedPanel banded))
            {
                _panel.Flush((int)(area & 0x3FF), (int)(area >> 10 & 0x3FF), (int)(area >> 20 & 0x3FF), (int)(area >> 30));
                return;
            }
            // Few locals: this frame is under every band's drawing. The part's rows and columns in one value (rows
            // above 16 bits), the area's left and bottom reached through it. On a panel that reads glyphs (the board's) a
            // region taller than PartLines text lines is drawn that many lines at a time, each part reading and keeping
            // only its own lines' glyphs: the connected call's first redraw kept all 38 of its body's (732 B) beside the
            // font read's block and frames and then beside the band, office's lowest collection on the 80,896-byte board
            // (12,336 B; docs/benchmarks.md margin2). The same pixels: each band replays the calls reaching into it.
            int part = ((int)(area >> 30) > PartLines * _p.LineHeight && banded.Windowed != null ? PartLines * _p.LineHeight : (int)(area >> 30)) << 16
                | (int)(area >> 20 & 0x3FF);
            int y = (int)(area >> 10 & 0x3FF);
            int x = (int)(area & 0x3FF);
            while (y < Bottom(area))
            {
                try
                {
                    banded.MarkGlyphs(x, y, PartColumns(area, part, x), PartRows(area, part, y), x + PartColumns(area, part, x) == Right(area) && y + PartRows(area, part, y) == Bottom(area));
                    // Each font's ASCII blocks read at this frame, not under the panel's: its frame (240 B) was under the
                    // font read's, the redraw's lowest collection (docs/benchmarks.md, h-redraw4).
                    banded.Glyphs(false)?.Read();
                    banded.Glyphs(true)?.Read();
                    // The band made at this frame too, the flush's last allocation (docs/benchmarks.md h-redraw5); the
                    // target asked for twice, not held in a local of this frame, which is under the whole redraw.
                    if (banded.Windowed != null)
                    {
                        banded.Windowed.Band();
                    }
                    banded.Flush(x, y, PartColumns(area, part, x), PartRows(area, part, y));
                }
                catch (System.OutOfMemoryException)
                {
                    // The glyphs read for the part let go (those of a flush that found no band are already).
                    banded.Unread();
                    // No heap for the part's glyphs or its band (the band of one row then; a narrower part makes a
                    // narrower band).
                    if ((part & 0xFFFF) == 1)
                    {
                        banded.Discard();
                        throw;
                    }
                    // Rows down to a text line (a line needs the blocks of all its cells), then columns.
                    part = part >> 16 > _p.LineHeight ? (part >> 17) << 16 | (part & 0xFFFF) : (part & ~0xFFFF) | (part & 0xFFFF) >> 1;
                    continue;
                }
                x += PartColumns(area, part, x);
                if (x == Right(area))
                {
                    y += PartRows(area, part, y);
                    x = (int)(area & 0x3FF);
                }
            }
        }

        // Text lines a part of a taller region holds (Flush): three, the call screen's body in three parts. Each part
        // reads the glyph blocks it shares with the others again and makes a band: parts of one or two lines made so
        // much more garbage in the answered call's redraw that idle+call's next turn, the ACK's dialog look-up (16.2 KB
        // free at its deepest), collected on the 80,896-byte board (16,728 and 16,392 B; three lines: 17,292, office 11
        // collections more over its run; docs/benchmarks.md margin2).
        private const int PartLines = 3;

        /// <summary>The columns of the part at <paramref name="x"/> (Flush's part: its columns in the low 16 bits), cut to the area.</summary>
        private static int PartColumns(long area, int part, int x) => Right(area) - x < (part & 0xFFFF) ? Right(area) - x : part & 0xFFFF;

        /// <summary>The rows of the part at <paramref name="y"/> (Flush's part: its rows above 16 bits), cut to the area.</summary>
        private static int PartRows(long area, int part, int y) => Bottom(area) - y < part >> 16 ? Bottom(area) - y : part >> 16;

        /// <summary>The column after a flush rectangle (<see cref="Area"/>).</summary>
        private static int Right(long area) => (int)(area & 0x3FF) + (int)(area >> 20 & 0x3FF);

        /// <summary>The row below a flush rectangle (<see cref="Area"/>).</summary>
        private static int Bottom(long area) => (int)(area >> 10 & 0x3FF) + (int)(area >> 30);

        /// <summary>A rectangle to flush in one value (x, y, width in 10 bits each from the lowest, height above).</summary>
        private static long Area(int x, int y, int width, int height) => (long)x | (long)y << 10 | (long)width << 20 | (long)height << 30;

        private long DrawStatus()
        {
            int h = _p.StatusHeight;
            _panel.FillRect(0, 0, _p.Width, h, _p.StatusBackground);
            int x = _p.Margin;
            int textY = (h - _p.Font.Height) / 2;
            if (StatusIcon != IconId.None)
            {
                _panel.DrawIcon(StatusIcon, x, (h - IconStyle.Size) / 2);
                x += IconStyle.Size + _p.Margin;
            }
            _panel.DrawText(StatusShown(), x, textY, _p.StatusForeground, _p.Font, _p.Width - x - _p.Margin);
            return Area(0, 0, _p.Width, h);
        }

        private long DrawIdentity()
        {
            _panel.FillRect(0, _p.StatusHeight, _p.Width, IdentityHeight, _p.Background);
            _panel.DrawText(IdentityShown(), _p.Margin, _p.StatusHeight + 1, _p.Dim, _p.Font, _p.Width - 2 * _p.Margin);
            return Area(0, _p.StatusHeight, _p.Width, IdentityHeight);
        }

        private long DrawBody()
        {
            int top = BodyTop;
            int height = BodyBottom - top;
            // A plain message repaints only the rows it and the previous one covered, so a short change costs
            // a few lines of SPI traffic instead of the whole body; lists, pop-ups and the overflow mark use it all.
            bool whole = _bodyMark != null || _list != null || HasPopUp || _noticeTexts.Length > 0 || _softkeys != null;
            int rows = _bodyLines.Length;
            int shown = _small >> RowsShownShift & 0x3FF;
            int covered = whole ? height : (rows > shown ? rows : shown) * _p.LineHeight;
            if (covered > height || covered == 0)
            {
                covered = height;
            }
            _small = (_small & ~(0x3FF << RowsShownShift)) | (whole ? height / _p.LineHeight + 1 : rows) << RowsShownShift;
            _panel.FillRect(0, top, _p.Width, covered, _p.Background);
            for (int i = 0; i < _bodyLines.Length; i++)
            {
                int y = top + i * _p.LineHeight;
                int x = _p.Margin;
                if (_bodyIcons != null)
                {
                    if (_bodyIcons[i] != IconId.None)
                    {
                        _panel.DrawIcon(_bodyIcons[i], x, y + (_p.Font.Height - IconStyle.Size) / 2);
                    }
                    x += IconStyle.Size + 2;
                }
                _panel.DrawText(_bodyLines[i], x, y, _p.Foreground, _p.Font, _p.Width - x - _p.Margin);
            }
            if (_bodyMark != null)
            {
                DrawMark(top + (MessageRows() - 1) * _p.LineHeight);
            }
            DrawNotices(top + MessageRows() * _p.LineHeight);
            if (_softkeys != null)
            {
                DrawSoftkeys(top + (BodyLines() - 1) * _p.LineHeight);
            }
            if (_list != null)
            {
                DrawList(top, height);
            }
            if (HasPopUp)
            {
                DrawPopUp(top, height);
            }
            return Area(0, top, _p.Width, covered);
        }

        /// <summary>
        /// The visible mark of more pages or of text that did not fit, on its own background so the text under it cannot
        /// hide it. On the last text row (<paramref name="y"/>): the body's height need not be a whole number of rows.
        /// </summary>
        private void DrawMark(int y)
        {
            int width = _p.Font.Measure(_bodyMark);
            _panel.FillRect(_p.Width - _p.Margin - width, y, width, _p.Font.Height, _p.IsColor ? _p.Background : 1);
            _panel.DrawText(_bodyMark, _p.Width - _p.Margin - width, y, _p.IsColor ? _p.Dim : 0, _p.Font, _p.Width);
        }

        /// <summary>The notices' rows alone, as the body's redraw paints them (<see cref="NoticesRegion"/>).</summary>
        private long DrawNoticeRows()
        {
            int y = BodyTop + MessageRows() * _p.LineHeight;
            int height = NoticeRows * _p.LineHeight;
            if (height == 0)
            {
                return 0;
            }
            _panel.FillRect(0, y, _p.Width, height, _p.Background);
            DrawNotices(y);
            return Area(0, y, _p.Width, height);
        }

        /// <summary>The show-directly notices with their icons, from row <paramref name="y"/> down.</summary>
        private void DrawNotices(int y)
        {
            int x = _p.Margin + IconStyle.Size + 2;
            for (int i = 0; i < NoticeRows; i++, y += _p.LineHeight)
            {
                if (_noticeIcons[i] != IconId.None)
                {
                    _panel.DrawIcon(_noticeIcons[i], _p.Margin, y + (_p.Font.Height - IconStyle.Size) / 2);
                }
                _panel.DrawText(NoticeShown(i), x, y, _p.Dim, _p.Font, _p.Width - x - _p.Margin);
            }
        }

        /// <summary>
        /// The body's changed cells (<see cref="MarkCells"/>, above <see cref="CellsShift"/> in the marks
        /// <paramref name="cells"/>): their rectangle filled and the rows' text drawn again, flushed alone; the text's other
        /// cells are clipped by the band (the same pixels as the whole body's redraw).
        /// </summary>
        private long DrawCells(int cells)
        {
            // Shifted here, not in Render's call: Render's evaluation stack stays three deep, small enough for nanoCLR to
            // run it inside the loop's frame (PhoneApp.Poll), a frame less under the whole redraw (docs/benchmarks.md
            // h-redraw5).
            cells >>= CellsShift;
            int firstRow = cells & 15;
            int lastRow = cells >> 4 & 15;
            int textX = _p.Margin + IconStyle.Size + 2;
            int x = textX + (cells >> 8 & 127) * _p.Font.Width;
            int width = ((cells >> 15 & 127) + 1) * _p.Font.Width + textX - x;
            if (x + width > _p.Width - _p.Margin)
            {
                width = _p.Width - _p.Margin - x;
            }
            int y = BodyTop + firstRow * _p.LineHeight;
            int height = (lastRow - firstRow + 1) * _p.LineHeight;
            if (width <= 0)
            {
                return 0;
            }
            _panel.FillRect(x, y, width, height, _p.Background);
            for (int i = firstRow; i <= lastRow; i++)
            {
                _panel.DrawText(_bodyLines[i], textX, BodyTop + i * _p.LineHeight, _p.Foreground, _p.Font, _p.Width - textX - _p.Margin);
            }
            if (_bodyMark != null && lastRow >= MessageRows() - 1)
            {
                // Over the last text row, as DrawBody draws it (clipped to the cells).
                DrawMark(BodyTop + (MessageRows() - 1) * _p.LineHeight);
            }
            return Area(x, y, width, height);
        }

        /// <summary>The softkeys' labels, each in its quarter of the row, light on the foreground colour like a key cap.</summary>
        private void DrawSoftkeys(int y)
        {
            int cell = _p.Width / KeysPerRow;
            char[] all = _softkeys.ToCharArray();
            for (int i = 0; i < KeysPerRow; i++)
            {
                string label = SoftkeyShown(all, i);
                if (label == null)
                {
                    continue;
                }
                int x = i * cell;
                _panel.FillRect(x + 1, y, cell - 2, _p.Font.Height, _p.Foreground);
                _panel.DrawText(label, x + _p.Margin, y, _p.Background, _p.Font, cell - 2 * _p.Margin);
            }
        }

        private void DrawList(int top, int height)
        {
            _panel.FillRect(0, top, _p.Width, height, _p.Background);
            ShownList list = _list;
            _panel.DrawText(list.TitleShown, _p.Margin, top, _p.Dim, _p.Font, _p.Width - 2 * _p.Margin - ListMarkWidth);
            for (int row = 0; row < list.Rows.Length; row++)
            {
                int y = top + (row + 1) * _p.LineHeight;
                bool selected = list.First + row == list.Selected;
                if (selected)
                {
                    _panel.FillRect(0, y, _p.Width, _p.LineHeight, _p.Foreground);
                }
                _panel.DrawText(list.Rows[row], 2 * _p.Margin, y, selected ? _p.Background : _p.Foreground, _p.Font, _p.Width - 3 * _p.Margin);
            }
            if (list.More)
            {
                _panel.DrawText(ListMoreMark, _p.Width - _p.Margin - _p.Font.Width, top, _p.Dim, _p.Font, _p.Width);
            }
        }

        private void DrawPopUp(int top, int height)
        {
            string[] lines = _rare.PopUpLines;
            int boxHeight = lines.Length * _p.LineHeight + 2 * _p.Margin;
            int boxTop = top + (height - boxHeight) / 2;
            _panel.FillRect(2 * _p.Margin, boxTop, _p.Width - 4 * _p.Margin, boxHeight, _p.PopUpBackground);
            for (int i = 0; i < lines.Length; i++)
            {
                _panel.DrawText(lines[i], 3 * _p.Margin, boxTop + _p.Margin + i * _p.LineHeight, _p.PopUpForeground, _p.Font, _p.Width - 6 * _p.Margin);
            }
        }

        private long DrawKeys()
        {
            int top = KeysTop;
            _panel.FillRect(0, top, _p.Width, _p.Height - top, _p.Background);
            int cell = _p.Width / KeysPerRow;
            int keys = _keyColors.Length;
            char[] labels = _keyTexts == null ? null : _keyTexts.ToCharArray();
            for (int i = 0; i < keys; i++)
            {
                string label = LabelIn(labels, i);
                if (label == null)
                {
                    continue;
                }
                string shown = KeyShown(label);
                int x = (i % KeysPerRow) * cell + _p.Margin;
                int y = top + (i / KeysPerRow) * _p.LineHeight;
                int dot = _p.Font.Height / 2;
                DrawDot(i);
                _panel.DrawText(shown, x + dot + 2, y, _p.Foreground, _p.Font, cell - dot - 2 - _p.Margin);
            }
            for (int i = 0; i < keys; i++)
            {
                _keyColors[i] &= 0xFFFF;
            }
            return Area(0, top, _p.Width, _p.Height - top);
        }

        /// <summary>
        /// The dots of the keys whose colour alone changed, each flushed alone: a fill of a few pixels, no label and no
        /// glyph read (a key's label starts beside its dot). A BLF key's NOTIFY redrew the whole keys region with every
        /// label's glyph blocks (docs/benchmarks.md, h-redraw2).
        /// </summary>
        private void DrawDots()
        {
            char[] labels = _keyTexts == null ? null : _keyTexts.ToCharArray();
            for (int i = 0; i < _keyColors.Length; i++)
            {
                if ((_keyColors[i] & DotToDraw) != 0)
                {
                    // A key without a label shows no dot.
                    Flush(LabelIn(labels, i) == null ? 0 : DrawDot(i));
                    _keyColors[i] &= 0xFFFF;
                }
            }
        }

        /// <summary>Key <paramref name="i"/>'s dot, in its colour (none: the dim one); its rectangle as <see cref="Area"/> packs it.</summary>
        private long DrawDot(int i)
        {
            int dot = _p.Font.Height / 2;
            int x = (i % KeysPerRow) * (_p.Width / KeysPerRow) + _p.Margin;
            int y = KeysTop + (i / KeysPerRow) * _p.LineHeight + dot / 2;
            int color = _keyColors[i] & 0xFFFF;
            _panel.FillRect(x, y, dot, dot, color == 0 ? _p.Dim : color);
            return Area(x, y, dot, dot);
        }
    
        /// <summary>A list shown over the body: what <see cref="SetList"/> was given and its rows as drawn.</summary>
        private sealed class Rare
        {
            // The Infobox's or call's lines and icons as given, kept for a relayout only while some line takes more than
            // one row (else the body's rows are they: WrapInfo).
            public string[] InfoLines;
            public int[] InfoIcons;
            // The pop-up's text and its rows (both set, or neither).
            public string PopUp;
            public string[] PopUpLines;
        }

        /// <summary>The rare parts, made if none was set.</summary>
        private Rare Made() => _rare ?? (_rare = new Rare());

        /// <summary>A pop-up is set (it lives in the rare parts).</summary>
        private bool HasPopUp => _rare != null && _rare.PopUp != null;

        /// <summary>Lets the rare parts go once none is set.</summary>
        private void Tidy()
        {
            Rare r = _rare;
            if (r != null && r.InfoLines == null && r.PopUp == null)
            {
                _rare = null;
            }
        }

        private sealed class ShownList
        {
            public string Title;
            public string TitleShown;
            public string[] Items;
            public string[] Rows;
            public int Selected;
            public int First;
            public bool More;
        }
    }
}
