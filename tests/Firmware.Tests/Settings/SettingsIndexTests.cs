using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using DeskPhone.Domain.Settings;

namespace DeskPhone.Firmware.Tests.Settings
{
    /// <summary>
    /// The store reads names from one literal (SettingsIndex.NamesInTableOrder, SettingNameList.cs) whose entry o is row o's name: the list must
    /// hold exactly the table's names in the table's order, or a lookup misses (or lands on another row).
    /// </summary>
    public class SettingsIndexTests
    {
        private readonly SettingsStore _store = new SettingsStore();

        [Fact]
        public void TheNameListIsTheTablesNamesInTheTablesOrder()
        {
            string list = (string)typeof(SettingsStore).Assembly.GetType("DeskPhone.Domain.Settings.SettingsIndex")!
                .GetField("NamesInTableOrder", BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;
            string[] table = Enumerable.Range(0, _store.DefinitionCount).Select(o => _store.GetDefinition(o).Name).ToArray();

            Assert.EndsWith("\n", list);
            Assert.Equal(table, list.TrimEnd('\n').Split('\n'));
            Assert.Equal(list.Length, Encoding.UTF8.GetByteCount(list)); // ASCII: one byte a character on the device
        }

        [Fact]
        public void EveryNameFindsItsOwnRow()
        {
            for (int o = 0; o < _store.DefinitionCount; o++)
            {
                string name = _store.GetDefinition(o).Name;
                Assert.Equal(o, _store.OrdinalOf(name));
                Assert.Equal(o, _store.FindDefinition(name).Ordinal);
            }
        }

        [Theory]
        [InlineData("")]
        [InlineData("a")]
        [InlineData("user")]
        [InlineData("user_")]
        [InlineData("user_activ")]
        [InlineData("user_activex")]
        [InlineData("User_active")]
        [InlineData("user_active\n")]
        [InlineData("user_active\nuser_name")]
        [InlineData("zzzz")]
        public void OtherTextsAreUnknown(string name)
        {
            Assert.Equal(-1, _store.OrdinalOf(name));
            Assert.Null(_store.FindDefinition(name));
            Assert.Null(_store.Get(name));
        }

        [Fact]
        public void NullIsUnknown() => Assert.Equal(-1, _store.OrdinalOf(null!));

        /// <summary>A factory reset names every changed setting from the index (its names read back from the list).</summary>
        [Fact]
        public void AFactoryResetNamesEachChangedSetting()
        {
            string[] names =
            {
                SettingNames.AdminModePassword, SettingNames.WifiSsid, SettingNames.UserName, SettingNames.LedRed,
                SettingNames.StatusMsgsToPopUp,
            };
            foreach (string name in names)
            {
                int idx = _store.FindDefinition(name).IsIndexed ? 1 : 0;
                Assert.Null(_store.Set(name, idx, name == SettingNames.AdminModePassword ? "secret1" : "x"));
            }
            var changed = new List<string>();
            _store.SettingChanged += (name, idx, reboot) => changed.Add(name);

            _store.FactoryReset();

            Assert.Equal(names.OrderBy(n => n, System.StringComparer.Ordinal), changed.OrderBy(n => n, System.StringComparer.Ordinal));
        }
    }
}
