using DeskPhone.Firmware.Phone;
using DeskPhone.Sip.Text;
using nanoFramework.TestFramework;
using NFUnitTest.Fakes;

namespace NFUnitTest
{
    /// <summary>
    /// The phone's log in the interpreter: its lines in one byte array (clock bytes, UTF-8 text, a 0xFF end each) come
    /// back as the text they were added as, oldest first, a line break or non-ASCII text included.
    /// </summary>
    [TestClass]
    public class LogTests
    {
        [TestMethod]
        public void TheLogGivesBackItsLastLinesAsTheyWereAdded()
        {
            var rig = new PhoneRig();
            var log = new PhoneLog(rig.Core, 3);
            log.Add("one");
            log.Add("two\nparts");
            log.Add("Grüße");
            log.Add("four");
            string at = Seconds.Of(rig.Core.Now) + " s ";
            Assert.AreEqual(at + "two\nparts\n" + at + "Grüße\n" + at + "four\n", log.Text());
        }
    }
}
