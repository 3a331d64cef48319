using DeskPhone.Domain.Status;
using DeskPhone.Ui.Icons;

namespace DeskPhone.Domain.Messages
{
    /// <summary>
    /// Icon names an Infobox line may carry (case-insensitive); anything else shows the info icon. A part of
    /// <see cref="InfoBox"/>, not a class of its own (a type is 8 B of runtime tables on the device, h-domslim).
    /// </summary>
    public sealed partial class InfoBox
    {
        // The names as a column of PackedText (one literal, each name ended by '\n', and a literal of their lengths) and
        // each name's icon as a character, 'A' + its IconId: literals keep their text in flash, as the tables in code
        // before, which were two switches and 268 B more of DeskPhone.Domain's byte code (docs/benchmarks.md,
        // h-domroom); static arrays would be built at boot and take heap from the start.
        private const string IconNames = "none\ninfo\nwarning\nerror\nmessage\nvoicemail\ncall\nmissed\ndnd\nforward\nnetwork\nclock\nlock\npresence\npark\nannouncement\nsecurity\ncalendar\n";
        private const string IconNameLengths = "\u0024\u0024\u0027\u0025\u0027\u0029\u0024\u0026\u0023\u0027\u0027\u0025\u0024\u0028\u0024\u002C\u0028\u0028";
        private const string IconCodes = "AUVWDEQRGFBTSX\\]NT";

        /// <summary>The Infobox name of an icon (the first one that maps to it), e.g. "warning".</summary>
        public static string IconName(int icon)
        {
            int i = IconCodes.IndexOf((char)('A' + icon));
            if (i < 0)
            {
                return "info";
            }
            int start = 0;
            for (int k = 0; k < i; k++)
            {
                start += IconNameLengths[k] - PackedText.Lengths + 1;
            }
            return new string(IconNames.ToCharArray(start, IconNameLengths[i] - PackedText.Lengths));
        }

        public static int FindIcon(string name)
        {
            if (name == null || name.Length == 0)
            {
                return IconId.None;
            }
            string lower = name.Trim().ToLower();
            int i = PackedText.Find(IconNames, IconNameLengths, lower, 0, lower.Length);
            return i < 0 ? IconId.Info : IconCodes[i] - 'A';
        }
    }
}
