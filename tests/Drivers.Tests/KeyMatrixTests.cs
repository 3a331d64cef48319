using System.Collections.Generic;
using System.Linq;
using DeskPhone.Drivers.Input;
using DeskPhone.Host.Simulated;

namespace DeskPhone.Drivers.Tests
{
    public class KeyMatrixTests
    {
        private readonly SimulatedKeyMatrix _hw = new SimulatedKeyMatrix(6, 6);
        private readonly KeyMatrix _matrix;
        private readonly List<string> _events = new List<string>();
        private long _now;

        public KeyMatrixTests()
        {
            _matrix = new KeyMatrix(_hw, KeyLayouts.DeskKeypad6x6(), new KeyTiming(), activeLow: true);
            _matrix.KeyEvent += (code, action) => _events.Add(KeyCode.Name(code) + ":" + KeyActionNames.Name(action));
        }

        private void RunFor(int ms, int step = 5)
        {
            for (int t = 0; t < ms; t += step)
            {
                _matrix.Scan(_now);
                _now += step;
            }
        }

        [Fact]
        public void PressAndReleaseAreReportedOnceAfterDebounce()
        {
            RunFor(50);
            _hw.Press(1, 1); // digit 5
            RunFor(15);
            Assert.Empty(_events);
            RunFor(20);
            Assert.Equal(new[] { "5:press" }, _events);
            _hw.Release(1, 1);
            RunFor(40);
            Assert.Equal(new[] { "5:press", "5:release" }, _events);
        }

        [Fact]
        public void ContactBounceShorterThanDebounceIsIgnored()
        {
            for (int i = 0; i < 6; i++)
            {
                if (i % 2 == 0) _hw.Press(0, 0); else _hw.Release(0, 0);
                RunFor(10);
            }
            Assert.Empty(_events);
            _hw.Press(0, 0);
            RunFor(30);
            Assert.Equal(new[] { "1:press" }, _events);
        }

        [Fact]
        public void TwoKeysInDifferentRowsAndColumnsAreBothReported()
        {
            _hw.Press(0, 0);
            _hw.Press(3, 2);
            RunFor(30);
            Assert.Equal(2, _events.Count);
            Assert.Contains("1:press", _events);
            Assert.Contains("HASH:press", _events);
            Assert.True(_matrix.IsKeyDown(KeyCode.Digit1));
            Assert.True(_matrix.IsKeyDown(KeyCode.Hash));
        }

        [Fact]
        public void ThirdKeyOfRectangleDoesNotReportGhostKey()
        {
            _hw.Press(0, 0); // 1
            _hw.Press(0, 1); // 2
            RunFor(30);
            _hw.Press(1, 0); // 4: electrically also shows (1,1) = 5
            RunFor(100);
            Assert.Equal(new[] { "1:press", "2:press" }, _events);
            Assert.False(_matrix.IsKeyDown(KeyCode.Digit5));
            // Once the rectangle opens, the real key is reported and the ghost never was.
            _hw.Release(0, 1);
            RunFor(30);
            Assert.Equal(new[] { "1:press", "2:press", "2:release", "4:press" }, _events);
            Assert.False(_matrix.IsKeyDown(KeyCode.Digit5));
        }

        [Fact]
        public void LongPressComesOnceAndDigitsDoNotRepeat()
        {
            _hw.Press(3, 1); // 0
            RunFor(2000);
            Assert.Equal(new[] { "0:press", "0:long" }, _events);
        }

        [Fact]
        public void NavigationKeyAutoRepeatsAfterDelay()
        {
            _hw.Press(1, 3); // Down
            RunFor(20);      // press edge at t=0, reported at debounce
            RunFor(480);     // t = 500: first repeat due
            Assert.Equal(new[] { "DOWN:press" }, _events);
            RunFor(10);
            Assert.Equal(new[] { "DOWN:press", "DOWN:repeat" }, _events);
            RunFor(240);     // t = 750: two more repeats at 620 and 740
            Assert.Equal(3, _events.FindAll(e => e == "DOWN:repeat").Count);
            _hw.Release(1, 3);
            RunFor(30);
            Assert.Equal("DOWN:release", _events[^1]);
        }

        [Theory]
        [InlineData(int.MaxValue - 300L)]  // the low 32 bits of the clock turn negative while the key is down
        [InlineData(uint.MaxValue - 300L)] // and wrap through zero
        [InlineData((1L << 40) - 300)]
        public void TimingIsTheSameWhereverTheClockStands(long start)
        {
            _now = start;
            RunFor(100);
            _hw.Press(1, 3); // Down
            RunFor(510);
            Assert.Equal(new[] { "DOWN:press", "DOWN:repeat" }, _events);
            RunFor(400);     // t = 910: repeats at 500, 620, 740 and 860, long press at 800
            Assert.Equal(4, _events.Count(e => e == "DOWN:repeat"));
            Assert.Equal(1, _events.Count(e => e == "DOWN:long"));
            _hw.Release(1, 3);
            RunFor(10);      // shorter than the debounce: still down
            Assert.DoesNotContain("DOWN:release", _events);
            RunFor(20);
            Assert.Equal("DOWN:release", _events[^1]);
        }

        [Fact]
        public void ScanDoesNotAllocate()
        {
            // A port that allocates nothing itself, so only the driver is measured: column 2 always low.
            var matrix = new KeyMatrix(new StuckColumnPort(), KeyLayouts.DeskKeypad6x6(), new KeyTiming(), activeLow: true);
            int events = 0;
            matrix.KeyEvent += (code, action) => events++;
            for (int t = 0; t < 2000; t += 5) matrix.Scan(t);
            long before = System.GC.GetAllocatedBytesForCurrentThread();
            for (int t = 2000; t < 4000; t += 5) matrix.Scan(t);
            Assert.Equal(before, System.GC.GetAllocatedBytesForCurrentThread());
            Assert.True(events > 0);
        }

        [Fact]
        public void AMatrixIsAtMostEightRowsOfEightColumns()
        {
            // A scan keeps a row's columns in a byte of a long (no array kept at rest).
            int[] codes = new int[64];
            codes[63] = KeyCode.Ok;
            var eight = new KeyMatrix(new SizedPort(8, 8), codes, new KeyTiming(), activeLow: true);
            Assert.Equal(8, eight.Columns);
            Assert.Equal(8, eight.Rows);
            var events = new List<string>();
            eight.KeyEvent += (code, action) => events.Add(KeyCode.Name(code) + ":" + KeyActionNames.Name(action));
            for (int t = 0; t <= 100; t += 5)
            {
                eight.Scan(t);
            }
            Assert.Equal(new[] { "OK:press" }, events);
            Assert.True(eight.IsPressed(7, 7));
            Assert.Throws<System.ArgumentException>(() => new KeyMatrix(new SizedPort(6, 9), new int[54], new KeyTiming(), true));
            Assert.Throws<System.ArgumentException>(() => new KeyMatrix(new SizedPort(9, 6), new int[54], new KeyTiming(), true));
        }

        private sealed class SizedPort : Hal.IKeyMatrixPort
        {
            public SizedPort(int rows, int columns)
            {
                Rows = rows;
                Columns = columns;
            }

            public int Rows { get; }
            public int Columns { get; }
            private int _low = -1;
            // The last row and column's key is down: column 7 reads low while row 7 is driven low.
            public void WriteRow(int row, bool high) => _low = high ? (row == _low ? -1 : _low) : row;
            public int ReadColumns() => _low == 7 ? ~(1 << 7) : -1;
        }

        private sealed class StuckColumnPort : Hal.IKeyMatrixPort
        {
            public int Rows => 6;
            public int Columns => 6;
            public void WriteRow(int row, bool high) { }
            public int ReadColumns() => 0x3F & ~(1 << 2);
        }
    }

    public class ButtonKeysTests
    {
        [Fact]
        public void ActiveLowButtonsReportTheirKeyCodes()
        {
            var pins = new[] { new FakeInputPin(39, true), new FakeInputPin(38, true), new FakeInputPin(37, true) };
            var buttons = new ButtonKeys(pins, KeyLayouts.ThreeButtons(), new KeyTiming(), activeLow: true);
            var events = new List<string>();
            buttons.KeyEvent += (code, action) => events.Add(KeyCode.Name(code) + ":" + KeyActionNames.Name(action));
            long now = 0;
            void Run(int ms) { for (int t = 0; t < ms; t += 5, now += 5) buttons.Scan(now); }

            Run(50);
            Assert.Empty(events);
            pins[1].Level = false;
            Run(30);
            pins[1].Level = true;
            Run(30);
            Assert.Equal(new[] { "OK:press", "OK:release" }, events);
        }
    }
}
