using System;
using System.IO;
using System.Linq;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace DeskPhone.Hil.Tests
{
    /// <summary>Debian's headless chromium through chromedriver, for the page tests (bench page, web interface).</summary>
    internal static class Chromium
    {
        public static void SkipUnlessInstalled() =>
            Skip.IfNot(File.Exists("/usr/bin/chromium") && File.Exists("/usr/bin/chromedriver"),
                "chromium and chromium-driver are not installed (.ci/run installs them)");

        /// <summary>A browser with a profile of its own: no credentials or cache shared with another test's.</summary>
        /// <param name="arguments">More command-line switches, e.g. --autoplay-policy=no-user-gesture-required.</param>
        public static ChromeDriver Browser(params string[] arguments)
        {
            ChromeDriverService service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
            service.HideCommandPromptWindow = true;
            var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
            options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Directory.CreateTempSubdirectory("chromium").FullName);
            options.AddArguments(arguments);
            // The page's console (errors, uncaught exceptions) for a failed test's report: Console.
            options.SetLoggingPreference(LogType.Browser, LogLevel.All);
            return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        }

        /// <summary>What the page wrote to its console since the last call, one line per entry.</summary>
        public static string Console(IWebDriver driver)
        {
            try
            {
                return string.Join("\n", driver.Manage().Logs.GetLog(LogType.Browser).Select(e => e.Level + " " + e.Message));
            }
            catch (WebDriverException e)
            {
                return "(no console: " + e.Message + ")";
            }
        }
    }
}
