using System;
using System.Collections.Generic;
using System.Text;
using DeskPhone.Domain.Settings;

namespace DeskPhone.Firmware.Tests.Settings
{
    /// <summary>The store keeps only values that differ from their defaults and finds names by binary search.</summary>
    public class SettingsCompactStoreTests
    {
        [Fact]
        public void EveryNameIsFoundAndNeighboursOfNamesAreNot()
        {
            var store = new SettingsStore();
            var names = new List<string>();
            for (int i = 0; i < store.DefinitionCount; i++)
            {
                names.Add(store.GetDefinition(i).Name);
            }
            foreach (string name in names)
            {
                Assert.All(name, c => Assert.True(c > ' ' && c < 127, name + " is not printable ASCII"));
                Assert.True(store.IsDefined(name), name);
                Assert.False(store.IsDefined(name + "_"), name + "_");
                Assert.False(store.IsDefined(name.Substring(0, name.Length - 1)) && !names.Contains(name.Substring(0, name.Length - 1)), name);
                Assert.False(store.IsDefined(name.ToUpperInvariant()), name.ToUpperInvariant());
            }
            foreach (string outside in new[] { "", "a", "zzzz", "USER_NAME", "user", null })
            {
                Assert.False(store.IsDefined(outside), outside ?? "null");
                Assert.Null(store.Get(outside, 1));
            }
        }

        [Fact]
        public void StoredTextsReadBackExactlyWhateverTheirNeighboursDo()
        {
            // The texts live as UTF-8 in one array (StoredValues): multi-byte characters, empty texts and neighbours
            // that grow, shrink and go must not move one value's characters into another's.
            var store = new SettingsStore();
            Assert.Null(store.Set("user_realname", 2, "Jürgen Müller ☎"));
            Assert.Null(store.Set("user_realname", 1, "A"));
            Assert.Null(store.Set("user_realname", 3, "Zoë"));
            Assert.Null(store.Set("user_outbound", 2, "proxy.example.com"));
            Assert.Equal("Jürgen Müller ☎", store.Get("user_realname", 2));
            Assert.Null(store.Set("user_realname", 1, "A much longer name than before"));
            Assert.Null(store.Set("user_realname", 3, ""));
            Assert.Equal("Jürgen Müller ☎", store.Get("user_realname", 2));
            Assert.Equal("A much longer name than before", store.Get("user_realname", 1));
            Assert.Equal("", store.Get("user_realname", 3));
            Assert.Equal("proxy.example.com", store.Get("user_outbound", 2));
            Assert.Null(store.Set("user_realname", 1, ""));
            Assert.Equal("Jürgen Müller ☎", store.Get("user_realname", 2));
            Assert.Equal("proxy.example.com", store.Get("user_outbound", 2));
            Assert.Equal("", store.Get("user_outbound", 1));
        }

        [Fact]
        public void EqualValuesChangeOneByOne()
        {
            var store = new SettingsStore();
            for (int identity = 1; identity <= 4; identity++)
            {
                Assert.Null(store.Set("user_host", identity, new string("10.0.0.1".ToCharArray())));
            }
            Assert.Null(store.Set("user_host", 2, "10.0.0.2"));
            Assert.Equal("10.0.0.2", store.Get("user_host", 2));
            Assert.Equal("10.0.0.1", store.Get("user_host", 1));
            Assert.Equal("10.0.0.1", store.Get("user_host", 3));
            Assert.Equal("10.0.0.1", store.Get("user_host", 4));
        }

        [Fact]
        public void AnEqualTextIsKeptOnceAndEveryValueKeepsItWhenTheOneHoldingItChangesOrGoes()
        {
            var store = new SettingsStore();
            for (int identity = 1; identity <= 4; identity++)
            {
                Assert.Null(store.Set("user_host", identity, "pbx.example.com"));
            }
            // The text's 15 bytes once and a 3-byte reference for each of the other three.
            Assert.Equal(15 + 3 * 3, StoredBytes(store));
            // Identity 1 holds the text: changed, and then gone, the others still read it.
            Assert.Null(store.Set("user_host", 1, "10.0.0.9"));
            Assert.Equal("10.0.0.9", store.Get("user_host", 1));
            for (int identity = 2; identity <= 4; identity++)
            {
                Assert.Equal("pbx.example.com", store.Get("user_host", identity));
            }
            Assert.Null(store.Set("user_host", 1, ""));
            Assert.Null(store.Set("user_host", 3, "pbx.example.com"));
            Assert.Equal("", store.Get("user_host", 1));
            for (int identity = 2; identity <= 4; identity++)
            {
                Assert.Equal("pbx.example.com", store.Get("user_host", identity));
            }
            // Short texts are kept as they are (a reference would be no shorter).
            Assert.Null(store.Set("user_name", 1, "abc"));
            Assert.Null(store.Set("user_name", 2, "abc"));
            Assert.Equal("abc", store.Get("user_name", 2));
        }

        [Fact]
        public void EqualTextsAreSavedAndLoadedAsTheirText()
        {
            var medium = new CutMedium();
            var store = new SettingsStore(medium, null);
            Assert.Null(store.Set("user_host", 1, "pbx.example.com"));
            Assert.Null(store.Set("user_host", 2, "pbx.example.com"));
            Assert.Null(store.Save());
            var loaded = new SettingsStore(medium, null);
            loaded.Load();
            Assert.Equal("pbx.example.com", loaded.Get("user_host", 1));
            Assert.Equal("pbx.example.com", loaded.Get("user_host", 2));
            Assert.Contains("pbx.example.com", Encoding.UTF8.GetString(loaded.ExportXml(false)));
            Assert.DoesNotContain("\uFFFD", Encoding.UTF8.GetString(loaded.ExportXml(false)));
        }

        private static int StoredBytes(SettingsStore store)
        {
            object stored = typeof(SettingsStore).GetField("_stored", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance).GetValue(store);
            return ((byte[])stored.GetType().GetField("_bytes", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance).GetValue(stored)).Length;
        }

        [Fact]
        public void AReadByPositionIsTheReadByName()
        {
            var store = new SettingsStore();
            Assert.Null(store.Set("user_name", 3, "486"));
            Assert.Null(store.Set("ring_volume", 0, "3"));
            for (int i = 0; i < store.DefinitionCount; i++)
            {
                string name = store.GetDefinition(i).Name;
                int ordinal = store.OrdinalOf(name);
                Assert.Equal(i, ordinal);
                for (int idx = -1; idx <= 20; idx++)
                {
                    Assert.Equal(store.Get(name, idx), store.GetAt(ordinal, idx));
                }
            }
            Assert.Equal("486", store.GetAt(store.OrdinalOf("user_name"), 3));
            Assert.Equal(-1, store.OrdinalOf("no_such_setting"));
            Assert.Null(store.GetAt(-1, 1));
        }

        [Fact]
        public void AValueSetBackToItsDefaultIsNoLongerSavedOrReset()
        {
            var medium = new CutMedium();
            var store = new SettingsStore(medium, new Random(1));
            Assert.Null(store.Set("ring_volume", 0, "3"));
            Assert.Null(store.Set("user_active", 1, "off"));
            Assert.Null(store.Set("user_active", 2, "on"));
            Assert.Null(store.Set("ring_volume", 0, "8"));
            Assert.Null(store.Save());
            string saved = Encoding.UTF8.GetString(medium.Blobs[SettingsStore.SlotA]);
            Assert.DoesNotContain("ring_volume", saved);
            Assert.Contains("user_active", saved);

            var changes = new List<string>();
            store.SettingChanged += (name, idx, reboot) => changes.Add(name + "[" + idx + "]");
            Assert.Null(store.FactoryReset());
            Assert.Equal(new[] { "user_active[1]", "user_active[2]" }, changes);
            Assert.Equal("on", store.Get("user_active", 1));
            Assert.Equal("off", store.Get("user_active", 2));
            Assert.Equal("8", store.Get("ring_volume"));
        }

        [Fact]
        public void ValuesSurviveInsertionsAndRemovalsInAnyOrder()
        {
            var store = new SettingsStore();
            var expected = new Dictionary<int, string>();
            var random = new Random(7);
            for (int step = 0; step < 400; step++)
            {
                int idx = random.Next(1, SettingsTable.FunctionKeys + 1);
                string value = random.Next(3) == 0 ? "none" : "speed " + random.Next(100);
                Assert.Null(store.Set("fkey", idx, value));
                expected[idx] = value;
                foreach (var e in expected)
                {
                    Assert.Equal(e.Value, store.Get("fkey", e.Key));
                }
            }
        }
    }
}
