using System.Text;
using DeskPhone.Domain.Messages;
using DeskPhone.Ui.Icons;
using DeskPhone.Ui.Rendering;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// The screen for the bench (/api/screen, phonectl screen, the HIL and kamailio tests): the screen model's own
    /// description of what it drew (<see cref="IdleScreen.Describe"/>), region by region, so the text cannot say
    /// anything the picture does not show. Infobox icons are named as the Infobox names them ("warning"); the call
    /// screen's audio device and mute marks are "audio" and "muted".
    /// </summary>
    public sealed class ScreenText : IScreenSource
    {
        private readonly IdleScreen _screen;

        public ScreenText(IdleScreen screen)
        {
            _screen = screen;
        }

        public string GetScreenText()
        {
            var sb = new StringBuilder();
            _screen.Describe(sb, IconName);
            return sb.ToString();
        }

        public byte[] GetScreenPng() => null;

        private static string IconName(int icon) =>
            icon == IconId.AudioDevice ? "audio" : icon == IconId.Mute ? "muted" : InfoBox.IconName(icon);
    }
}
