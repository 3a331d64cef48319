using System.IO;
using System.Linq;
using System.Reflection;
using DeskPhone.Domain.Settings;

namespace DeskPhone.Firmware.Tests.Settings
{
    public class SettingsDocsTests
    {
        [Fact]
        public void EverySettingHasARowInDocsSettingsMd()
        {
            string root = typeof(SettingsDocsTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .First(a => a.Key == "RepoRoot").Value;
            string doc = File.ReadAllText(Path.Combine(root, "docs", "settings.md"));
            var store = new SettingsStore();
            for (int i = 0; i < store.DefinitionCount; i++)
            {
                SettingDefinition def = store.GetDefinition(i);
                string row = doc.Split('\n').FirstOrDefault(l => l.StartsWith("| `" + def.Name + "` |"));
                Assert.True(row != null, def.Name + " has no row in docs/settings.md");
                Assert.Contains(def.NeedsReboot ? "| reboot |" : "| live |", row);
            }
        }
    }
}
