using System;
using System.Collections;
using System.Text;
using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Bench;
using DeskPhone.Domain.Messages;
using DeskPhone.Domain.Settings;
using DeskPhone.Sip.Message;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>
    /// Where the nanoCLR interpreter may differ from .NET, asserted the way the portable code relies on it: strings are
    /// UTF-8 inside (indexer, IndexOf, surrogate pairs), unchecked and checked integer arithmetic, Hashtable and
    /// ArrayList, DateTime arithmetic, exceptions through finally blocks, enum.ToString(), number formatting and parsing.
    /// </summary>
    [TestClass]
    public class RuntimeCornerTests
    {
        private const string Emoji = "\uD83D\uDE00";

        private static string Codes(string s)
        {
            var sb = new StringBuilder();
            foreach (char c in s.ToCharArray())
            {
                sb.Append(((int)c).ToString("X4")).Append(' ');
            }
            return sb.ToString();
        }

        // ---- UTF-8 and chars

        [TestMethod]
        public void Utf8EncodesAndDecodesOneToFourByteCharacters()
        {
            string text = "a\u00e9\u20ac" + Emoji;
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            byte[] expected = { 0x61, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80 };
            Assert.AreEqual(expected.Length, bytes.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], bytes[i]);
            }
            string back = Encoding.UTF8.GetString(bytes, 0, bytes.Length);
            Assert.AreEqual(5, back.Length);
            Assert.AreEqual(Codes(text), Codes(back));
            Assert.AreEqual(text, back);
        }

        [TestMethod]
        public void SurrogatePairsSurviveStringBuilderSubstringAndConcat()
        {
            var sb = new StringBuilder();
            sb.Append('a').Append((char)0xD83D).Append((char)0xDE00).Append('b');
            string s = sb.ToString();
            Assert.AreEqual("0061 D83D DE00 0062 ", Codes(s));
            Assert.AreEqual("D83D DE00 ", Codes(s.Substring(1, 2)));
            Assert.AreEqual("D83D DE00 0062 ", Codes(s.Substring(1)));
            Assert.AreEqual(4, s.Length);
            Assert.AreEqual("a" + Emoji + "b", s);
            Assert.AreEqual(s, new string(s.ToCharArray()));
            Assert.AreEqual("0078 D83D DE00 ", Codes(new StringBuilder("x").Append(s, 1, 2).ToString()));
        }

        [TestMethod]
        public void IndexOfWorksAfterTwoAndThreeByteCharacters()
        {
            // What the remaining IndexOf calls rely on (SIP and settings text is ASCII or BMP). After a character
            // outside the BMP the nanoCLR's IndexOf finds nothing and its indexer returns the high surrogate for the
            // low one too; LastIndexOf misses after any non-ASCII text: the portable code does not use them there.
            string s = "Gr\u00fc\u00dfe \u20ac<K\u00fcche>";
            Assert.AreEqual(5, s.IndexOf(' '));
            Assert.AreEqual(7, s.IndexOf('<'));
            Assert.AreEqual(13, s.IndexOf('>', 8));
            Assert.AreEqual(7, s.IndexOf("<K"));
            Assert.AreEqual('K', s[8]);
            Assert.AreEqual('\u20ac', s[6]);
            Assert.IsTrue(s.StartsWith("Gr\u00fc"));
            Assert.IsTrue(s.EndsWith("che>"));
            Assert.AreEqual(2, s.Split(' ').Length);
        }

        [TestMethod]
        public void PlainTextDecodesAndRepairsUtf8()
        {
            byte[] body = { 0x20, 0x48, 0xC3, 0xA9, 0x0D, 0x0A, 0xF0, 0x9F, 0x98, 0x80, 0xC3, 0x28, 0x09, 0x21, 0xED, 0xA0, 0x80, 0x20 };
            string text = DesktopMessageStore.FromUtf8(body, 0, body.Length);
            Assert.AreEqual("0048 00E9 000A D83D DE00 FFFD 0028 0020 0021 FFFD ", Codes(text));
        }

        [TestMethod]
        public void JsonTextKeepsSurrogatePairsAndEscapesControls()
        {
            string quoted = JsonText.Quote("a" + Emoji + "\"\\\n\u0001\u00e9");
            Assert.AreEqual("\"a" + Emoji + "\\\"\\\\\\n\\u0001\u00e9\"", quoted);
            Assert.AreEqual(Codes("\"a" + Emoji + "\\\"\\\\\\n\\u0001\u00e9\""), Codes(quoted));
        }

        [TestMethod]
        public void ADisplayNameWithAnEmojiIsParsed()
        {
            NameAddr a = NameAddr.Parse("\"Bob " + Emoji + " \\\"B\\\"\" <sip:bob@example.com>;tag=1");
            Assert.IsNotNull(a);
            Assert.AreEqual("Bob " + Emoji + " \"B\"", a.DisplayName);
            Assert.AreEqual(Codes("Bob " + Emoji + " \"B\""), Codes(a.DisplayName));
            Assert.AreEqual("bob", a.Uri.User);
            Assert.AreEqual("1", a.Tag);
        }

        [TestMethod]
        public void DigestAuthorizationParametersKeepAnEmojiAndWhatFollowsIt()
        {
            string[] p = BenchAuth.Params("username=\"b" + Emoji + "b\", realm=\"DeskPhone\", nonce=\"abc\", uri=\"/api/state\", qop=auth");
            Assert.AreEqual(Codes("b" + Emoji + "b"), Codes(BenchAuth.Param(p, "username")));
            Assert.AreEqual("DeskPhone", BenchAuth.Param(p, "realm"));
            Assert.AreEqual("/api/state", BenchAuth.Param(p, "uri"));
            Assert.AreEqual("auth", BenchAuth.Param(p, "qop"));
        }

        // ---- integers

        [TestMethod]
        public void UncheckedArithmeticWrapsInEveryWidth()
        {
            int max = int.MaxValue;
            uint umax = uint.MaxValue;
            long big = 0x1_0000_0005L;
            Assert.AreEqual(int.MinValue, unchecked(max + 1));
            Assert.AreEqual(0u, unchecked(umax + 1));
            Assert.AreEqual(5, unchecked((int)big));
            Assert.AreEqual(-1, unchecked((int)umax));
            Assert.AreEqual((byte)0x34, unchecked((byte)0x1234));
            Assert.AreEqual((short)-32768, unchecked((short)32768));
            uint golden = 0x9E3779B9;
            Assert.AreEqual(0xE35E67B1u, unchecked(golden * golden));
        }

        [TestMethod]
        public void CheckedArithmeticDoesNotThrowAndDivisionByZeroIsAPlainException()
        {
            // nanoFramework's mscorlib has no OverflowException or DivideByZeroException. The interpreter ignores
            // checked (add.ovf, conv.ovf wrap silently) and throws System.Exception for a division by zero; and
            // int.MinValue / -1 kills the POSIX nanoCLR with SIGFPE (not run here). The portable code uses neither
            // checked nor a divisor that can be 0 or -1 with int.MinValue: it must keep it that way.
            int max = int.MaxValue;
            long huge = long.MaxValue;
            Assert.AreEqual(int.MinValue, checked(max + 1));
            Assert.AreEqual(-1, checked((int)huge));
            Assert.AreEqual("System.Exception", Thrown(() =>
            {
                int zero = 0;
                zero = 5 / zero;
            }));
            Assert.AreEqual("System.Exception", Thrown(() =>
            {
                long zero = 0;
                zero = 5 % zero;
            }));
        }

        private static string Thrown(Action action)
        {
            try
            {
                action();
                return "nothing";
            }
            catch (Exception e)
            {
                return e.GetType().FullName;
            }
        }

        [TestMethod]
        public void ShiftsDivisionAndWrappingDifferences()
        {
            int negative = -16;
            uint high = 0x80000000;
            Assert.AreEqual(-4, negative >> 2);
            Assert.AreEqual(0x20000000u, high >> 2);
            Assert.AreEqual(1L << 40, 1099511627776L);
            Assert.AreEqual(-3, -7 / 2);
            Assert.AreEqual(-1, -7 % 2);
            // KeyTracker's rule: differences of the low 32 bits stay right across the wrap.
            long before = 0xFFFFFFF0L;
            long after = 0x100000010L;
            Assert.AreEqual(32, unchecked((int)after - (int)before));
            Assert.AreEqual(-2147483648L, (long)int.MinValue);
            Assert.AreEqual(4294967295L, (long)uint.MaxValue);
        }

        // ---- collections

        [TestMethod]
        public void HashtableKeysAreComparedByValue()
        {
            var t = new Hashtable();
            string key = new StringBuilder("user_").Append("name").ToString();
            t["user_name"] = "a";
            t[key] = "b";
            t[42] = "int";
            Assert.AreEqual(2, t.Count);
            Assert.AreEqual("b", (string)t["user_name"]);
            Assert.AreEqual("int", (string)t[42]);
            Assert.IsNull(t["missing"]);
            Assert.IsTrue(t.Contains(key));
            t.Remove("user_name");
            Assert.IsFalse(t.Contains(key));
            Assert.AreEqual(1, t.Count);
            Assert.ThrowsException(typeof(ArgumentException), () => t.Add(42, "again"));
            int seen = 0;
            foreach (DictionaryEntry e in t)
            {
                seen += (int)e.Key;
            }
            Assert.AreEqual(42, seen);
        }

        [TestMethod]
        public void ArrayListInsertsRemovesAndCopies()
        {
            var list = new ArrayList();
            list.Add("b");
            list.Add("d");
            list.Insert(0, "a");
            list.Insert(2, "c");
            Assert.AreEqual(4, list.Count);
            Assert.AreEqual(2, list.IndexOf("c"));
            Assert.AreEqual(-1, list.IndexOf("z"));
            list.RemoveAt(1);
            list.Remove("d");
            Assert.AreEqual(2, list.Count);
            var array = (string[])list.ToArray(typeof(string));
            Assert.AreEqual("a", array[0]);
            Assert.AreEqual("c", array[1]);
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => { object o = list[5]; });
            list.Clear();
            Assert.AreEqual(0, list.Count);
        }

        // ---- time

        [TestMethod]
        public void DateTimeArithmeticAcrossLeapDaysAndYears()
        {
            var d = new DateTime(2024, 2, 28, 23, 30, 0);
            Assert.AreEqual(29, d.AddDays(1).Day);
            Assert.AreEqual(3, d.AddDays(2).Month);
            Assert.AreEqual(2025, d.AddDays(365).Year);
            Assert.AreEqual(0, d.AddMinutes(30).Hour);
            Assert.AreEqual(DayOfWeek.Wednesday, d.DayOfWeek);
            TimeSpan span = new DateTime(2025, 1, 1) - new DateTime(2024, 1, 1);
            Assert.AreEqual(366, span.Days);
            Assert.AreEqual(86400000L, (long)TimeSpan.FromDays(1).TotalMilliseconds);
            Assert.AreEqual(new DateTime(2024, 3, 1, 0, 0, 0).Ticks, d.AddMinutes(60 * 24 + 30).Ticks);
            Assert.AreEqual(-90, d.AddMinutes(-90).Subtract(d).Minutes + d.AddMinutes(-90).Subtract(d).Hours * 60);
        }

        // ---- exceptions

        private sealed class SettingsBrokenException : Exception
        {
            public SettingsBrokenException(string message, Exception inner) : base(message, inner)
            {
            }
        }

        [TestMethod]
        public void CustomAndNestedExceptionsRunEveryFinally()
        {
            var log = new StringBuilder();
            try
            {
                try
                {
                    try
                    {
                        log.Append("try ");
                        throw new InvalidOperationException("inner");
                    }
                    finally
                    {
                        log.Append("finally1 ");
                    }
                }
                catch (InvalidOperationException e)
                {
                    log.Append("catch:").Append(e.Message).Append(' ');
                    throw new SettingsBrokenException("outer", e);
                }
                finally
                {
                    log.Append("finally2 ");
                }
            }
            catch (Exception e)
            {
                Assert.IsInstanceOfType(e, typeof(SettingsBrokenException));
                Assert.AreEqual("outer", e.Message);
                Assert.AreEqual("inner", e.InnerException.Message);
                log.Append("outer");
            }
            Assert.AreEqual("try finally1 catch:inner finally2 outer", log.ToString());
        }

        [TestMethod]
        public void AnExceptionInAFinallyReplacesTheFirstAndReturnsRunFinally()
        {
            string caught = null;
            try
            {
                try
                {
                    throw new ArgumentException("first");
                }
                finally
                {
                    throw new InvalidOperationException("second");
                }
            }
            catch (Exception e)
            {
                caught = e.GetType().Name + ":" + e.Message;
            }
            Assert.AreEqual("InvalidOperationException:second", caught);
            _finallyRuns = 0;
            Assert.AreEqual(2, ReturnsThroughFinally());
            Assert.AreEqual(3, _finallyRuns);
        }

        // Static: nanoFramework's UnitTestLauncher calls test methods without an instance (this is null).
        private static int _finallyRuns;

        private static int ReturnsThroughFinally()
        {
            for (int i = 0; ; i++)
            {
                try
                {
                    if (i == 2)
                    {
                        return _finallyRuns;
                    }
                }
                finally
                {
                    _finallyRuns++;
                }
            }
        }

        // ---- enums

        [TestMethod]
        public void EnumToStringIsANumberSoTheCodeNamesEnumsItself()
        {
            // On the device enum.ToString() gives the value ("1"), not the name: everything shown or sent uses
            // KeyActionNames/KeyCode.Name, and enum values compare and cast as their numbers.
            Assert.AreEqual("1", KeyAction.Press.ToString());
            Assert.AreEqual("press", KeyActionNames.Name(KeyAction.Press));
            Assert.AreEqual(KeyAction.Repeat, (KeyAction)4);
            Assert.IsTrue(KeyAction.LongPress > KeyAction.Release);
            object boxed = KeyAction.Release;
            Assert.AreEqual(2, (int)(KeyAction)boxed);
        }

        // ---- numbers

        [TestMethod]
        public void IntegersFormatWithPaddingAndHex()
        {
            Assert.AreEqual("05", 5.ToString("D2"));
            Assert.AreEqual("123", 123.ToString("D2"));
            Assert.AreEqual("-005", (-5).ToString("D3"));
            Assert.AreEqual("FF", 255.ToString("X2"));
            Assert.AreEqual("0000abcd", 0xABCD.ToString("x8"));
            Assert.AreEqual("ffffffff", uint.MaxValue.ToString("x8"));
            Assert.AreEqual("-2147483648", int.MinValue.ToString());
            Assert.AreEqual("9223372036854775807", long.MaxValue.ToString());
            Assert.AreEqual("18446744073709551615", ulong.MaxValue.ToString());
            // Custom numeric formats are not implemented on the device: the code pads by hand (NetworkTime.Two).
            Assert.ThrowsException(typeof(NotImplementedException), () => 7.ToString("00"));
        }

        [TestMethod]
        public void IntegerParsingEdgeCases()
        {
            Assert.AreEqual(42, int.Parse("42"));
            Assert.AreEqual(-42, int.Parse("-42"));
            Assert.AreEqual(int.MaxValue, int.Parse("2147483647"));
            Assert.AreEqual(int.MinValue, int.Parse("-2147483648"));
            int n;
            Assert.IsFalse(int.TryParse("2147483648", out n));
            Assert.IsFalse(int.TryParse("", out n));
            Assert.IsFalse(int.TryParse("12a", out n));
            Assert.IsTrue(int.TryParse("0", out n));
            Assert.AreEqual(0, n);
            Assert.ThrowsException(typeof(FormatException), () => int.Parse("x"));

            // The settings' own parser: sign and digits only, within Int32.
            Assert.IsTrue(SettingValidator.TryParseInt("-2147483648", out n));
            Assert.AreEqual(int.MinValue, n);
            Assert.IsTrue(SettingValidator.TryParseInt("+7", out n));
            Assert.AreEqual(7, n);
            Assert.IsFalse(SettingValidator.TryParseInt("2147483648", out n));
            Assert.IsFalse(SettingValidator.TryParseInt(" 5", out n));
            Assert.IsFalse(SettingValidator.TryParseInt("-", out n));
            Assert.IsFalse(SettingValidator.TryParseInt("0x10", out n));
        }

        [TestMethod]
        public void DoublesFormatAndParse()
        {
            Assert.AreEqual("1.5", 1.5.ToString());
            Assert.AreEqual("0.67", (2.0 / 3).ToString("F2"));
            Assert.AreEqual("100", 100.0.ToString());
            Assert.AreEqual(3.25, double.Parse("3.25"));
            Assert.AreEqual(-0.5, double.Parse("-0.5"));
            Assert.IsTrue(0.1 + 0.2 != 0.3);
            Assert.AreEqual(7, (int)7.9);
            Assert.AreEqual(-7, (int)-7.9);
            Assert.IsTrue(double.IsNaN(0.0 / 0.0 * 0));
        }
    }
}
