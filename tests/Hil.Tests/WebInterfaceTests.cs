using System;
using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace DeskPhone.Hil.Tests
{
    /// <summary>
    /// The administrator web interface (docs/web.md) in headless chromium against a simulator with http_pass set: log
    /// in with Digest, change an identity setting and a status category in the forms, export the settings and find
    /// both changes in the XML; a wrong password gets no page.
    /// </summary>
    public class WebInterfaceTests
    {
        private static IWebElement Find(IWebDriver driver, string testId) => driver.FindElement(By.CssSelector("[data-testid=\"" + testId + "\"]"));

        private static bool Has(IWebDriver driver, string testId) => driver.FindElements(By.CssSelector("[data-testid=\"" + testId + "\"]")).Count > 0;

        private static string Value(IWebDriver driver, string testId)
        {
            try
            {
                return Find(driver, testId).GetAttribute("value") ?? "";
            }
            catch (StaleElementReferenceException)
            {
                return "";
            }
        }

        private static string Text(IWebDriver driver, string testId)
        {
            try
            {
                return Find(driver, testId).Text;
            }
            catch (StaleElementReferenceException)
            {
                return "";
            }
        }

        [SkippableFact]
        public void LogInChangeAnIdentityAndAStatusCategoryAndFindBothInTheExport()
        {
            Chromium.SkipUnlessInstalled();
            using var phone = PhoneUnderTest.Simulator("");
            phone.Set("http_pass", "pw");
            phone.Password = "pw";
            int port = new Uri(phone.BenchUrl).Port;

            using ChromeDriver driver = Chromium.Browser();
            var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(30));
            try
            {
                driver.Navigate().GoToUrl("http://admin:pw@127.0.0.1:" + port + "/admin");
                try
                {
                    wait.Until(d => Text(d, "sys-firmware").Length > 0 && Has(d, "reg-1"));
                }
                catch (WebDriverTimeoutException)
                {
                    throw new Xunit.Sdk.XunitException("status page: error=" + Text(driver, "error") + " page=" + Text(driver, "page") +
                                                       "\nsimulator: " + phone.Errors);
                }
                Assert.Equal("", Text(driver, "error"));
                Assert.Contains("simulator", Text(driver, "sys-platform"));

                // Identity 1, Login: the display name.
                Find(driver, "identity1").Click();
                wait.Until(d => Has(d, "f-user_realname"));
                Assert.Equal("password", Find(driver, "f-user_pass").GetAttribute("type"));
                Assert.Equal("", Value(driver, "f-user_pass"));
                IWebElement name = Find(driver, "f-user_realname");
                name.Clear();
                name.SendKeys("Web Tester");
                // A value the store refuses shows its message next to the field and is not stored.
                IWebElement expiry = Find(driver, "f-user_expiry");
                expiry.Clear();
                expiry.SendKeys("5");
                Find(driver, "save").Click();
                wait.Until(d => Text(d, "err-user_expiry").Length > 0);
                Assert.Contains("out of range", Text(driver, "err-user_expiry"));
                Assert.Equal("Web Tester", phone.WaitFor(() => Setting(phone, "user_realname", 1), v => v == "Web Tester"));
                Assert.Equal("3600", Setting(phone, "user_expiry", 1));

                // Status messages: WlanActive becomes a pop-up for 7 s.
                driver.Navigate().GoToUrl("http://127.0.0.1:" + port + "/admin#statusmsgs");
                wait.Until(d => Has(d, "cat-WlanActive-pop_up"));
                Assert.False(Find(driver, "cat-WlanActive-pop_up").Selected);
                Assert.True(Find(driver, "cat-LocationRetrievalFailed-pop_up").Selected);
                Assert.Equal("0", Value(driver, "sec-LocationRetrievalFailed-pop_up"));
                Find(driver, "cat-WlanActive-pop_up").Click();
                Find(driver, "sec-WlanActive-pop_up").SendKeys("7");
                Find(driver, "save").Click();
                wait.Until(d => Text(d, "saved") == "saved");
                string popUp = Setting(phone, "status_msgs_to_pop_up", 0);
                Assert.Contains("WlanActive:7", popUp);
                Assert.Contains("LocationRetrievalFailed:0", popUp);

                // Export: both changes are in the phones' XML.
                driver.Navigate().GoToUrl("http://127.0.0.1:" + port + "/admin#backup");
                wait.Until(d => Has(d, "export"));
                Find(driver, "export").Click();
                wait.Until(d => Value(d, "xml").Contains("</settings>"));
                string xml = Value(driver, "xml");
                Assert.Contains("<user_realname idx=\"1\" perm=\"\">Web Tester</user_realname>", xml);
                Assert.Contains("WlanActive:7", xml);
            }
            catch (WebDriverTimeoutException)
            {
                throw new Xunit.Sdk.XunitException("timed out: error=" + Text(driver, "error") + " page=" + Text(driver, "page") +
                                                   "\nsimulator: " + phone.Errors);
            }
            finally
            {
                driver.Quit();
            }

            // Another browser with a wrong password gets the 401's JSON, not the page.
            using ChromeDriver stranger = Chromium.Browser();
            try
            {
                stranger.Navigate().GoToUrl("http://admin:wrong@127.0.0.1:" + port + "/admin");
                Assert.Empty(stranger.FindElements(By.CssSelector("[data-testid=nav]")));
                Assert.DoesNotContain("Identity 1", stranger.PageSource);
            }
            finally
            {
                stranger.Quit();
            }
        }

        private static string Setting(PhoneUnderTest phone, string name, int idx) =>
            JsonDocument.Parse(phone.Get("api/settings/" + name + "?idx=" + idx).Body).RootElement.GetProperty("value").GetString();
    }
}
