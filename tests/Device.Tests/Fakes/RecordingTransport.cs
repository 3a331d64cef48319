using DeskPhone.Sip.Transport;

namespace NFUnitTest.Fakes
{
    /// <summary>A transport that keeps a copy of the last datagram the phone sent and where it went.</summary>
    public sealed class RecordingTransport : ISipTransport
    {
        public int Sent;
        public byte[] Last;
        public string LastHost;
        public int LastPort;

        public string Name => "UDP";
        public int LocalPort => 5060;

        public bool Send(byte[] data, int length, string host, int port, object connection)
        {
            Sent++;
            Last = new byte[length];
            System.Array.Copy(data, 0, Last, 0, length);
            LastHost = host;
            LastPort = port;
            return true;
        }

        /// <summary>The last answer's status code, read from its start line ("SIP/2.0 NNN").</summary>
        public int LastStatus => Last == null ? 0 : (Last[8] - '0') * 100 + (Last[9] - '0') * 10 + (Last[10] - '0');
    }
}
