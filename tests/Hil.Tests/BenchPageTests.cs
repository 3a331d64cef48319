using System;
using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace DeskPhone.Hil.Tests
{
    /// <summary>The bench page in a real headless browser (Debian chromium driven through chromedriver).</summary>
    public class BenchPageTests : IClassFixture<PhoneUnderTest>
    {
        private readonly PhoneUnderTest _phone;

        public BenchPageTests(PhoneUnderTest phone)
        {
            _phone = phone;
        }

        [SkippableFact]
        public void LoadSeeTheScreenClickAKeySeeTheChange()
        {
            Chromium.SkipUnlessInstalled();
            string old = _phone.Set("cancel_desktop", "on");
            Assert.Equal("SIP/2.0 200 OK", _phone.SendSip(
                "MESSAGE sip:486@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP LOCAL;branch=z9hG4bKpage1;rport\nFrom: <sip:pbx@127.0.0.1>;tag=1\n" +
                "To: <sip:486@127.0.0.1>\nCall-ID: page-test\nCSeq: 1 MESSAGE\nMax-Forwards: 70\nContent-Type: text/plain\nContent-Length: 13\n\nFrom the page"));

            using ChromeDriver driver = Chromium.Browser();
            try
            {
                driver.Navigate().GoToUrl(_phone.BenchUrl);
                var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(15));
                IWebElement screen = driver.FindElement(By.CssSelector("[data-testid=screen]"));
                wait.Until(d => screen.Text.Contains("From the page"));
                Assert.Contains("No administrator password is set", screen.Text);

                wait.Until(d => driver.FindElement(By.CssSelector("[data-testid=screenpng]")).GetAttribute("src").StartsWith("blob:"));
                Assert.True(driver.FindElement(By.CssSelector("[data-testid=screenpng]")).Displayed);

                driver.FindElement(By.CssSelector("button[data-key=CANCEL]")).Click();

                wait.Until(d => !screen.Text.Contains("From the page"));
                Assert.DoesNotContain("From the page", _phone.Screen());
                Assert.Equal("(live)", driver.FindElement(By.Id("conn")).Text);
            }
            finally
            {
                driver.Quit();
                _phone.Set("cancel_desktop", old);
            }
        }

        /// <summary>
        /// With http_pass set the page logs in with Digest (credentials in the URL stand for the browser's dialog), works
        /// live, and when the password changes under it says so instead of going quiet or sitting on "loading...".
        /// </summary>
        [SkippableFact]
        public void WithAPasswordThePageLogsInWithDigestAndShowsWhenItIsLockedOut()
        {
            Chromium.SkipUnlessInstalled();
            using var phone = PhoneUnderTest.Simulator("");
            phone.Set("http_pass", "pw");
            phone.Password = "pw";
            var bench = new Uri(phone.BenchUrl);

            using ChromeDriver driver = Chromium.Browser();
            try
            {
                driver.Navigate().GoToUrl("http://admin:pw@127.0.0.1:" + bench.Port + "/");
                var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(20));
                IWebElement screen = driver.FindElement(By.CssSelector("[data-testid=screen]"));
                try
                {
                    wait.Until(d => screen.Text.Contains("status:") || screen.Text.Contains("["));
                    wait.Until(d => driver.FindElement(By.Id("conn")).Text == "(live)");
                }
                catch (WebDriverTimeoutException)
                {
                    throw new Xunit.Sdk.XunitException("page: conn=" + driver.FindElement(By.Id("conn")).Text + " error=" +
                        driver.FindElement(By.CssSelector("[data-testid=error]")).Text + " screen=" + screen.Text + " url=" + driver.Url +
                        " log=" + driver.FindElement(By.Id("log")).Text + "\nsimulator: " + phone.Errors);
                }
                Assert.Equal("", driver.FindElement(By.CssSelector("[data-testid=error]")).Text);

                phone.Set("http_pass", "changed");
                phone.Password = "changed";
                IWebElement error = driver.FindElement(By.CssSelector("[data-testid=error]"));
                new WebDriverWait(driver, TimeSpan.FromSeconds(60)).Until(d => error.Text.Length > 0);
                Assert.Matches("event stream was closed|not logged in|no answer", error.Text);
                Assert.NotEqual("(live)", driver.FindElement(By.Id("conn")).Text);
            }
            finally
            {
                driver.Quit();
            }
        }

        /// <summary>
        /// The own status and a BLF key's LED on the page follow the phone live: the page's event log shows the
        /// server-sent events that brought each change.
        /// </summary>
        [SkippableFact]
        public void OwnStatusAndBlfLedFollowThePhoneLive()
        {
            Chromium.SkipUnlessInstalled();
            using var pbx = new ScriptedPbx();
            using var phone = PhoneUnderTest.Simulator("--registrar 127.0.0.1:" + pbx.Port);
            phone.Set("fkey", "blf sip:bob@127.0.0.1", 1);
            string subscribe = pbx.NextSubscribe("dialog");
            Assert.NotNull(subscribe);
            Assert.Equal("online", phone.WaitFor(() => JsonDocument.Parse(phone.Get("api/presence").Body).RootElement.GetProperty("state").GetString(),
                s => s == "online"));

            using ChromeDriver driver = Chromium.Browser();
            try
            {
                driver.Navigate().GoToUrl(phone.BenchUrl);
                var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(15));
                wait.Until(d => Text(d, "[data-testid=presence]") == "Online" && Text(d, "#conn") == "(live)");
                wait.Until(d => LedClass(d, "F1") != null);
                Assert.DoesNotContain("red", LedClass(driver, "F1"));

                int presenceEvents = Events(driver, "presence");
                Assert.Equal(200, phone.Post("api/presence/dnd").Status);
                wait.Until(d => Text(d, "[data-testid=presence]") == "Do not disturb");
                Assert.Equal("dnd", driver.FindElement(By.CssSelector("[data-testid=presence]")).GetAttribute("data-state"));
                // Another event's refresh (or the 5 s one) may show the change before the presence event is in the log.
                WaitForEvent(driver, wait, "presence", presenceEvents);

                int ledEvents = Events(driver, "leds");
                pbx.Notify(subscribe, phone.SipPort, "application/dialog-info+xml", ScriptedPbx.DialogInfo("sip:bob@127.0.0.1", 1, "early"));
                wait.Until(d => LedClass(d, "F1") == "led red blink-fast");
                WaitForEvent(driver, wait, "leds", ledEvents);

                // The page's own buttons choose a status too.
                driver.FindElement(By.CssSelector("button[data-presence=online]")).Click();
                wait.Until(d => Text(d, "[data-testid=presence]") == "Online");
                Assert.Equal("online", JsonDocument.Parse(phone.Get("api/presence").Body).RootElement.GetProperty("state").GetString());
            }
            finally
            {
                driver.Quit();
            }
        }

        // Lines of the page's event log for this kind of server-sent event, counted in the page (one round trip: the
        // log keeps up to 100 lines, and the page may drop the oldest while they are read).
        private static int Events(IWebDriver driver, string kind) =>
            (int)(long)((IJavaScriptExecutor)driver).ExecuteScript(
                "return [...document.querySelectorAll('#log div')].filter(d => d.textContent.split(' ').includes(arguments[0])).length", kind);

        private static void WaitForEvent(IWebDriver driver, WebDriverWait wait, string kind, int before)
        {
            try
            {
                wait.Until(d => Events(d, kind) > before);
            }
            catch (WebDriverTimeoutException)
            {
                throw new Xunit.Sdk.XunitException("no " + kind + " event reached the page:\n" + Text(driver, "#log"));
            }
        }

        private static string Text(IWebDriver driver, string css) => driver.FindElement(By.CssSelector(css)).Text;

        // The key buttons are rebuilt on every refresh: look the LED up afresh each time.
        private static string LedClass(IWebDriver driver, string key)
        {
            var found = driver.FindElements(By.CssSelector("[data-testid=led-" + key + "]"));
            try
            {
                return found.Count == 0 ? null : found[0].GetAttribute("class").Trim();
            }
            catch (StaleElementReferenceException)
            {
                return null;
            }
        }
    }
}
