using System;
using System.IO;
using System.Text.Json;
using DeskPhone.Hil.Tests;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using Xunit;

namespace DeskPhone.Peers.Tests
{
    /// <summary>
    /// The web interface's Update page (docs/web.md) in headless chromium against the simulator, with nginx serving a
    /// set made by tools/update/make-update.py (the set-up of <see cref="SimulatorUpdateTests"/>) and
    /// admin_mode_password set: without the administrator password Discard is refused with the phone's reason; with it,
    /// Discard forgets the staged set, Check now stages it again and the page shows its version and size, and Install
    /// restarts the simulator's stub loader into it, which then reports it as running.
    /// </summary>
    public class WebUpdateViewTests
    {
        private static IWebElement Find(IWebDriver driver, string testId) => driver.FindElement(By.CssSelector("[data-testid=\"" + testId + "\"]"));

        private static string Text(IWebDriver driver, string testId)
        {
            try
            {
                return Find(driver, testId).Text;
            }
            catch (Exception ex) when (ex is NoSuchElementException || ex is StaleElementReferenceException)
            {
                return "";
            }
        }

        private static void Click(IWebDriver driver, WebDriverWait wait, string testId) =>
            wait.Until(d =>
            {
                try
                {
                    IWebElement button = Find(d, testId);
                    if (!button.Enabled)
                    {
                        return false;
                    }
                    button.Click();
                    return true;
                }
                catch (Exception ex) when (ex is NoSuchElementException || ex is StaleElementReferenceException)
                {
                    return false;
                }
            });

        [SkippableFact]
        public void DiscardCheckNowAndInstallFromTheUpdatePage()
        {
            Chromium.SkipUnlessInstalled();
            Skip.IfNot(File.Exists(Nginx.Binary), Nginx.Missing);
            using var nginx = new Nginx();
            SimulatorUpdateTests.MakeSet(nginx, "v2", "2.0.0", 2);
            using var folder = new TempFolder("deskphone-updview-");
            string state = folder.Path;
            using var phone = PhoneUnderTest.Simulator("--state \"" + state + "\"");
            phone.Set("update_key", SimulatorUpdateTests.Key);
            phone.Set("admin_mode_password", "adm");
            phone.AdminPassword = "adm";
            // Staged through the API first (the phone's own check at start may run meanwhile: Check waits for it).
            JsonElement staged = SimulatorUpdateTests.Check(phone, nginx, "v2");
            Assert.True(staged.GetProperty("staged").GetString() == "2.0.0", staged + "\nnginx:\n" + nginx.AccessLog);
            int checks = staged.GetProperty("checks").GetInt32();
            int port = new Uri(phone.BenchUrl).Port;

            using ChromeDriver driver = Chromium.Browser();
            var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(60));
            try
            {
                driver.Navigate().GoToUrl("http://127.0.0.1:" + port + "/admin");
                Find(driver, "nav-update").Click();
                wait.Until(d => Text(d, "upd-staged").StartsWith("2.0.0"));
                Assert.Equal("2.0.0, " + (9000 + 4100) + " bytes, verified", Text(driver, "upd-staged"));
                Assert.Equal("the deployed set", Text(driver, "upd-running"));
                Assert.Equal(nginx.Url + "/v2/update.txt", Text(driver, "upd-url"));
                Assert.Equal("ask_for_update", Text(driver, "upd-policy"));
                Assert.Equal("yes", Text(driver, "upd-can"));

                // Without the administrator password the phone refuses, and the page says why.
                Click(driver, wait, "update-discard");
                wait.Until(d => Text(d, "error").Contains("X-Admin-Password"));
                Assert.Equal("2.0.0", SimulatorUpdateTests.Update(phone).GetProperty("staged").GetString());

                Find(driver, "adminpw").SendKeys("adm");
                Click(driver, wait, "update-discard");
                wait.Until(d => Text(d, "update-done") == "discarded");
                Assert.Equal("none", Text(driver, "upd-staged"));
                Assert.Equal("version 2.0.0 discarded", Text(driver, "upd-last"));
                Assert.Equal("", SimulatorUpdateTests.Update(phone).GetProperty("staged").GetString());

                Click(driver, wait, "update-check");
                wait.Until(d => Text(d, "update-done") == "checked");
                Assert.Equal("2.0.0, " + (9000 + 4100) + " bytes, verified", Text(driver, "upd-staged"));
                Assert.Equal("version 2.0.0 staged and verified in slot a", Text(driver, "upd-last"));
                Assert.Equal("staged", Text(driver, "upd-state"));
                // The button's check at least (the phone's own check at start can still fall after the API's on a loaded
                // machine, and counts too); that this check staged the set again is shown on the page above.
                Assert.True(SimulatorUpdateTests.Update(phone).GetProperty("checks").GetInt32() >= checks + 1);

                Click(driver, wait, "update-apply");
                wait.Until(d => Text(d, "update-done").StartsWith("installed"));
                Assert.Equal("2.0.0 (slot a)", Text(driver, "upd-running"));
                Assert.Equal("none", Text(driver, "upd-staged"));
                JsonElement running = SimulatorUpdateTests.Update(phone);
                Assert.Equal(("2.0.0", "a"), (running.GetProperty("running").GetString(), running.GetProperty("runningSlot").GetString()));
                Assert.Equal("", Text(driver, "error"));
            }
            catch (WebDriverTimeoutException)
            {
                throw new Xunit.Sdk.XunitException("timed out: error=" + Text(driver, "error") + " page=" + Text(driver, "page") +
                                                   "\nupdate: " + phone.Get("api/update").Body + "\nsimulator: " + phone.Errors);
            }
            finally
            {
                driver.Quit();
            }
        }
    }
}
