using DeskPhone.Firmware.Bench;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;
using NativeGC = nanoFramework.Runtime.Native.GC;

namespace NFUnitTest
{
    /// <summary>
    /// The web interface's answers in the interpreter (docs/web.md, "Sizes"): the page leaves the image as the gzip
    /// bytes the host tests compare with admin.html, each answer is on the heap only while it is served, and nothing
    /// stays behind. The figures are printed ("web: ...") for docs/web.md.
    /// </summary>
    [TestClass]
    public class WebTests
    {
        private static BenchRouter Router()
        {
            var rig = new PhoneRig();
            return new BenchRouter(rig.Core, null, null, null, null);
        }

        [TestMethod]
        public void ThePageIsServedGzippedAndNothingStaysBehind()
        {
            BenchRouter router = Router();
            Measure(router, "/admin", null, "page");
            uint idle = NativeGC.Run(false);
            int length = Measure(router, "/admin", null, "page");
            Assert.AreEqual(idle, NativeGC.Run(false), "the page left something on the heap");
            Assert.IsTrue(length > 1000, "gzip page length " + length.ToString());
        }

        [TestMethod]
        public void ListingsExportAndFiguresAreBoundedAndLeaveNothingBehind()
        {
            BenchRouter router = Router();
            string[] paths = { "/api/settings", "/api/settings", "/api/status/ids", "/api/system", "/api/settings.xml", "/api/registration" };
            string[] queries = { "idx=1", "from=17&idx=12", null, null, null, null };
            for (int i = 0; i < paths.Length; i++)
            {
                Measure(router, paths[i], queries[i], paths[i]);
                uint idle = NativeGC.Run(false);
                int length = Measure(router, paths[i], queries[i], paths[i] + (queries[i] == null ? "" : "?" + queries[i]));
                Assert.AreEqual(idle, NativeGC.Run(false), paths[i] + " left something on the heap");
                if (paths[i] == "/api/settings")
                {
                    // A listing page stops after the entry that passes its 2,048-character budget; the longest entry is a 4 KB list.
                    Assert.IsTrue(length < 2048 + 4096 + 512, "listing page of " + length.ToString() + " B");
                }
            }
        }

        /// <summary>One GET; prints the answer's length and what it holds of the heap while it is written; returns the length.</summary>
        private static int Measure(BenchRouter router, string path, string query, string what)
        {
            uint before = NativeGC.Run(false);
            BenchResponse answer = router.Handle("GET", path, query, null, null);
            uint held = NativeGC.Run(false);
            Assert.AreEqual(200, answer.Status, what);
            if (path == "/admin")
            {
                Assert.AreEqual((byte)0x1f, answer.Body[0]);
                Assert.AreEqual((byte)0x8b, answer.Body[1]);
                Assert.AreEqual("gzip", answer.ExtraHeaderValue);
            }
            OutputHelper.WriteLine("web: " + what + " " + answer.Body.Length.ToString() + " B, held while served " + (before - held).ToString() + " B");
            return answer.Body.Length;
        }
    }
}
