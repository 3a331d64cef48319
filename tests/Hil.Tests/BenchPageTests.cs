using System;
using System.IO;
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
            Skip.IfNot(File.Exists("/usr/bin/chromium") && File.Exists("/usr/bin/chromedriver"),
                "chromium and chromium-driver are not installed (.ci/run installs them)");
            string old = _phone.Set("cancel_desktop", "on");
            Assert.Equal("SIP/2.0 200 OK", _phone.SendSip(
                "MESSAGE sip:486@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP LOCAL;branch=z9hG4bKpage1;rport\nFrom: <sip:pbx@127.0.0.1>;tag=1\n" +
                "To: <sip:486@127.0.0.1>\nCall-ID: page-test\nCSeq: 1 MESSAGE\nMax-Forwards: 70\nContent-Type: text/plain\nContent-Length: 13\n\nFrom the page"));

            ChromeDriverService service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
            service.HideCommandPromptWindow = true;
            var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
            options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Directory.CreateTempSubdirectory("bench-chromium").FullName);
            using var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
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
    }
}
