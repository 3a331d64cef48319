using System.IO;
using DeskPhone.Host.Panel;
using DeskPhone.Ui.Icons;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Ui.Tests
{
    public class RendererTests
    {
        [Fact]
        public void StatusLineChangeFlushesOnlyTheStatusLine()
        {
            (SoftwarePanel panel, IdleScreen screen) = Screen(DisplayProfile.Color320x240);
            screen.Render();
            panel.ResetCounters();

            screen.SetStatusLine("The Ethernet cable is unplugged", IconId.Network);
            screen.Render();

            Assert.Equal(1, panel.Flushes);
            Assert.Equal(320L * DisplayProfile.Color320x240.StatusHeight * 2, panel.FlushedBytes);
            Assert.True(panel.FlushedBytes <= 12800, panel.FlushedBytes + " bytes for a status-line change");
        }

        [Fact]
        public void MessageChangeFlushesOnlyTheRowsOldAndNewTextCover()
        {
            (SoftwarePanel panel, IdleScreen screen) = Screen(DisplayProfile.Color320x240);
            long row = 320L * DisplayProfile.Color320x240.LineHeight * 2;
            screen.SetMessage("one");
            screen.Render();

            panel.ResetCounters();
            screen.SetMessage("two");
            screen.Render();
            Assert.Equal(row, panel.FlushedBytes);

            panel.ResetCounters();
            screen.SetMessage("a message long enough to wrap onto a second and then a third row of the reference panel");
            screen.Render();
            Assert.Equal(3 * row, panel.FlushedBytes);

            // Shrinking must still clear the rows the longer text left behind.
            panel.ResetCounters();
            screen.SetMessage("short");
            screen.Render();
            Assert.Equal(3 * row, panel.FlushedBytes);
            DisplayProfile p = DisplayProfile.Color320x240;
            int thirdRow = p.StatusHeight + p.LineHeight + p.Margin + 2 * p.LineHeight;
            for (int y = thirdRow; y < thirdRow + p.LineHeight; y++)
            {
                for (int x = 0; x < p.Width; x++)
                {
                    Assert.Equal(p.Background, (int)panel.Pixel(x, y));
                }
            }
        }

        [Theory]
        [InlineData("320x240")]
        [InlineData("128x64")]
        public void ACallScreensSecondFlushesOnlyTheChangedCellsAndLeavesTheWholeRedrawsPixels(string profileName)
        {
            DisplayProfile p = Profile(profileName);
            (SoftwarePanel panel, IdleScreen screen) = Screen(p);
            string[] keys = { "Hold", "Mute", "Transfer", "End" };
            int[] icons = { IconId.Call, IconId.None };
            screen.SetCall(new[] { "Connected: Bob", "555  00:59" }, icons, keys);
            screen.Render();

            panel.ResetCounters();
            screen.SetCall(new[] { "Connected: Bob", "555  01:00" }, icons, keys);
            Assert.Equal(IdleScreen.BodyRegion, screen.Dirty);
            screen.Render();
            // "00:59" -> "01:00": four cells of one row, not the body.
            Assert.Equal(1, panel.Flushes);
            Assert.Equal(Bytes(p, 4 * p.Font.Width, p.LineHeight), panel.FlushedBytes);

            panel.ResetCounters();
            screen.SetCall(new[] { "Connected: Bob", "555  01:00" }, icons, keys);
            screen.Render();
            Assert.Equal(0, panel.Flushes); // nothing changed, nothing drawn

            // The same glass as a screen that drew this call screen whole.
            (SoftwarePanel whole, IdleScreen fresh) = Screen(p);
            fresh.SetCall(new[] { "Connected: Bob", "555  01:00" }, icons, keys);
            fresh.Render();
            AssertSameGlass(whole, panel, p);
        }

        [Theory]
        [InlineData("320x240")] // 128x64 has one call row under a notice: the golden scenarios' twin-panel test covers it
        public void ACallScreenCutUnderItsOverflowMarkPatchesItsCellsMarkIncludedAndRedrawsNothingWhenUnchanged(string profileName)
        {
            // Office's call: its lines cut under the notices, the body marked "..." (h-redraw2): each compose used to
            // redraw the whole body.
            DisplayProfile p = Profile(profileName);
            (SoftwarePanel panel, IdleScreen screen) = Screen(p);
            string[] keys = { "Hold", "Mute", "Transfer", "End" };
            string[] notices = { "The current identity has new text messages" };
            int[] noticeIcons = { IconId.Messages };
            screen.SetNotices(notices, noticeIcons);
            int rows = screen.CallRows;
            Assert.True(rows >= 2, rows + " call rows");
            int columns = p.Font.Fit(p.Width - 2 * p.Margin - IconStyle.Size - 2);
            // The last shown row reaches under the mark, and its last cells change with the clock's.
            string[] Lines(string second)
            {
                var lines = new string[rows + 1];
                for (int i = 0; i < lines.Length; i++)
                {
                    lines[i] = "Row " + i;
                }
                lines[0] = "555  00:" + second;
                lines[rows - 1] = new string('x', columns - 2) + second;
                return lines;
            }
            var icons = new int[rows + 1];
            icons[0] = IconId.Call;
            screen.SetCall(Lines("59"), icons, keys);
            screen.Render();

            panel.ResetCounters();
            screen.SetNotices(new[] { "The current identity has new text " + "messages" }, new[] { IconId.Messages });
            screen.SetCall(Lines("59"), icons, keys);
            screen.Render();
            Assert.Equal(0, panel.Flushes); // composed again, nothing shown changed

            screen.SetCall(Lines("58"), icons, keys);
            Assert.Equal(IdleScreen.BodyRegion, screen.Dirty);
            screen.Render();
            Assert.Equal(1, panel.Flushes);
            Assert.True(panel.FlushedBytes < Bytes(p, p.Width, rows * p.LineHeight), panel.FlushedBytes + " bytes: cells, not the body");

            (SoftwarePanel whole, IdleScreen fresh) = Screen(p);
            fresh.SetNotices(notices, noticeIcons);
            fresh.SetCall(Lines("58"), icons, keys);
            fresh.Render();
            Assert.Contains("[mark] ...", Described(fresh));
            AssertSameGlass(whole, panel, p);
        }

        [Fact]
        public void AFunctionKeysColourAloneFlushesOnlyItsDotAndLeavesTheWholeRedrawsPixels()
        {
            // A BLF key's NOTIFY (h-redraw2): the dot, not the keys region with every label's glyphs.
            DisplayProfile p = DisplayProfile.Color320x240;
            (SoftwarePanel panel, IdleScreen screen) = Screen(p);
            for (int i = 0; i < 8; i++)
            {
                screen.SetFunctionKey(i, "Key " + i, 0x07E0);
            }
            screen.Render();

            panel.ResetCounters();
            screen.SetFunctionKey(2, "Key 2", 0xF800);
            screen.SetFunctionKeyColor(5, 0);
            Assert.Equal(IdleScreen.KeysRegion, screen.Dirty);
            screen.Render();
            Assert.Equal(0, screen.Dirty);
            int dot = p.Font.Height / 2;
            Assert.Equal(2, panel.Flushes);
            Assert.Equal(2 * Bytes(p, dot, dot), panel.FlushedBytes);

            panel.ResetCounters();
            screen.SetFunctionKeyColor(2, 0xF800);
            screen.Render();
            Assert.Equal(0, panel.Flushes); // the same colour: nothing drawn

            (SoftwarePanel whole, IdleScreen fresh) = Screen(p);
            for (int i = 0; i < 8; i++)
            {
                fresh.SetFunctionKey(i, "Key " + i, i == 2 ? 0xF800 : i == 5 ? 0 : 0x07E0);
            }
            fresh.Render();
            AssertSameGlass(whole, panel, p);
        }

        [Fact]
        public void NoticesChangingInAsManyRowsFlushOnlyTheirRowsAndLeaveTheWholeRedrawsPixels()
        {
            // A status moving between the status line and the notices under office's call (h-redraw2).
            DisplayProfile p = DisplayProfile.Color320x240;
            (SoftwarePanel panel, IdleScreen screen) = Screen(p);
            string[] keys = { "Hold", "Mute", "Transfer", "End" };
            string[] lines = { "Connected: Bob", "555  00:59" };
            int[] icons = { IconId.Call, IconId.None };
            screen.SetNotices(new[] { "The current identity has new text messages", "Call forwarding is on" }, new[] { IconId.Messages, IconId.Forwarding });
            screen.SetCall(lines, icons, keys);
            screen.Render();

            panel.ResetCounters();
            screen.SetNotices(new[] { "Do not disturb is on", "Call forwarding is on" }, new[] { IconId.Dnd, IconId.Forwarding });
            screen.SetCall(lines, icons, keys);
            Assert.Equal(IdleScreen.BodyRegion, screen.Dirty);
            screen.Render();
            Assert.Equal(1, panel.Flushes);
            Assert.Equal(Bytes(p, p.Width, 2 * p.LineHeight), panel.FlushedBytes);

            (SoftwarePanel whole, IdleScreen fresh) = Screen(p);
            fresh.SetNotices(new[] { "Do not disturb is on", "Call forwarding is on" }, new[] { IconId.Dnd, IconId.Forwarding });
            fresh.SetCall(lines, icons, keys);
            fresh.Render();
            AssertSameGlass(whole, panel, p);

            // One notice fewer: the call's rows move, the body is drawn whole.
            panel.ResetCounters();
            screen.SetNotices(new[] { "Call forwarding is on" }, new[] { IconId.Forwarding });
            screen.Render();
            Assert.True(panel.FlushedBytes >= Bytes(p, p.Width, 4 * p.LineHeight), panel.FlushedBytes + " bytes: the body");
        }

        [Fact]
        public void ACallScreenWhoseSoftkeysOrIconsChangeIsRedrawnWhole()
        {
            DisplayProfile p = DisplayProfile.Color320x240;
            (SoftwarePanel panel, IdleScreen screen) = Screen(p);
            screen.SetCall(new[] { "Call from Bob", "555" }, new[] { IconId.Call, IconId.None }, new[] { "Answer", null, null, "Reject" });
            screen.Render();

            panel.ResetCounters();
            screen.SetCall(new[] { "Call from Bob", "555" }, new[] { IconId.Call, IconId.None }, new[] { "Hold", "Mute", "Transfer", "End" });
            screen.Render();
            Assert.True(panel.FlushedBytes >= Bytes(p, p.Width, 4 * p.LineHeight), panel.FlushedBytes + " bytes: the body");

            panel.ResetCounters();
            screen.SetCall(new[] { "Call from Bob", "555" }, new[] { IconId.Call, IconId.Mute }, new[] { "Hold", "Mute", "Transfer", "End" });
            screen.Render();
            Assert.True(panel.FlushedBytes >= Bytes(p, p.Width, 4 * p.LineHeight), panel.FlushedBytes + " bytes: the body");
        }

        [Fact]
        public void EachChangeMarksAndFlushesOnlyItsRegion()
        {
            (SoftwarePanel panel, IdleScreen screen) = Screen(DisplayProfile.Color320x240);
            screen.Render();
            Assert.Equal(0, screen.Dirty);

            screen.SetIdentity("486 - Do not disturb");
            Assert.Equal(IdleScreen.IdentityRegion, screen.Dirty);
            panel.ResetCounters();
            screen.Render();
            Assert.Equal(1, panel.Flushes);
            Assert.Equal(320L * DisplayProfile.Color320x240.LineHeight * 2, panel.FlushedBytes);

            screen.SetMessage("Short now");
            Assert.Equal(IdleScreen.BodyRegion, screen.Dirty);
            panel.ResetCounters();
            screen.Render();
            Assert.Equal(1, panel.Flushes);
            DisplayProfile p = DisplayProfile.Color320x240;
            long outsideBody = 320L * 2 * (p.StatusHeight + p.LineHeight + p.FunctionKeyRows * p.LineHeight);
            Assert.True(panel.FlushedBytes <= 320L * 240 * 2 - outsideBody, panel.FlushedBytes + " bytes for a message change");

            screen.SetFunctionKey(1, "dave", 0x001F);
            Assert.Equal(IdleScreen.KeysRegion, screen.Dirty);
            panel.ResetCounters();
            screen.Render();
            Assert.Equal(1, panel.Flushes);
            Assert.Equal(0, screen.Dirty);
        }

        /// <summary>
        /// A function key's label longer than its cell is drawn and described cut with the mark, the same each time (the
        /// cut text is made when the keys are drawn, not kept); setting the same label again redraws nothing.
        /// </summary>
        [Fact]
        public void ALongFunctionKeyLabelIsCutToItsCellEveryTime()
        {
            (SoftwarePanel panel, IdleScreen screen) = Screen(DisplayProfile.Color320x240);
            screen.SetFunctionKey(2, "Conference room north wing", 0x07E0);
            screen.Render();
            string first = Described(screen);
            string line = first.Substring(first.IndexOf("[key 3] ", System.StringComparison.Ordinal) + 8).Split('\n')[0];
            Assert.EndsWith(TextWrap.CutMark, line);
            Assert.StartsWith(line.Substring(0, line.Length - TextWrap.CutMark.Length), "Conference room north wing");
            Assert.True(line.Length < "Conference room north wing".Length, line);
            panel.ResetCounters();
            screen.SetFunctionKey(2, "Conference room north wing", 0x07E0);
            Assert.Equal(0, screen.Dirty);
            screen.Render();
            Assert.Equal(0, panel.Flushes);
            Assert.Equal(first, Described(screen));
        }

        /// <summary>
        /// The function keys' labels, kept in one text (docs/benchmarks.md h-restfields), stay each its key's: a key
        /// without a label between labelled ones is neither drawn nor described, a label changed or taken away leaves the
        /// others as they were, a line break in a label does not move the keys after it, and a colour alone marks the keys.
        /// </summary>
        [Fact]
        public void FunctionKeyLabelsStayTheirKeys()
        {
            (SoftwarePanel panel, IdleScreen screen) = Screen(DisplayProfile.Color320x240);
            for (int k = 0; k < 8; k++)
            {
                screen.SetFunctionKey(k, null, 0);
            }
            screen.SetFunctionKey(0, "bob", 0xF800);
            screen.SetFunctionKey(2, "carol", 0x07E0);
            screen.SetFunctionKey(3, "a\nb", 0);
            screen.Render();
            string described = Described(screen);
            Assert.Contains("[key 1] bob", described);
            Assert.DoesNotContain("[key 2]", described);
            Assert.Contains("[key 3] carol", described);
            Assert.Contains("[key 4] a b", described);

            screen.SetFunctionKey(0, null, 0);
            screen.SetFunctionKey(1, "dave", 0x001F);
            Assert.Equal(IdleScreen.KeysRegion, screen.Dirty);
            screen.Render();
            described = Described(screen);
            Assert.DoesNotContain("[key 1]", described);
            Assert.Contains("[key 2] dave", described);
            Assert.Contains("[key 3] carol", described);
            Assert.Contains("[key 4] a b", described);

            screen.SetFunctionKey(2, "carol", 0x07E0);
            Assert.Equal(0, screen.Dirty);
            screen.SetFunctionKeyColor(2, 0xF800);
            Assert.Equal(IdleScreen.KeysRegion, screen.Dirty);
            screen.Render();
            Assert.Contains("[key 3] carol", Described(screen));
        }

        /// <summary>
        /// The Infobox's lines are kept once (as the body's rows while each takes one row): notices that come and go
        /// re-wrap them into the rows left and back, lines that wrap into two rows and lines that fit alike.
        /// </summary>
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void NoticesThatComeAndGoLayTheInfoboxOutAgainWhole(bool aLineWraps)
        {
            (SoftwarePanel _, IdleScreen screen) = Screen(DisplayProfile.Color320x240);
            string long1 = aLineWraps ? "A line long enough to take two rows of the body on this display, or more" : "Line one";
            var lines = new[] { long1, "Line two", "Line three", "Line four", "Line five", "Line six" };
            screen.SetInfoBox(lines, new[] { 1, 2, 3, 4, 5, 6 });
            screen.Render();
            string before = Described(screen);
            var notices = new string[screen.MaxNoticeRows];
            var icons = new int[notices.Length];
            for (int i = 0; i < notices.Length; i++)
            {
                notices[i] = "Notice " + i;
            }
            screen.SetNotices(notices, icons);
            screen.Render();
            string with = Described(screen);
            Assert.Contains("[notice] Notice 0", with);
            Assert.Contains("[mark] ...", with);
            screen.SetNotices(new string[0], new int[0]);
            screen.Render();
            Assert.Equal(before, Described(screen));
            Assert.Contains("[infobox] <6> Line six", before);
        }

        [Fact]
        public void ACallScreenCutUnderNoticesShowsItsRowsUntilItIsSetAgainThenAllItsLines()
        {
            // The call screen keeps its rows, not its lines (h-callrest2): when the notices go, the rows shown are laid
            // out again; the feeder's next SetCall (at every compose, after the notices) brings the cut lines back.
            (SoftwarePanel _, IdleScreen screen) = Screen(DisplayProfile.Color320x240);
            var lines = new[] { "Connected: Bob", "555  00:03", "Line three", "Line four", "Line five", "Line six" };
            var icons = new[] { IconId.Call, 0, 0, 0, 0, 0 };
            var keys = new[] { "Hold", null, "Transfer", "End" };
            var notices = new string[screen.MaxNoticeRows];
            for (int i = 0; i < notices.Length; i++)
            {
                notices[i] = "Notice " + i;
            }
            screen.SetNotices(notices, new int[notices.Length]);
            screen.SetCall(lines, icons, keys);
            screen.Render();
            string cut = Described(screen);
            Assert.Contains("[mark] ...", cut);
            Assert.DoesNotContain("Line six", cut);

            screen.SetNotices(new string[0], new int[0]);
            screen.Render();
            Assert.DoesNotContain("Line six", Described(screen));
            Assert.DoesNotContain("[notice]", Described(screen));

            screen.SetCall(lines, icons, new[] { "Hold", null, "Transfer", "End" });
            screen.Render();
            string all = Described(screen);
            Assert.Contains("[call] Line six", all);
            Assert.DoesNotContain("[mark]", all);
            Assert.Contains("[softkey 1] Hold", all);
            Assert.DoesNotContain("[softkey 2]", all);
            Assert.Contains("[softkey 3] Transfer", all);
            Assert.Contains("[softkey 4] End", all);
        }

        [Fact]
        public void ACallScreensSoftkeysThatChangeAreShownAsTheyAreNow()
        {
            (SoftwarePanel _, IdleScreen screen) = Screen(DisplayProfile.Color320x240);
            var lines = new[] { "Connected: Bob", "555  00:03" };
            var icons = new[] { IconId.Call, 0 };
            screen.SetCall(lines, icons, new[] { "Hold", "Mute", "Transfer", "End" });
            screen.Render();
            screen.SetCall(lines, icons, new[] { "Hold", "Unmute", "Transfer", "End" });
            screen.Render();
            string now = Described(screen);
            Assert.Contains("[softkey 2] Unmute", now);
            screen.SetCall(lines, icons, new[] { "Hold", "Mute", "Transfer", null });
            screen.Render();
            now = Described(screen);
            Assert.Contains("[softkey 2] Mute", now);
            Assert.DoesNotContain("[softkey 4]", now);
            // A label of the same length as the one it replaces.
            screen.SetCall(lines, icons, new[] { "Park", "Mute", "Transfer", null });
            screen.Render();
            Assert.Contains("[softkey 1] Park", Described(screen));
        }

        /// <summary>The panel a screen drew in parts shows, pixel for pixel, what one that drew it whole shows.</summary>
        private static void AssertSameGlass(SoftwarePanel whole, SoftwarePanel panel, DisplayProfile p)
        {
            for (int y = 0; y < p.Height; y++)
            {
                for (int x = 0; x < p.Width; x++)
                {
                    Assert.Equal(whole.Pixel(x, y), panel.Pixel(x, y));
                }
            }
        }

        [Fact]
        public void ACallScreensSoftkeysAreComparedWithTheKeptOnesAndTakenWhenTheyDifferInAnyLabel()
        {
            // SetCall compares the new labels with the kept text where they lie (h-screenturn): equal labels in a new
            // array patch the rows, and any difference (a label, null against empty, a line break kept as a space, an
            // emoji's second half, one key more) is taken and drawn again.
            DisplayProfile p = Profile("320x240");
            (SoftwarePanel panel, IdleScreen screen) = Screen(p);
            string[] lines = { "Connected: Bob" };
            int[] icons = { IconId.Call };
            screen.SetCall(lines, icons, new[] { "Hold", null, "A\U0001F600", "End" });
            screen.Render();
            screen.SetCall(lines, icons, new[] { "Hold", null, "A\U0001F600", "End" });
            Assert.Equal(0, screen.Dirty);

            string[][] changed =
            {
                new[] { "Hold", null, "A\U0001F601", "End" },
                new[] { "Hold", "", "A\U0001F601", "End" },
                new[] { "Hold", "", "A\U0001F601", "En" },
                new[] { "Hold", "", "A\U0001F601", "En", "X" },
                new[] { "Ho\nld", "", "A\U0001F601", "En", "X" },
            };
            foreach (string[] keys in changed)
            {
                screen.SetCall(lines, icons, keys);
                Assert.Equal(IdleScreen.BodyRegion, screen.Dirty);
                screen.Render();
                (SoftwarePanel whole, IdleScreen fresh) = Screen(p);
                fresh.SetCall(lines, icons, keys);
                fresh.Render();
                Assert.Equal(Described(fresh), Described(screen));
                AssertSameGlass(whole, panel, p);
            }
            // A line break is kept as a space: the same labels with a space are the same.
            screen.SetCall(lines, icons, new[] { "Ho ld", "", "A\U0001F601", "En", "X" });
            Assert.Equal(0, screen.Dirty);
        }

        private static string Described(IdleScreen screen)
        {
            var sb = new System.Text.StringBuilder();
            screen.Describe(sb, id => id.ToString());
            return sb.ToString();
        }

        [Fact]
        public void UnchangedValuesRedrawNothing()
        {
            (SoftwarePanel panel, IdleScreen screen) = Screen(DisplayProfile.Color320x240);
            screen.Render();
            panel.ResetCounters();
            screen.SetStatusLine("No administrator password is set", IconId.Security);
            screen.SetIdentity("486 - Online");
            screen.Render();
            Assert.Equal(0, panel.Flushes);
        }

        [Theory]
        [MemberData(nameof(ScreenGoldenTests.Profiles), MemberType = typeof(ScreenGoldenTests))]
        public void OnEveryProfileEachChangeFlushesOnlyItsRegion(string profileName)
        {
            DisplayProfile p = Profile(profileName);
            (SoftwarePanel panel, IdleScreen screen) = Screen(p);
            screen.Render();

            panel.ResetCounters();
            screen.SetStatusLine("The Ethernet cable is unplugged", IconId.Network);
            Assert.Equal(IdleScreen.StatusRegion, screen.Dirty);
            screen.Render();
            Assert.Equal(1, panel.Flushes);
            Assert.Equal(Bytes(p, p.Width, p.StatusHeight), panel.FlushedBytes);

            panel.ResetCounters();
            screen.SetIdentity("486 - Do not disturb");
            screen.Render();
            Assert.Equal(1, panel.Flushes);
            // The identity line with its text's last pixel row (one below the line on monochrome, where rows have no spacing).
            Assert.Equal(Bytes(p, p.Width, System.Math.Max(p.LineHeight, p.Font.Height + 1)), panel.FlushedBytes);

            // A long multi-byte message fills the body and no more: status, identity and keys stay untouched.
            panel.ResetCounters();
            screen.SetMessage(new string('ж', 2000));
            screen.Render();
            Assert.Equal(1, panel.Flushes);
            int bodyTop = p.StatusHeight + p.LineHeight + p.Margin;
            int bodyBottom = p.FunctionKeyRows > 0 ? p.Height - p.FunctionKeyRows * p.LineHeight - p.Margin : p.Height;
            Assert.Equal(Bytes(p, p.Width, bodyBottom - bodyTop), panel.FlushedBytes);
        }

        [Theory]
        [MemberData(nameof(ScreenGoldenTests.Profiles), MemberType = typeof(ScreenGoldenTests))]
        public void TheOverflowMarkSitsOnTheLastTextRow(string profileName)
        {
            DisplayProfile p = Profile(profileName);
            (SoftwarePanel panel, IdleScreen screen) = Screen(p);
            screen.SetMessage(new string('ж', 2000));
            screen.Render();
            int bodyTop = p.StatusHeight + p.LineHeight + p.Margin;
            int bodyBottom = p.FunctionKeyRows > 0 ? p.Height - p.FunctionKeyRows * p.LineHeight - p.Margin : p.Height;
            int rows = (bodyBottom - bodyTop) / p.LineHeight;
            int lastRow = bodyTop + (rows - 1) * p.LineHeight;
            int markWidth = p.Font.Measure("...");
            int markLeft = p.Width - p.Margin - markWidth;
            int ink = p.IsColor ? p.Dim : 0;
            int inkPixels = 0;
            for (int y = lastRow; y < lastRow + p.Font.Height; y++)
            {
                for (int x = markLeft; x < markLeft + markWidth; x++)
                {
                    inkPixels += panel.Pixel(x, y) == (p.IsColor ? ink : 0) ? 1 : 0;
                }
            }
            Assert.InRange(inkPixels, 3, markWidth * p.Font.Height - 1);
            // Below the last row nothing of the text or the mark is left.
            for (int y = bodyTop + rows * p.LineHeight; y < bodyBottom; y++)
            {
                for (int x = 0; x < p.Width; x++)
                {
                    Assert.Equal(p.IsColor ? p.Background : 0, (int)panel.Pixel(x, y));
                }
            }
        }

        [Fact]
        public void AnIconChangeAloneRedrawsTheStatusLineWithTheNewIcon()
        {
            DisplayProfile p = DisplayProfile.Color320x240;
            (SoftwarePanel panel, IdleScreen screen) = Screen(p);
            screen.Render();
            int iconTop = (p.StatusHeight - IconStyle.Size) / 2;

            panel.ResetCounters();
            screen.SetStatusLine("No administrator password is set", IconId.Lock);
            Assert.Equal(IdleScreen.StatusRegion, screen.Dirty);
            screen.Render();

            Assert.Equal(Bytes(p, p.Width, p.StatusHeight), panel.FlushedBytes);
            for (int y = 0; y < IconStyle.Size; y++)
            {
                for (int x = 0; x < IconStyle.Size; x++)
                {
                    int expected = IconBitmaps.IsSet(IconId.Lock, x, y) ? IconStyle.Glyph : IconStyle.Color(IconId.Lock);
                    Assert.Equal(expected, (int)panel.Pixel(p.Margin + x, iconTop + y));
                }
            }
        }

        [Fact]
        public void AGoldenMismatchWritesTheActualAndADiffBesideIt()
        {
            string dir = Path.Combine(Path.GetTempPath(), "golden-" + System.Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                var panel = new SoftwarePanel(DisplayProfile.Mono128x64);
                Golden.Check("sample", panel, dir, update: true);
                Golden.Check("sample", panel, dir, update: false);
                Assert.False(File.Exists(Path.Combine(dir, "sample.actual.png")));

                panel.FillRect(3, 2, 1, 1, 1);
                panel.Flush(0, 0, panel.Width, panel.Height);
                var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Golden.Check("sample", panel, dir, update: false));
                Assert.Contains("in 1 pixels, the first at (3, 2)", failure.Message);

                Assert.Equal(panel.ToPng(), File.ReadAllBytes(Path.Combine(dir, "sample.actual.png")));
                Golden.Image diff = Golden.Decode(File.ReadAllBytes(Path.Combine(dir, "sample.diff.png")));
                for (int y = 0; y < panel.Height; y++)
                {
                    for (int x = 0; x < panel.Width; x++)
                    {
                        Assert.Equal(x == 3 && y == 2, diff.Rgb565(x, y) != 0);
                    }
                }
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public void DrawingReachesTheGlassOnlyThroughAFlush()
        {
            var panel = new SoftwarePanel(DisplayProfile.Color320x240);
            panel.FillRect(0, 0, 10, 10, 0xF800);
            Assert.Equal(0, panel.Pixel(5, 5));
            panel.Flush(0, 0, 10, 10);
            Assert.Equal(0xF800, panel.Pixel(5, 5));
        }

        private static (SoftwarePanel, IdleScreen) Screen(DisplayProfile profile) => ScreenGoldenTests.Screen(profile);

        private static DisplayProfile Profile(string name) => ScreenGoldenTests.Profile(name);

        // What a flush of a w x h rectangle costs on the profile's panel (SoftwarePanel's count).
        private static long Bytes(DisplayProfile p, int width, int height) => p.IsColor ? (long)width * height * 2 : (long)width * height / 8;
    }

    public class TextWrapTests
    {
        [Fact]
        public void BreaksAtSpacesAndKeepsLineBreaks()
        {
            string[] lines = TextWrap.Wrap("the quick brown fox\njumps", 10, 10, out bool overflow);
            Assert.Equal(new[] { "the quick", "brown fox", "jumps" }, lines);
            Assert.False(overflow);
        }

        [Theory]
        // A row that ends where a line break follows its spaces, a break further on than a row reaches, empty lines.
        [InlineData("the quick   \nbrown", 9, "the quick|brown")]
        [InlineData("abcdefghij\nk", 10, "abcdefghij|k")]
        [InlineData("aaaa bbbb cccc dddd\nee", 10, "aaaa bbbb|cccc dddd|ee")]
        [InlineData("abc\n\ndef", 10, "abc||def")]
        [InlineData("abc\n", 10, "abc")]
        public void LineBreaksAfterAWrappedRowStartNoEmptyRow(string text, int columns, string expected)
        {
            string[] lines = TextWrap.Wrap(text, columns, 10, out bool overflow);
            Assert.Equal(expected, string.Join("|", lines));
            Assert.False(overflow);
        }

        [Theory]
        [InlineData("short\nand more", 10, "short...")]
        [InlineData("a row that is far too long\nx", 10, "a row...")]
        [InlineData("fits", 10, "fits")]
        public void FitCutsAtTheFirstLineBreakOrTheRowsEnd(string text, int columns, string expected)
        {
            Assert.Equal(expected, TextWrap.Fit(text, columns));
        }

        [Fact]
        public void HardBreaksLongWordsAndMarksOverflow()
        {
            string[] lines = TextWrap.Wrap("abcdefghijklmnopqrstuvwxyz", 10, 2, out bool overflow);
            Assert.Equal(new[] { "abcdefghij", "klmnopqrst" }, lines);
            Assert.True(overflow);
        }

        [Fact]
        public void MultiByteCharactersTakeOneCellEach()
        {
            string[] lines = TextWrap.Wrap("Grüße Ελλάδα Привет", 12, 5, out _);
            Assert.Equal(new[] { "Grüße Ελλάδα", "Привет" }, lines);
        }

        [Fact]
        public void LongMultiByteTextStopsAtTheLastLineAndKeepsEveryCharacterItShows()
        {
            string text = "Καλημέρα σας, Привет всем, Grüße an alle. ";
            text = text + text + text + text;
            string[] lines = TextWrap.Wrap(text, 16, 3, out bool overflow);
            Assert.True(overflow);
            Assert.Equal(3, lines.Length);
            int at = 0;
            foreach (string line in lines)
            {
                Assert.InRange(line.Length, 1, 16);
                at = text.IndexOf(line, at, System.StringComparison.Ordinal);
                Assert.True(at >= 0, "'" + line + "' is not a piece of the text in order");
                at += line.Length;
            }
            Assert.Equal(new[] { "Καλημέρα σας,", "Привет всем,", "Grüße an alle." }, lines);
        }

        [Fact]
        public void FontHasTheScriptsAndAReplacementForTheRest()
        {
            var font = DeskPhone.Host.Panel.Fonts.FontGlyphs.For(DeskPhone.Ui.Fonts.BitmapFont.Fixed8x16);
            Assert.True(font.Has('ß'));
            Assert.True(font.Has('λ'));
            Assert.True(font.Has('Ж'));
            Assert.False(font.Has('漢'));
            bool drawn = false;
            for (int row = 0; row < font.Height; row++)
            {
                drawn |= font.Row('漢', row) > 0;
            }
            Assert.True(drawn, "a missing glyph must still show something");
        }
    }
}
