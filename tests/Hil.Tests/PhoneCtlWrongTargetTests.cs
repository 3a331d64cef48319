using System;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;
using DeskPhone.PhoneCtl.Bench;

namespace DeskPhone.Hil.Tests
{
    /// <summary>phonectl aimed at a web server that is not a phone (a wrong port: a router's login page).</summary>
    public class PhoneCtlWrongTargetTests
    {
        /// <summary>
        /// A 200 answer that is not the phone's JSON is said, exit 1: phonectl died with an unhandled
        /// JsonReaderException and its stack trace.
        /// </summary>
        [Fact]
        public void AnAnswerThatIsNotThePhonesJsonIsAnError()
        {
            int port = LoopbackPorts.FreeTcp();
            using var server = new HttpListener();
            server.Prefixes.Add("http://127.0.0.1:" + port + "/");
            server.Start();
            var serving = new Thread(() =>
            {
                try
                {
                    while (server.IsListening)
                    {
                        HttpListenerContext context = server.GetContext();
                        byte[] page = Encoding.UTF8.GetBytes("<html>router login</html>");
                        context.Response.ContentType = "text/html";
                        context.Response.OutputStream.Write(page, 0, page.Length);
                        context.Response.Close();
                    }
                }
                catch (HttpListenerException)
                {
                }
                catch (ObjectDisposedException)
                {
                }
            }) { IsBackground = true };
            serving.Start();

            var output = new StringWriter();
            var error = new StringWriter();
            int code = BenchCommands.Run(new[] { "--target", "http://127.0.0.1:" + port, "status" }, output, error);

            Assert.Equal((1, ""), (code, output.ToString()));
            Assert.StartsWith("phonectl: http://127.0.0.1:" + port + "/ did not answer as a DeskPhone (", error.ToString());
        }
    }
}
