using System.Text;
using DeskPhone.Drivers.Input;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest
{
    /// <summary>
    /// Key debounce, long press, repeat and ghost-key handling (drivers/Input) with fake pins and virtual time,
    /// including times past int.MaxValue milliseconds (the tracker keeps the low 32 bits and compares wrapping
    /// differences: unchecked int arithmetic that must wrap on the device exactly as in .NET).
    /// </summary>
    [TestClass]
    public class KeyTests
    {
        private sealed class Rig
        {
            public readonly FakeKeypad Pad = new FakeKeypad(6, 6);
            public readonly KeyMatrix Matrix;
            public readonly StringBuilder Events = new StringBuilder();
            public long Now;

            public Rig(long start)
            {
                Now = start;
                Matrix = new KeyMatrix(Pad, KeyLayouts.DeskKeypad6x6(), new KeyTiming(), true);
                Matrix.KeyEvent += (code, action) => Events.Append(KeyCode.Name(code)).Append(':').Append(KeyActionNames.Name(action)).Append(' ');
            }

            public void RunFor(int ms)
            {
                for (int t = 0; t < ms; t += 5)
                {
                    Matrix.Scan(Now);
                    Now += 5;
                }
            }

            public string Log => Events.ToString();
        }

        [TestMethod]
        public void PressAndReleaseAreReportedOnceAfterTheDebounce()
        {
            var rig = new Rig(0);
            rig.RunFor(50);
            rig.Pad.Press(1, 1); // digit 5
            rig.RunFor(15);
            Assert.AreEqual("", rig.Log);
            rig.RunFor(20);
            Assert.AreEqual("5:press ", rig.Log);
            Assert.IsTrue(rig.Matrix.IsKeyDown(KeyCode.Digit5));
            rig.Pad.Release(1, 1);
            rig.RunFor(40);
            Assert.AreEqual("5:press 5:release ", rig.Log);
            Assert.IsFalse(rig.Matrix.IsPressed(1, 1));
        }

        [TestMethod]
        public void ContactBounceShorterThanTheDebounceIsIgnored()
        {
            var rig = new Rig(0);
            for (int i = 0; i < 6; i++)
            {
                if (i % 2 == 0)
                {
                    rig.Pad.Press(0, 0);
                }
                else
                {
                    rig.Pad.Release(0, 0);
                }
                rig.RunFor(10);
            }
            Assert.AreEqual("", rig.Log);
            rig.Pad.Press(0, 0);
            rig.RunFor(30);
            Assert.AreEqual("1:press ", rig.Log);
        }

        [TestMethod]
        public void ANavigationKeyHeldGivesALongPressAndRepeats()
        {
            var rig = new Rig(0);
            rig.Pad.Press(0, 3); // Up
            rig.RunFor(1000);
            // Pressed since 0 ms (reported after the 20 ms debounce): repeats from 500 ms every 120 ms, long press at 800 ms.
            Assert.AreEqual("UP:press UP:repeat UP:repeat UP:repeat UP:long UP:repeat UP:repeat ", rig.Log);
        }

        [TestMethod]
        public void TheThirdKeyOfARectangleDoesNotReportTheGhostKey()
        {
            var rig = new Rig(0);
            rig.Pad.Press(0, 0); // 1
            rig.Pad.Press(0, 1); // 2
            rig.RunFor(30);
            rig.Pad.Press(1, 0); // 4: electrically also shows (1,1) = 5
            rig.RunFor(100);
            Assert.AreEqual("1:press 2:press ", rig.Log);
            Assert.IsFalse(rig.Matrix.IsKeyDown(KeyCode.Digit5));
            rig.Pad.Release(0, 1);
            rig.RunFor(100);
            Assert.IsTrue(rig.Matrix.IsKeyDown(KeyCode.Digit4));
            Assert.IsFalse(rig.Matrix.IsKeyDown(KeyCode.Digit5));
        }

        [TestMethod]
        public void TimingIsRightAcrossInt32AndUInt32MillisecondBoundaries()
        {
            foreach (long start in new long[] { int.MaxValue - 12, uint.MaxValue - 12, 0x7FFFFFFFFFFF0000L })
            {
                var rig = new Rig(start);
                rig.Pad.Press(0, 3);
                rig.RunFor(1000);
                Assert.AreEqual("UP:press UP:repeat UP:repeat UP:repeat UP:long UP:repeat UP:repeat ", rig.Log, "start " + start.ToString());
                rig.Pad.Release(0, 3);
                rig.RunFor(40);
                Assert.AreEqual("UP:press UP:repeat UP:repeat UP:repeat UP:long UP:repeat UP:repeat UP:release ", rig.Log);
            }
        }

        [TestMethod]
        public void ATrackerWithMoreKeysDownThanTimersGrowsItsPool()
        {
            var tracker = new KeyTracker(new[] { KeyCode.Digit1, KeyCode.Digit2, KeyCode.Digit3, KeyCode.Digit4, KeyCode.Digit5, KeyCode.Digit6 }, null);
            var log = new StringBuilder();
            tracker.KeyEvent += (code, action) => log.Append(KeyCode.Name(code)).Append(' ');
            for (long t = 0; t <= 40; t += 5)
            {
                for (int slot = 0; slot < 6; slot++)
                {
                    tracker.Update(slot, true, t);
                }
            }
            Assert.AreEqual("1 2 3 4 5 6 ", log.ToString());
            for (int slot = 0; slot < 6; slot++)
            {
                Assert.IsTrue(tracker.IsPressed(slot));
            }
        }

        [TestMethod]
        public void KeyActionsHaveNamesBecauseEnumToStringIsANumberOnTheDevice()
        {
            Assert.AreEqual("press", KeyActionNames.Name(KeyAction.Press));
            Assert.AreEqual("release", KeyActionNames.Name(KeyAction.Release));
            Assert.AreEqual("long", KeyActionNames.Name(KeyAction.LongPress));
            Assert.AreEqual("repeat", KeyActionNames.Name(KeyAction.Repeat));
            Assert.AreEqual("unknown", KeyActionNames.Name((KeyAction)9));
            Assert.AreEqual(3, (int)KeyAction.LongPress);
            Assert.AreEqual("UP", KeyCode.Name(KeyCode.Up));
            Assert.AreEqual("1", KeyCode.Name(KeyCode.Digit1));
        }
    }
}
