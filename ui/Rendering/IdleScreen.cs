using DeskPhone.Ui.Icons;

namespace DeskPhone.Ui.Rendering
{
    /// <summary>
    /// The idle screen: status line (a status message with its icon, or the clock), identity line (user, own
    /// status, "!" for a lost registration), body (the desktop message wrapped and paged, "2/3", or the Infobox lines
    /// with icons; "..." marks text that does not fit), function-key labels with their LED colours, and a pop-up
    /// over the body.
    /// Each setter marks only its region; <see cref="Render"/> redraws and flushes only the marked regions, so a
    /// status-line change sends only the status line to the panel.
    /// </summary>
    public sealed class IdleScreen
    {
        public const int StatusRegion = 1;
        public const int IdentityRegion = 2;
        public const int BodyRegion = 4;
        public const int KeysRegion = 8;
        public const int KeysPerRow = 4;
        public const int MaxMessagePages = 8;

        private readonly IPanel _panel;
        private readonly DisplayProfile _p;
        private string _statusText = "";
        private int _statusIcon;
        private string _identity = "";
        private string _body;
        private string[] _bodyLines = new string[0];
        private int[] _bodyIcons;
        private string[] _messageLines = new string[0];
        private bool _messageCut;
        private int _page;
        private string _bodyMark; // bottom-right of the body: the page ("2/3") and "..." where text was left out
        private int _bodyRowsShown = 1000; // rows the last body draw painted; starts high so the first draw clears it all
        private string _popUp;
        private string _listTitle;
        private string[] _listItems;
        private int _listSelected;
        private readonly string[] _keyLabels;
        private readonly int[] _keyColors;
        private int _dirty = StatusRegion | IdentityRegion | BodyRegion | KeysRegion;

        public IdleScreen(IPanel panel, DisplayProfile profile)
        {
            _panel = panel;
            _p = profile;
            _keyLabels = new string[profile.FunctionKeyRows * KeysPerRow];
            for (int i = 0; i < _keyLabels.Length; i++)
            {
                // Written, not left as created: the nanoCLR (nf-interpreter develop a3e8139a, the POSIX build of
                // tests/Device.Boot) types a fresh string[] element as a null string, and String.Equals of such an
                // element and a string (SetFunctionKey's comparison) reads through the null (strcmp) and crashes. A
                // null stored explicitly is a null reference, which compares as null.
                _keyLabels[i] = null;
            }
            _keyColors = new int[_keyLabels.Length];
        }

        public DisplayProfile Profile => _p;

        /// <summary>Regions waiting to be drawn.</summary>
        public int Dirty => _dirty;

        /// <summary>The status line: a message and its icon (icon 0 for the clock text).</summary>
        public void SetStatusLine(string text, int icon)
        {
            if (text == _statusText && icon == _statusIcon)
            {
                return;
            }
            _statusText = text ?? "";
            _statusIcon = icon;
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
            _messageLines = TextWrap.Wrap(text, Columns(0), BodyLines() * MaxMessagePages, out _messageCut);
            ShowPage(0);
        }

        /// <summary>Pages of the desktop message (0 while the Infobox or nothing is shown).</summary>
        public int MessagePages => _body == null ? 0 : (_messageLines.Length + BodyLines() - 1) / BodyLines();

        /// <summary>The desktop message page on screen, from 0.</summary>
        public int MessagePage => _page;

        /// <summary>Shows page <paramref name="page"/> of the desktop message; false (nothing changes) when there is no such page.</summary>
        public bool ShowMessagePage(int page)
        {
            if (page < 0 || page >= MessagePages || page == _page)
            {
                return false;
            }
            ShowPage(page);
            return true;
        }

        private void ShowPage(int page)
        {
            int rows = BodyLines();
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
            _bodyLines = new string[count];
            System.Array.Copy(_messageLines, first, _bodyLines, 0, count);
            _page = page;
            int pages = MessagePages;
            _bodyMark = pages > 1 ? (page + 1).ToString() + "/" + pages.ToString() : null;
            if (_messageCut && page == pages - 1)
            {
                _bodyMark = _bodyMark + "...";
            }
            _dirty |= BodyRegion;
        }

        /// <summary>Infobox lines, each with an icon; a long line wraps into the next rows.</summary>
        public void SetInfoBox(string[] lines, int[] icons)
        {
            int rows = BodyLines();
            var wrapped = new string[rows];
            var wrappedIcons = new int[rows];
            int n = 0;
            bool overflow = false;
            for (int i = 0; i < lines.Length; i++)
            {
                bool lineOverflow;
                string[] parts = TextWrap.Wrap(lines[i], Columns(IconStyle.Size + 2), rows - n, out lineOverflow);
                overflow |= lineOverflow;
                for (int k = 0; k < parts.Length; k++)
                {
                    wrapped[n] = parts[k];
                    wrappedIcons[n] = k == 0 ? icons[i] : 0;
                    n++;
                }
                if (n == rows && i < lines.Length - 1)
                {
                    overflow = true;
                    break;
                }
            }
            _bodyLines = new string[n];
            _bodyIcons = new int[n];
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
        /// Shows a list over the body (menus, the notification list, the explain view): a title, items and the
        /// selected one, scrolled so that the selection is visible; null title hides it.
        /// </summary>
        public void SetList(string title, string[] items, int selected)
        {
            if (title == _listTitle && items == _listItems && selected == _listSelected)
            {
                return;
            }
            _listTitle = title;
            _listItems = items;
            _listSelected = selected;
            _dirty |= BodyRegion;
        }

        /// <summary>Rows a list can show at once on this display (for the caller's paging).</summary>
        public int ListRows => BodyLines() - 1;

        public void SetPopUp(string text)
        {
            if (text == _popUp)
            {
                return;
            }
            _popUp = text;
            _dirty |= BodyRegion;
        }

        public void SetFunctionKey(int index, string label, int color)
        {
            if (index < 0 || index >= _keyLabels.Length || (_keyLabels[index] == label && _keyColors[index] == color))
            {
                return;
            }
            _keyLabels[index] = label;
            _keyColors[index] = color;
            _dirty |= KeysRegion;
        }

        /// <summary>Draws and flushes the regions that changed since the last call.</summary>
        public void Render()
        {
            int dirty = _dirty;
            _dirty = 0;
            if ((dirty & StatusRegion) != 0)
            {
                DrawStatus();
            }
            if ((dirty & IdentityRegion) != 0)
            {
                DrawIdentity();
            }
            if ((dirty & BodyRegion) != 0)
            {
                DrawBody();
            }
            if ((dirty & KeysRegion) != 0 && _keyLabels.Length > 0)
            {
                DrawKeys();
            }
        }

        private int IdentityTop => _p.StatusHeight;
        private int BodyTop => _p.StatusHeight + _p.LineHeight + _p.Margin;
        private int KeysTop => _p.Height - _p.FunctionKeyRows * _p.LineHeight;
        private int BodyBottom => _p.FunctionKeyRows > 0 ? KeysTop - _p.Margin : _p.Height;

        private int BodyLines() => (BodyBottom - BodyTop) / _p.LineHeight;

        private int Columns(int indent) => _p.Font.Fit(_p.Width - 2 * _p.Margin - indent);

        private void DrawStatus()
        {
            int h = _p.StatusHeight;
            _panel.FillRect(0, 0, _p.Width, h, _p.StatusBackground);
            int x = _p.Margin;
            int textY = (h - _p.Font.Height) / 2;
            if (_statusIcon != IconId.None)
            {
                _panel.DrawIcon(_statusIcon, x, (h - IconStyle.Size) / 2);
                x += IconStyle.Size + _p.Margin;
            }
            _panel.DrawText(_statusText, x, textY, _p.StatusForeground, _p.Font, _p.Width - x - _p.Margin);
            _panel.Flush(0, 0, _p.Width, h);
        }

        private void DrawIdentity()
        {
            _panel.FillRect(0, IdentityTop, _p.Width, _p.LineHeight, _p.Background);
            _panel.DrawText(_identity, _p.Margin, IdentityTop + 1, _p.Dim, _p.Font, _p.Width - 2 * _p.Margin);
            _panel.Flush(0, IdentityTop, _p.Width, _p.LineHeight);
        }

        private void DrawBody()
        {
            int top = BodyTop;
            int height = BodyBottom - top;
            // A plain message repaints only the rows it and the previous one covered, so a short change costs
            // a few lines of SPI traffic instead of the whole body; lists, pop-ups and the overflow mark use it all.
            bool whole = _bodyMark != null || _listTitle != null || _popUp != null;
            int rows = _bodyLines.Length;
            int covered = whole ? height : (rows > _bodyRowsShown ? rows : _bodyRowsShown) * _p.LineHeight;
            if (covered > height || covered == 0)
            {
                covered = height;
            }
            _bodyRowsShown = whole ? height / _p.LineHeight + 1 : rows;
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
                // The visible mark of more pages or of text that did not fit, on its own background so the text under it
                // cannot hide it. On the last text row: the body's height need not be a whole number of rows.
                int markWidth = _p.Font.Measure(_bodyMark);
                int markTop = top + (BodyLines() - 1) * _p.LineHeight;
                _panel.FillRect(_p.Width - _p.Margin - markWidth, markTop, markWidth, _p.Font.Height, _p.IsColor ? _p.Background : 1);
                _panel.DrawText(_bodyMark, _p.Width - _p.Margin - markWidth, markTop, _p.IsColor ? _p.Dim : 0, _p.Font, _p.Width);
            }
            if (_listTitle != null)
            {
                DrawList(top, height);
            }
            if (_popUp != null)
            {
                DrawPopUp(top, height);
            }
            _panel.Flush(0, top, _p.Width, covered);
        }

        private void DrawList(int top, int height)
        {
            _panel.FillRect(0, top, _p.Width, height, _p.Background);
            int rows = ListRows;
            int first = _listSelected >= rows ? _listSelected - rows + 1 : 0;
            bool more = first + rows < _listItems.Length;
            // The title stops short of the "more below" mark instead of running under it.
            int markWidth = more ? _p.Font.Width + _p.Margin : 0;
            _panel.DrawText(_listTitle, _p.Margin, top, _p.Dim, _p.Font, _p.Width - 2 * _p.Margin - markWidth);
            for (int row = 0; row < rows && first + row < _listItems.Length; row++)
            {
                int index = first + row;
                int y = top + (row + 1) * _p.LineHeight;
                bool selected = index == _listSelected;
                if (selected)
                {
                    _panel.FillRect(0, y, _p.Width, _p.LineHeight, _p.Foreground);
                }
                _panel.DrawText(_listItems[index], 2 * _p.Margin, y, selected ? _p.Background : _p.Foreground, _p.Font, _p.Width - 3 * _p.Margin);
            }
            if (more)
            {
                _panel.DrawText("v", _p.Width - _p.Margin - _p.Font.Width, top, _p.Dim, _p.Font, _p.Width);
            }
        }

        private void DrawPopUp(int top, int height)
        {
            bool overflow;
            string[] lines = TextWrap.Wrap(_popUp, Columns(4 * _p.Margin), 3, out overflow);
            int boxHeight = lines.Length * _p.LineHeight + 2 * _p.Margin;
            int boxTop = top + (height - boxHeight) / 2;
            _panel.FillRect(2 * _p.Margin, boxTop, _p.Width - 4 * _p.Margin, boxHeight, _p.PopUpBackground);
            for (int i = 0; i < lines.Length; i++)
            {
                _panel.DrawText(lines[i], 3 * _p.Margin, boxTop + _p.Margin + i * _p.LineHeight, _p.PopUpForeground, _p.Font, _p.Width - 6 * _p.Margin);
            }
        }

        private void DrawKeys()
        {
            int top = KeysTop;
            _panel.FillRect(0, top, _p.Width, _p.Height - top, _p.Background);
            int cell = _p.Width / KeysPerRow;
            for (int i = 0; i < _keyLabels.Length; i++)
            {
                if (_keyLabels[i] == null)
                {
                    continue;
                }
                int x = (i % KeysPerRow) * cell + _p.Margin;
                int y = top + (i / KeysPerRow) * _p.LineHeight;
                int dot = _p.Font.Height / 2;
                _panel.FillRect(x, y + dot / 2, dot, dot, _keyColors[i] == 0 ? _p.Dim : _keyColors[i]);
                _panel.DrawText(_keyLabels[i], x + dot + 2, y, _p.Foreground, _p.Font, cell - dot - 2 - _p.Margin);
            }
            _panel.Flush(0, top, _p.Width, _p.Height - top);
        }
    }
}
