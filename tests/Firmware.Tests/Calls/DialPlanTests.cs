using DeskPhone.Drivers.Input;
using DeskPhone.Firmware.Phone;
using DeskPhone.Firmware.Tests.Phone;
using DeskPhone.Host.Simulated;

namespace DeskPhone.Firmware.Tests.Calls
{
    /// <summary>
    /// The dial plan (user_dp_str, Snom's syntax; docs/calls.md, "Dial plan"): the rules' matching and rewriting, a
    /// bad plan refused by its rule, and on the phone the dialing screen that dials at once when a rule with the flag d
    /// matches and sends the rewritten number (asserted on the INVITE on the wire and the drawn screen).
    /// </summary>
    public class DialPlanTests
    {
        private readonly SimulatedPhoneHardware _hw = new SimulatedPhoneHardware();
        private readonly SipPhone _p;

        public DialPlanTests()
        {
            _p = new SipPhone(s => { s.Set("admin_mode_password", 0, "x"); s.Set("http_pass", 0, "y"); }, null, _hw.Drivers);
            _p.Run(100);
            _p.Register();
        }

        private static (bool Matched, string Dialled, bool Complete) Apply(string plan, string number)
        {
            bool matched = DialPlan.Apply(plan, number, "pbx.example", out string dialled, out bool complete);
            return (matched, dialled, complete);
        }

        [Theory]
        [InlineData("|([0-9]{5})|sip:\\1@test.com|d", "12345", "sip:12345@test.com", true)]
        [InlineData("!([^#]+)#!sip:\\1@\\d!d", "207#", "sip:207@pbx.example", true)]
        [InlineData("|^011([0-9]*)$|sip:+\\1@\\d;user=phone|", "01149301234", "sip:+49301234@pbx.example;user=phone", false)]
        [InlineData("!^0(.*)!+49\\1!", "301234", "301234", false)]
        [InlineData("!^0(.*)!+49\\1!", "0301234", "+49301234", false)]
        [InlineData("!112!sip:sos@\\d!d !([1-9][0-9]{2})!\\0!d", "112", "sip:sos@pbx.example", true)]
        [InlineData("!112!sip:sos@\\d!d !([1-9][0-9]{2})!\\0!d", "207", "207", true)]
        [InlineData("!9(.+)(..)!\\2x\\1!", "91234", "34x12", false)]
        [InlineData("!\\*8([0-9]?)!pickup\\1!d", "*8", "pickup", true)]
        public void TheFirstRuleMatchingTheWholeNumberRewritesIt(string plan, string number, string dialled, bool complete)
        {
            var result = Apply(plan, number);
            Assert.Equal(dialled, result.Dialled);
            Assert.Equal(complete, result.Complete);
            Assert.Equal(dialled != number || complete, result.Matched);
        }

        [Fact]
        public void APartialNumberIsNotComplete()
        {
            Assert.False(Apply("|([0-9]{5})|sip:\\1@test.com|d", "1234").Matched);
            Assert.False(Apply("|([0-9]{5})|sip:\\1@test.com|d", "123456").Matched);
        }

        [Theory]
        [InlineData("!(12!x!", "rule 1: '(' without ')'")]
        [InlineData("!1!x! !((1))!x!", "rule 2: nested group")]
        [InlineData("!1|2!x!", "rule 1: alternation '|' is not supported")]
        [InlineData("!*1!x!", "rule 1: '*' repeats nothing (only a single character or class repeats)")]
        [InlineData("!(1)+!x!", "rule 1: '+' repeats nothing (only a single character or class repeats)")]
        [InlineData("![0-9!x!", "rule 1: '[' without ']'")]
        [InlineData("!1{2!x!", "rule 1: bad {n,m}")]
        [InlineData("!1{5,2}!x!", "rule 1: bad {n,m}")]
        [InlineData("!(1)!\\2!", "rule 1: '\\2' names no group")]
        [InlineData("!1!x!q", "rule 1: unknown flag 'q'")]
        [InlineData("!123", "rule 1: no replacement (write !pattern!replacement!flags)")]
        [InlineData("!1!a !2!b !3!c !4!d !5!e !6!f !7!g !8!h !9!i", "more than 8 rules")]
        public void ABadPlanIsRefusedByItsRule(string plan, string error)
        {
            Assert.Equal(error, DialPlan.Check(plan));
            Assert.False(Apply(plan, "1").Matched);
        }

        [Fact]
        public void AnEmptyPlanOrAGoodOneIsAccepted()
        {
            Assert.Null(DialPlan.Check(""));
            Assert.Null(DialPlan.Check("!([^#]+)#!sip:\\1@\\d!d |^0([0-9]{3,})$|+49\\1| ![0-9]{3}!\\0!d"));
        }

        [Fact]
        public void ThePatternsBacktrackingIsBounded()
        {
            // Six stars over 32 digits that never end in 'x': no match, within the step budget, quickly.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Assert.False(Apply("!.*.*.*.*.*.*x!y!", new string('1', 32)).Matched);
            Assert.True(clock.ElapsedMilliseconds < 1000);
        }

        private string LastInvite => _p.Channel.Sent.FindLast(m => m.StartsWith("INVITE "));

        [Fact]
        public void TheSettingRefusesABadPlanByName()
        {
            string error = _p.Settings.Set("user_dp_str", 1, "!(12!x!");
            Assert.Equal("user_dp_str[1]: rule 1: '(' without ')'", error);
            Assert.Equal("", _p.Settings.Get("user_dp_str", 1));
        }

        [Fact]
        public void AnImportRefusesABadPlanByNameAndTakesAGoodOne()
        {
            byte[] xml = System.Text.Encoding.UTF8.GetBytes(
                "<settings><phone-settings><user_dp_str idx=\"1\">!1|2!x!</user_dp_str>" +
                "<user_dp_str idx=\"2\">!^0(.*)!+49\\1!</user_dp_str></phone-settings></settings>");
            var report = _p.Settings.ImportXml(xml, 0, xml.Length);
            Assert.Contains("user_dp_str[1]: rule 1: alternation '|' is not supported", string.Join("\n", report.Errors));
            Assert.Equal("", _p.Settings.Get("user_dp_str", 1));
            Assert.Equal("!^0(.*)!+49\\1!", _p.Settings.Get("user_dp_str", 2));
        }

        [Fact]
        public void ARuleWithFlagDDialsAtOnceAndTheRewrittenNumberGoesOnTheWire()
        {
            Assert.Null(_p.Settings.Set("user_dp_str", 1, "!^0([1-9][0-9]{3})$!sip:+4930\\1@\\d!d"));
            _p.Key(KeyCode.Hook);
            _p.Key(KeyCode.Digit0);
            _p.Key(KeyCode.Digit2);
            _p.Key(KeyCode.Digit0);
            _p.Key(KeyCode.Digit7);
            Assert.Null(LastInvite);
            Assert.Contains("\n[call] 0207_\n", _p.App.Text.GetScreenText());
            _p.Key(KeyCode.Digit1);
            Assert.StartsWith("INVITE sip:+4930" + "2071@10.0.0.1 SIP/2.0\r\n", LastInvite);
            Assert.Contains("[call] <call> Calling", _p.App.Text.GetScreenText());
        }

        [Fact]
        public void HashDialsTheNumberRewrittenByTheFirstMatchingRule()
        {
            Assert.Null(_p.Settings.Set("user_dp_str", 1, "!^9(.+)$!\\1!"));
            _p.Key(KeyCode.Hook);
            _p.Key(KeyCode.Digit9);
            _p.Key(KeyCode.Digit3);
            _p.Key(KeyCode.Digit0);
            _p.Key(KeyCode.Digit0);
            Assert.Null(LastInvite);
            _p.Key(KeyCode.Hash);
            Assert.StartsWith("INVITE sip:300@10.0.0.1 SIP/2.0\r\n", LastInvite);
        }

        [Fact]
        public void ARuleEndingInHashCompletesOnTheHashKey()
        {
            Assert.Null(_p.Settings.Set("user_dp_str", 1, "!([^#]+)#!sip:7\\1@\\d!d"));
            _p.Key(KeyCode.Hook);
            _p.Key(KeyCode.Digit4);
            _p.Key(KeyCode.Digit2);
            _p.Key(KeyCode.Hash);
            Assert.StartsWith("INVITE sip:742@10.0.0.1 SIP/2.0\r\n", LastInvite);
        }
    }
}
