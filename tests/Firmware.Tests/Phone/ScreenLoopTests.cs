using System;
using System.Text;
using DeskPhone.Ui.Fonts;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Firmware.Tests.Phone
{
    /// <summary>
    /// Where the screen is drawn: in the loop turn after the SIP handling (PhoneApp.Poll), from a dirty flag the phone's
    /// events set, never inside the handling of a request, so the answer is on the wire before anything is drawn.
    /// </summary>
    public class ScreenLoopTests
    {
        /// <summary>A panel that fails on one text, as a renderer fault would, and counts the texts drawn.</summary>
        private sealed class FaultyPanel : IPanel
        {
            public int Texts;
            public int Width => 320;
            public int Height => 240;
            public bool IsColor => true;
            public void FillRect(int x, int y, int width, int height, int color) { }
            public void DrawIcon(int icon, int x, int y) { }
            public void Flush(int x, int y, int width, int height) { }

            public void DrawText(string text, int x, int y, int color, BitmapFont font, int maxWidth)
            {
                Texts++;
                if (text.Contains("boom"))
                {
                    throw new InvalidOperationException("renderer fault");
                }
            }
        }

        /// <summary>A panel whose flushes find no heap while <see cref="Short"/> is set, and counts them.</summary>
        private sealed class ShortPanel : IPanel
        {
            public bool Short;
            public int Flushes;
            public int Width => 320;
            public int Height => 240;
            public bool IsColor => true;
            public void FillRect(int x, int y, int width, int height, int color) { }
            public void DrawIcon(int icon, int x, int y) { }
            public void DrawText(string text, int x, int y, int color, BitmapFont font, int maxWidth) { }

            public void Flush(int x, int y, int width, int height)
            {
                Flushes++;
                if (Short)
                {
                    throw new OutOfMemoryException();
                }
            }
        }

        [Fact]
        public void ARedrawWithoutHeapIsTriedAgainASecondLaterNotEveryTurn()
        {
            var panel = new ShortPanel();
            var phone = new SipPhone(null, panel);
            phone.Run(10);
            phone.Register();
            phone.Run(100);
            panel.Short = true;
            panel.Flushes = 0;
            phone.Channel.Arrive(Message("Lunch is ready"));
            phone.Run(2500); // 250 loop turns
            // The message's redraw ran out at its turn and a second and two seconds later: 3 tries, not 250.
            Assert.Equal(3, phone.App.Screen.FailedRedraws);
            Assert.Equal(3, panel.Flushes);
            Assert.NotEqual(0, phone.App.Idle.Dirty);

            panel.Short = false;
            phone.Run(1000);
            Assert.Equal(0, phone.App.Idle.Dirty);
            Assert.Equal(3, phone.App.Screen.FailedRedraws);
            Assert.Contains("[message] Lunch is ready", phone.App.Text.GetScreenText());
        }

        private static string Message(string text) =>
            "MESSAGE sip:100@192.0.2.10;line=dp1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKscreen\r\nMax-Forwards: 70\r\n" +
            "From: <sip:pbx@10.0.0.1>;tag=s1\r\nTo: <sip:100@192.0.2.10>\r\nCall-ID: screen-1@10.0.0.1\r\nCSeq: 1 MESSAGE\r\n" +
            "Content-Type: text/plain\r\nContent-Length: " + Encoding.UTF8.GetByteCount(text) + "\r\n\r\n" + text;

        private static bool Answered200(SipPhone phone)
        {
            foreach (string m in phone.Channel.Sent)
            {
                if (m.StartsWith("SIP/2.0 200 ") && SipChannel.Header(m, "Call-ID") == "screen-1@10.0.0.1")
                {
                    return true;
                }
            }
            return false;
        }

        [Fact]
        public void AFaultWhileDrawingStillLeavesTheMessageAnswered()
        {
            var panel = new FaultyPanel();
            var phone = new SipPhone(null, panel);
            phone.Run(10);
            phone.Register();
            phone.Run(100);
            phone.Channel.Arrive(Message("boom"));
            // The turn that handles a request leaves the drawing to the next turn (PhoneApp.Poll), which meets the fault.
            phone.App.Poll(phone.Now + 10);
            Assert.True(Answered200(phone), "the MESSAGE was not answered before the screen was drawn");
            Assert.Throws<InvalidOperationException>(() => phone.App.Poll(phone.Now + 20));
        }

        [Fact]
        public void TheSipHandlingOnlyMarksTheScreenAndTheLoopTurnDrawsItOnce()
        {
            var panel = new FaultyPanel();
            var phone = new SipPhone(null, panel);
            phone.Run(10);
            phone.Register();
            phone.Run(100);
            Assert.False(phone.App.Screen.Dirty);
            int before = panel.Texts;
            phone.Channel.Arrive(Message("Lunch is ready"));
            phone.Agent.Poll(phone.Now + 10); // the SIP step of the turn alone: answered, not drawn
            Assert.True(Answered200(phone));
            Assert.True(phone.App.Screen.Dirty);
            Assert.Equal(before, panel.Texts);
            Assert.DoesNotContain("Lunch is ready", phone.App.Text.GetScreenText());

            phone.Run(10);
            Assert.False(phone.App.Screen.Dirty);
            Assert.Contains("[message] Lunch is ready", phone.App.Text.GetScreenText());
            int drawn = panel.Texts - before;
            phone.Run(100);
            Assert.Equal(drawn, panel.Texts - before); // nothing more to draw until something changes
        }

        /// <summary>
        /// The composition keeps the identity line and the key labels it built and builds them again only when a
        /// setting they come from changes: a changed user_name or fkey (even back to an earlier value) is drawn.
        /// </summary>
        [Fact]
        public void AChangedUserNameOrKeyDefinitionIsDrawnAgain()
        {
            var phone = new SipPhone(null, new FaultyPanel());
            phone.Run(10);
            Assert.Null(phone.Settings.Set("fkey", 1, "blf sip:carol@pbx"));
            Assert.Null(phone.Settings.Set("user_name", 1, "Alice"));
            phone.Run(10);
            string screen = phone.App.Text.GetScreenText();
            Assert.Contains("[key 1] carol", screen);
            Assert.Contains("[identity] Alice - ", screen);

            Assert.Null(phone.Settings.Set("fkey", 1, "blf sip:dave@pbx"));
            Assert.Null(phone.Settings.Set("user_name", 1, "Bob"));
            phone.Run(10);
            screen = phone.App.Text.GetScreenText();
            Assert.Contains("[key 1] dave", screen);
            Assert.Contains("[identity] Bob - ", screen);

            Assert.Null(phone.Settings.Set("fkey", 1, "blf sip:carol@pbx"));
            Assert.Null(phone.Settings.Set("user_name", 1, "Alice"));
            phone.Run(10);
            screen = phone.App.Text.GetScreenText();
            Assert.Contains("[key 1] carol", screen);
            Assert.Contains("[identity] Alice - ", screen);
        }
    }
}
