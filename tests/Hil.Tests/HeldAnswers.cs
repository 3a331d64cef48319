using System.Collections.Generic;
using System.Text.Json;
using OpenQA.Selenium.Chrome;

namespace DeskPhone.Hil.Tests
{
    /// <summary>
    /// Holds back the page's answers to the fetches of one path until the test releases them: the order a loaded
    /// machine may give, where an event on the event stream (another connection) reaches the page before the reply to
    /// the request that caused it. Installed before the page loads (a script chromium runs in every new document).
    /// </summary>
    internal sealed class HeldAnswers
    {
        private readonly ChromeDriver _driver;

        private HeldAnswers(ChromeDriver driver)
        {
            _driver = driver;
        }

        /// <summary>
        /// From the next page loaded on, the first <paramref name="count"/> answers to URLs containing
        /// <paramref name="path"/> wait for <see cref="Release"/>; later ones pass.
        /// </summary>
        public static HeldAnswers Hold(ChromeDriver driver, string path, int count = int.MaxValue)
        {
            // Read counts an answer once the page has read its body, after the page's own continuation of that read
            // (a task queued then runs after every promise job the read settled).
            string script = "(() => { const path = " + JsonSerializer.Serialize(path) + ", fetch0 = window.fetch;" +
                " let left = " + count + "; window.heldAnswers = []; window.heldAnswersRead = 0;" +
                " window.fetch = (input, init) => fetch0(input, init).then(r => {" +
                "   if (!String(input).includes(path) || left === 0) return r;" +
                "   left--;" +
                "   for (const body of ['text', 'json']) {" +
                "     const read = r[body].bind(r);" +
                "     r[body] = () => read().then(v => { setTimeout(() => window.heldAnswersRead++, 0); return v; });" +
                "   }" +
                "   return new Promise(ok => window.heldAnswers.push(() => ok(r)));" +
                " }); })();";
            driver.ExecuteCdpCommand("Page.addScriptToEvaluateOnNewDocument", new Dictionary<string, object> { ["source"] = script });
            return new HeldAnswers(driver);
        }

        /// <summary>Answers that arrived and wait for <see cref="Release"/>.</summary>
        public long Waiting => (long)_driver.ExecuteScript("return window.heldAnswers.length");

        /// <summary>Answers the page has read after they were released.</summary>
        public long Read => (long)_driver.ExecuteScript("return window.heldAnswersRead");

        public void Release() => _driver.ExecuteScript("window.heldAnswers.splice(0).forEach(release => release())");
    }
}
