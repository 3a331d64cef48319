using DeskPhone.Firmware.Bench;
using DeskPhone.Host.Panel;

namespace DeskPhone.Host.Sim
{
    /// <summary>The simulator's screen for the bench: the text regions, and the software panel's pixels as PNG.</summary>
    public sealed class PanelScreen : IScreenSource
    {
        private readonly ScreenText _text;
        private readonly SoftwarePanel _panel;

        public PanelScreen(ScreenText text, SoftwarePanel panel)
        {
            _text = text;
            _panel = panel;
        }

        public string GetScreenText() => _text.GetScreenText();

        public byte[] GetScreenPng() => _panel.ToPng();
    }
}
