using System;
using System.Linq;
using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace DeskPhone.Hil.Tests
{
    /// <summary>
    /// The bench page's controls in headless chromium against a simulator of their own (docs/bench.md, "The bench
    /// page"): login, raising and clearing a status, the setting and message forms, the expansion modules, the calls.
    /// Each action is made on the page and checked through the API or on the wire.
    /// </summary>
    public class BenchPageControlsTests
    {
        [SkippableFact]
        public void WithAPasswordLogInRaiseAStatusAndChangeASetting()
        {
            Chromium.SkipUnlessInstalled();
            using var phone = PhoneUnderTest.Simulator("");
            // Without an administrator password its warning would keep the status line.
            phone.Set("admin_mode_password", "adm");
            phone.AdminPassword = "adm";
            phone.Set("http_pass", "pw");
            phone.Password = "pw";
            int port = new Uri(phone.BenchUrl).Port;

            using ChromeDriver driver = Chromium.Browser();
            var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(30));
            try
            {
                // Without credentials the browser gets the 401 and asks with its own Digest dialog (headless chromium has
                // none and shows nothing): no page that waits forever.
                driver.Navigate().GoToUrl("http://127.0.0.1:" + port + "/");
                Assert.Empty(driver.FindElements(By.CssSelector("[data-testid=screen]")));
                Assert.DoesNotContain("loading", driver.PageSource);

                driver.Navigate().GoToUrl("http://admin:pw@127.0.0.1:" + port + "/");
                Live(driver, wait, phone);

                // Raise from the page: the status takes the status line, the message LED blinks, the screen says it.
                Assert.NotEqual("EthernetUnplugged", phone.StatusLine());
                Type(driver, "raise-id", "EthernetUnplugged");
                Type(driver, "raise-param", "bench test");
                Click(driver, "raise");
                Assert.Equal("EthernetUnplugged", phone.WaitFor(() => phone.StatusLine(), s => s == "EthernetUnplugged"));
                JsonElement raised = phone.Status().GetProperty("active").EnumerateArray().First(s => s.GetProperty("id").GetString() == "EthernetUnplugged");
                Assert.Equal("bench test", raised.GetProperty("param").GetString());
                string description = raised.GetProperty("description").GetString();
                Assert.Contains("[status] " + description, phone.WaitFor(() => phone.Screen(), s => s.Contains(description)));
                Assert.Equal("red blink-fast", phone.WaitFor(() => phone.Led("message"), l => l == "red blink-fast"));
                wait.Until(d => Class(d, "led-message") == "led red blink-fast" && Text(d, "screen").Contains(description));
                wait.Until(d => Text(d, "raise-result").Contains("status line: EthernetUnplugged"));
                wait.Until(d => Text(d, "status-EthernetUnplugged").Contains("bench test"));
                Assert.Contains(phone.Get("api/explain/EthernetUnplugged").Body.Split('\n')[0], Text(driver, "status-EthernetUnplugged"));

                // Explain for any ID, active or not.
                Type(driver, "raise-id", "WlanActive");
                Click(driver, "explain");
                string explanation = phone.Get("api/explain/WlanActive").Body;
                wait.Until(d => Text(d, "raise-result") == explanation.Trim());

                // Clear it again from its line.
                Click(driver, "clear-EthernetUnplugged");
                Assert.NotEqual("EthernetUnplugged", phone.WaitFor(() => phone.StatusLine(), s => s != "EthernetUnplugged"));
                wait.Until(d => d.FindElements(By.CssSelector("[data-testid=status-EthernetUnplugged]")).Count == 0);

                // The setting form: a value applied, a refused one with the store's message.
                Type(driver, "setting-name", "user_realname");
                Type(driver, "setting-idx", "1");
                Type(driver, "setting-value", "Bench Tester");
                Click(driver, "setting-set");
                wait.Until(d => Text(d, "setting-result") == "user_realname[1] = Bench Tester");
                Assert.Equal("Bench Tester", JsonDocument.Parse(phone.Get("api/settings/user_realname?idx=1").Body).RootElement.GetProperty("value").GetString());
                Type(driver, "setting-name", "user_expiry");
                Type(driver, "setting-value", "5");
                Click(driver, "setting-set");
                wait.Until(d => Text(d, "setting-result").Contains("out of range"));
                Assert.Contains("bad", Find(driver, "setting-result").GetAttribute("class"));
                Assert.Equal("3600", JsonDocument.Parse(phone.Get("api/settings/user_expiry?idx=1").Body).RootElement.GetProperty("value").GetString());
                Assert.Equal("", Text(driver, "error"));
                Assert.False(Find(driver, "login").Displayed);

                // The password changes under the page: it says so and offers to log in again, which works with the new one.
                phone.Set("http_pass", "changed");
                phone.Password = "changed";
                new WebDriverWait(driver, TimeSpan.FromSeconds(60)).Until(d => Text(d, "error").Length > 0 && Find(d, "login").Displayed);
                Assert.Matches("not logged in|event stream was closed", Text(driver, "error"));
                driver.Navigate().GoToUrl("http://admin:changed@127.0.0.1:" + port + "/");
                Live(driver, wait, phone);
                wait.Until(d => Text(d, "error") == "" && !Find(d, "login").Displayed);
            }
            catch (WebDriverTimeoutException)
            {
                throw new Xunit.Sdk.XunitException(Describe(driver, phone));
            }
            finally
            {
                driver.Quit();
            }
        }

        [SkippableFact]
        public void SendAMessageAnswerHoldResumeHangUpAndDialFromThePage()
        {
            Chromium.SkipUnlessInstalled();
            using var phone = PhoneUnderTest.Simulator("");
            using var peer = new SipPeer();
            using ChromeDriver driver = Chromium.Browser();
            OnPage(driver, phone, wait =>
            {
                Type(driver, "message-to", "sip:peer@127.0.0.1:" + peer.Port);
                Type(driver, "message-text", "Hello from the bench");
                Click(driver, "message-send");
                string message = peer.Next("MESSAGE ");
                Assert.NotNull(message);
                Assert.EndsWith("\r\n\r\nHello from the bench", message);
                wait.Until(d => Text(d, "message-result") == "sent 200 OK");

                Assert.Equal("no call", Text(driver, "calls"));
                peer.Invite("486", phone.SipPort, "bench-page-call");
                Assert.NotNull(peer.Next("SIP/2.0 180"));
                int id = phone.WaitFor(() => Calls(phone), c => c.Length == 1)[0].GetProperty("id").GetInt32();
                wait.Until(d => Text(d, "call-state-" + id) == "incoming incoming");
                Click(driver, "answer-" + id);
                string ok = peer.Next("SIP/2.0 200");
                Assert.NotNull(ok);
                Assert.Contains("INVITE", SipPeer.Header(ok, "CSeq"));
                Assert.Contains("m=audio", ok);
                peer.Ack(ok, phone.SipPort);
                Assert.Equal("connected", phone.WaitFor(() => Calls(phone)[0].GetProperty("state").GetString(), s => s == "connected"));
                wait.Until(d => Text(d, "call-state-" + id) == "incoming connected" && Has(d, "hold-" + id));

                Click(driver, "hold-" + id);
                Assert.Contains("a=sendonly", peer.Next("INVITE "));
                Assert.Equal("held", phone.WaitFor(() => Calls(phone)[0].GetProperty("state").GetString(), s => s == "held"));
                wait.Until(d => Text(d, "call-state-" + id) == "incoming held" && Has(d, "resume-" + id));
                Click(driver, "resume-" + id);
                Assert.Contains("a=sendrecv", peer.Next("INVITE "));
                Assert.Equal("connected", phone.WaitFor(() => Calls(phone)[0].GetProperty("state").GetString(), s => s == "connected"));
                wait.Until(d => Text(d, "call-state-" + id) == "incoming connected");

                Click(driver, "hangup-" + id);
                Assert.NotNull(peer.Next("BYE "));
                Assert.Empty(phone.WaitFor(() => Calls(phone), c => c.Length == 0));
                wait.Until(d => Text(d, "calls") == "no call");

                // The dial field: the peer answers at once, the page shows the outgoing call connected.
                Type(driver, "dial-to", "sip:bob@127.0.0.1:" + peer.Port);
                driver.FindElement(By.CssSelector("#dial button")).Click();
                Assert.NotNull(peer.Next("INVITE sip:bob@127.0.0.1:" + peer.Port));
                JsonElement dialled = phone.WaitFor(() => Calls(phone), c => c.Length == 1 && c[0].GetProperty("state").GetString() == "connected")[0];
                Assert.Equal("outgoing", dialled.GetProperty("direction").GetString());
                int outgoing = dialled.GetProperty("id").GetInt32();
                // The call's events may bring it on the page before the dial request's own reply.
                wait.Until(d => Text(d, "call-state-" + outgoing) == "outgoing connected" &&
                                Text(d, "dial-result") == "dialled sip:bob@127.0.0.1:" + peer.Port);
                Click(driver, "hangup-" + outgoing);
                Assert.NotNull(peer.Next("BYE "));
                wait.Until(d => Text(d, "calls") == "no call");
            });
        }

        /// <summary>
        /// A message's final answer comes as an event on the event stream, which on a loaded machine can reach the page
        /// before the reply to its POST (202, another connection). Held back here until the event is in, that reply must
        /// not put "sending..." back over the answer the page already shows.
        /// </summary>
        [SkippableFact]
        public void AMessagesAnswerStaysWhenItsEventComesBeforeTheReplyToTheSend()
        {
            Chromium.SkipUnlessInstalled();
            using var phone = PhoneUnderTest.Simulator("");
            using var peer = new SipPeer();
            using ChromeDriver driver = Chromium.Browser();
            HeldAnswers replies = HeldAnswers.Hold(driver, "/api/send-message");
            OnPage(driver, phone, wait =>
            {
                Type(driver, "message-to", "sip:peer@127.0.0.1:" + peer.Port);
                Type(driver, "message-text", "event first");
                Click(driver, "message-send");
                Assert.NotNull(peer.Next("MESSAGE "));
                wait.Until(d => Text(d, "message-result") == "sent 200 OK" && replies.Waiting == 1);

                replies.Release();
                wait.Until(d => replies.Read == 1);
                Assert.Equal("sent 200 OK", Text(driver, "message-result"));
                Assert.DoesNotContain("bad", Find(driver, "message-result").GetAttribute("class"));
                Assert.Equal("", Text(driver, "error"));
            });
        }

        /// <summary>Modules plugged from the page: module 2's first key shows its label and its BLF LED.</summary>
        [SkippableFact]
        public void PlugModulesFromThePageAndSeeAModuleKeyLedAndLabel()
        {
            Chromium.SkipUnlessInstalled();
            using var pbx = new ScriptedPbx();
            using var phone = PhoneUnderTest.Simulator("--registrar 127.0.0.1:" + pbx.Port);
            phone.Set("expansion_key", "blf sip:carol@127.0.0.1", 19);
            phone.Set("fkey", "speed 200", 3);
            string subscribe = pbx.NextSubscribe("dialog");
            Assert.NotNull(subscribe);

            using ChromeDriver driver = Chromium.Browser();
            OnPage(driver, phone, wait =>
            {
                wait.Until(d => Text(d, "label-X2.1") == "carol" && Text(d, "label-F3") == "speed 200");
                Assert.Equal("", Text(driver, "label-X2.2"));

                driver.FindElement(By.CssSelector("button[data-plug='modules/1/plug']")).Click();
                wait.Until(d => Text(d, "module-1") == "connected");
                driver.FindElement(By.CssSelector("button[data-plug='modules/2/plug']")).Click();
                wait.Until(d => Text(d, "module-2") == "connected");
                Assert.Equal("?", Text(driver, "module-3"));

                pbx.Notify(subscribe, phone.SipPort, "application/dialog-info+xml", ScriptedPbx.DialogInfo("sip:carol@127.0.0.1", 1, "early"));
                Assert.Equal("red blink-fast", phone.WaitFor(() => phone.Led("X2.1"), l => l == "red blink-fast"));
                wait.Until(d => Class(d, "led-X2.1") == "led red blink-fast");
                Assert.Equal("led", Class(driver, "led-X1.1"));

                // A key's label follows its setting live.
                phone.Set("expansion_key", "blf sip:dave@127.0.0.1", 20);
                wait.Until(d => Text(d, "label-X2.2") == "dave");
            });
        }

        /// <summary>
        /// A key's label read at load may be answered after the read its settings event asked for (the page's load
        /// sends 70 reads over a few connections): held back here until the new label shows, the old value must not
        /// take its place again.
        /// </summary>
        [SkippableFact]
        public void AKeyLabelKeepsItsNewValueWhenTheReadFromTheLoadIsAnsweredLast()
        {
            Chromium.SkipUnlessInstalled();
            using var phone = PhoneUnderTest.Simulator("");
            using ChromeDriver driver = Chromium.Browser();
            HeldAnswers loadRead = HeldAnswers.Hold(driver, "/api/settings/expansion_key?idx=20", 1);
            OnPage(driver, phone, wait =>
            {
                wait.Until(d => loadRead.Waiting == 1);

                phone.Set("expansion_key", "blf sip:dave@127.0.0.1", 20);
                wait.Until(d => Text(d, "label-X2.2") == "dave");

                loadRead.Release();
                wait.Until(d => loadRead.Read == 1);
                Assert.Equal("dave", Text(driver, "label-X2.2"));
            });
        }

        /// <summary>
        /// A change of http_user ends the event stream and the page reconnects (no password: it is let in again). A key
        /// label changed and a message answered while it was down came as events the page never got: it reads them
        /// again once it is back.
        /// </summary>
        [SkippableFact]
        public void WhatChangedWhileTheEventStreamReconnectedShowsOnceItIsBack()
        {
            Chromium.SkipUnlessInstalled();
            using var phone = PhoneUnderTest.Simulator("");
            using var peer = new SipPeer();
            using ChromeDriver driver = Chromium.Browser();
            OnPage(driver, phone, wait =>
            {
                Type(driver, "message-to", "sip:peer@127.0.0.1:" + peer.Port);
                Type(driver, "message-text", "while reconnecting");

                phone.Set("http_user", "bench");
                wait.Until(d => d.FindElement(By.Id("conn")).Text == "(reconnecting)");
                phone.Set("expansion_key", "blf sip:dave@127.0.0.1", 20);
                Click(driver, "message-send");
                Assert.NotNull(peer.Next("MESSAGE "));

                wait.Until(d => d.FindElement(By.Id("conn")).Text == "(live)");
                wait.Until(d => Text(d, "label-X2.2") == "dave" && Text(d, "message-result") == "sent 200 OK");
                Assert.DoesNotContain("settings expansion_key[20]", driver.FindElement(By.Id("log")).Text);
                Assert.Equal("", Text(driver, "error"));
            });
        }

        /// <summary>
        /// The page tests' frame: the bench page opened and live, the test's steps, a wait that timed out reported with
        /// what the page, chromium's console and the simulator showed, the browser closed either way.
        /// </summary>
        private static void OnPage(ChromeDriver driver, PhoneUnderTest phone, Action<WebDriverWait> steps)
        {
            var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(30));
            try
            {
                driver.Navigate().GoToUrl(phone.BenchUrl);
                Live(driver, wait, phone);
                steps(wait);
            }
            catch (WebDriverTimeoutException)
            {
                throw new Xunit.Sdk.XunitException(Describe(driver, phone));
            }
            finally
            {
                driver.Quit();
            }
        }

        private static void Live(IWebDriver driver, WebDriverWait wait, PhoneUnderTest phone)
        {
            try
            {
                wait.Until(d => Text(d, "screen").Contains("[") && d.FindElement(By.Id("conn")).Text == "(live)");
            }
            catch (WebDriverTimeoutException)
            {
                throw new Xunit.Sdk.XunitException("not live: " + Describe(driver, phone));
            }
        }

        private static string Describe(IWebDriver driver, PhoneUnderTest phone) =>
            "page: conn=" + driver.FindElement(By.Id("conn")).Text + " error=" + Text(driver, "error") + " screen=" + Text(driver, "screen") +
            " calls=" + Text(driver, "calls") + " message-result=" + Text(driver, "message-result") + " dial-result=" + Text(driver, "dial-result") +
            " log=" + driver.FindElement(By.Id("log")).Text + "\nconsole: " + Chromium.Console(driver) + "\nsimulator: " + phone.Errors;

        private static JsonElement[] Calls(PhoneUnderTest phone) =>
            JsonDocument.Parse(phone.Get("api/calls").Body).RootElement.EnumerateArray().ToArray();

        private static IWebElement Find(IWebDriver driver, string testId) => driver.FindElement(By.CssSelector("[data-testid=\"" + testId + "\"]"));

        private static bool Has(IWebDriver driver, string testId) => driver.FindElements(By.CssSelector("[data-testid=\"" + testId + "\"]")).Count > 0;

        // A list the page rebuilds when the phone's state changes may replace the button between finding and clicking it.
        private static void Click(IWebDriver driver, string testId)
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    Find(driver, testId).Click();
                    return;
                }
                catch (StaleElementReferenceException) when (attempt < 5)
                {
                }
            }
        }

        private static void Type(IWebDriver driver, string testId, string text)
        {
            IWebElement input = Find(driver, testId);
            input.Clear();
            input.SendKeys(text);
        }

        // Lists are rebuilt on every refresh: look elements up afresh, a missing or replaced one reads as "".
        private static string Text(IWebDriver driver, string testId)
        {
            try
            {
                var found = driver.FindElements(By.CssSelector("[data-testid=\"" + testId + "\"]"));
                return found.Count == 0 ? "" : found[0].Text;
            }
            catch (StaleElementReferenceException)
            {
                return "";
            }
        }

        private static string Class(IWebDriver driver, string testId)
        {
            try
            {
                var found = driver.FindElements(By.CssSelector("[data-testid=\"" + testId + "\"]"));
                return found.Count == 0 ? "" : found[0].GetAttribute("class").Trim();
            }
            catch (StaleElementReferenceException)
            {
                return "";
            }
        }
    }
}
