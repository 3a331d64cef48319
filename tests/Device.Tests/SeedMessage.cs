namespace NFUnitTest
{
    /// <summary>
    /// The seed MESSAGE and the phone's answer to it, shared by the device tests and the interpreter cost count
    /// (tests/Device.Cost links this file); tests/Firmware.Tests/Phone/DeviceSeedAnswerTests ties both to the host.
    /// </summary>
    public static class SeedMessage
    {
        /// <summary>tools/ParseCount/message484.sip, byte for byte (DeviceSeedAnswerTests compares it with the file).</summary>
        public const string Seed =
            "MESSAGE sip:486@192.0.2.10:5060;line=dp1 SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds;rport\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: \"Reception\" <sip:reception@pbx.example.com>;tag=49583\r\n" +
            "To: <sip:486@pbx.example.com>\r\n" +
            "Call-ID: a84b4c76e66710@pbx.example.com\r\n" +
            "CSeq: 1 MESSAGE\r\n" +
            "User-Agent: ExamplePBX/1.0\r\n" +
            "Content-Type: text/plain;charset=UTF-8\r\n" +
            "Content-Length: 112\r\n" +
            "\r\n" +
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

        /// <summary>The phone's answer to <see cref="Seed"/> from 192.0.2.1:5060, the first request it handles.</summary>
        public const string ExpectedAnswer =
            "SIP/2.0 200 OK\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds;rport=5060;received=192.0.2.1\r\n" +
            "From: \"Reception\" <sip:reception@pbx.example.com>;tag=49583\r\n" +
            "To: <sip:486@pbx.example.com>;tag=dp2\r\n" +
            "Call-ID: a84b4c76e66710@pbx.example.com\r\n" +
            "CSeq: 1 MESSAGE\r\n" +
            "User-Agent: DeskPhone\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n";
    }
}
