using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using DeskPhone.Domain.Settings;

namespace DeskPhone.Firmware.Tests.Settings
{
    /// <summary>
    /// Settings are looked up through <see cref="SettingNames"/>: its constants are exactly the table's rows, and the
    /// product code spells no setting name as a literal, where a typo would silently read the default.
    /// </summary>
    public class SettingNamesTests
    {
        /// <summary>Files that may spell names: the table itself, the constants, and the two folders below Settings in
        /// the layer order (docs/architecture.md), which name their lists in parse reports; their names are checked below.</summary>
        private static readonly string[] Spelling =
        {
            "domain/Settings/SettingsTable.cs", "domain/Settings/SettingNames.cs",
            "domain/Status/StatusCategory.cs", "domain/Leds/LedPolicy.cs",
        };

        [Fact]
        public void TheConstantsAreTheTablesNames()
        {
            string[] constants = Constants().OrderBy(n => n).ToArray();

            Assert.Equal(TableNames().OrderBy(n => n).ToArray(), constants);
        }

        /// <summary>A misspelt family prefix would match nothing: the dispatcher would silently ignore the family.</summary>
        [Theory]
        [InlineData(SettingNames.StatusMsgsFamily)]
        [InlineData(SettingNames.LedFamily)]
        [InlineData(SettingNames.UserFamily)]
        [InlineData(SettingNames.UserFwdFamily)]
        public void EachFamilyPrefixStartsSettingsOfTheTable(string prefix)
        {
            Assert.Contains(TableNames(), n => n.StartsWith(prefix, System.StringComparison.Ordinal) && n.Length > prefix.Length);
        }

        [Fact]
        public void TheFamiliesAreTheConstantsEndingInAnUnderscore()
        {
            Assert.Equal(new[] { SettingNames.LedFamily, SettingNames.StatusMsgsFamily, SettingNames.UserFamily, SettingNames.UserFwdFamily },
                AllConstants().Where(n => n.EndsWith("_")).OrderBy(n => n, System.StringComparer.Ordinal));
        }

        [Fact]
        public void NoProductCodeLooksASettingUpByALiteral()
        {
            HashSet<string> table = TableNames();
            var literals = new List<string>();
            foreach (string file in ProductSources().Where(f => !Spelling.Contains(f)))
            {
                foreach (Match m in Regex.Matches(File.ReadAllText(Path.Combine(RepoRoot(), file)), "\"([a-z0-9_]+)\""))
                {
                    if (table.Contains(m.Groups[1].Value))
                    {
                        literals.Add(file + ": \"" + m.Groups[1].Value + "\"");
                    }
                }
            }

            Assert.True(literals.Count == 0, "use SettingNames instead of:\n" + string.Join("\n", literals));
        }

        [Fact]
        public void TheLowerLayersSpellOnlyNamesOfTheTable()
        {
            HashSet<string> table = TableNames();
            foreach (string file in new[] { "domain/Status/StatusCategory.cs", "domain/Leds/LedPolicy.cs" })
            {
                MatchCollection names = Regex.Matches(File.ReadAllText(Path.Combine(RepoRoot(), file)), "\"((?:status_msgs|led)_[a-z0-9_]+)\"");
                Assert.NotEmpty(names);
                Assert.All(names, m => Assert.True(table.Contains(m.Groups[1].Value), file + ": \"" + m.Groups[1].Value + "\" is no setting"));
            }
        }

        private static HashSet<string> TableNames()
        {
            var names = new HashSet<string>();
            for (int i = 0; SettingsTable.Define(i) != null; i++)
            {
                names.Add(SettingsTable.Define(i).Name);
            }
            return names;
        }

        /// <summary>The setting names among SettingNames' constants (the family prefixes end in '_', no name does).</summary>
        private static IEnumerable<string> Constants() => AllConstants().Where(n => !n.EndsWith("_"));

        private static IEnumerable<string> AllConstants() =>
            typeof(SettingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue());

        private static IEnumerable<string> ProductSources()
        {
            string root = RepoRoot();
            return new[] { "sip", "drivers", "ui", "domain", "firmware", "board", "tools" }
                .SelectMany(d => Directory.GetFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories))
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/"));
        }

        private static string RepoRoot() =>
            typeof(SettingNamesTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepoRoot").Value;
    }
}
