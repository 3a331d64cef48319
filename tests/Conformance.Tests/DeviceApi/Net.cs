// nanoFramework networking members the Device folders use: System.Net.NetworkInformation (nanoFramework.System.Net)
// and HttpListener (nanoFramework.System.Net.Http), with the real signatures and empty bodies. They shadow the
// host's types of the same names, so a host-only member does not compile.
using System.IO;

namespace System.Net.NetworkInformation
{
    public enum NetworkInterfaceType { Unknown, Ethernet, Wireless80211 }

    public class NetworkAvailabilityEventArgs : EventArgs
    {
        public bool IsAvailable => false;
    }

    public delegate void NetworkAvailabilityChangedEventHandler(object sender, NetworkAvailabilityEventArgs e);

    public delegate void NetworkAddressChangedEventHandler(object sender, EventArgs e);

    public static class NetworkChange
    {
        public static event NetworkAvailabilityChangedEventHandler NetworkAvailabilityChanged { add { } remove { } }
        public static event NetworkAddressChangedEventHandler NetworkAddressChanged { add { } remove { } }
    }

    public class NetworkInterface
    {
        public static NetworkInterface[] GetAllNetworkInterfaces() => null;
        public NetworkInterfaceType NetworkInterfaceType => default;
        public string IPv4Address => null;
        public byte[] PhysicalAddress => null;
        public void EnableDhcp() { }
        public void EnableStaticIPv4(string ipv4Address, string ipv4SubnetMask, string ipv4GatewayAddress) { }
        public void EnableStaticIPv4Dns(string[] dnsAddresses) { }
    }
}

namespace System.Net
{
    public class WebHeaderCollection
    {
        public string this[string name] => null;
        public void Add(string name, string value) { }
    }

    public class HttpListenerRequest
    {
        public string RawUrl => null;
        public string HttpMethod => null;
        public long ContentLength64 => 0;
        public WebHeaderCollection Headers => null;
        public Stream InputStream => null;
    }

    public class HttpListenerResponse
    {
        public int StatusCode { get; set; }
        public string ContentType { get; set; }
        public long ContentLength64 { get; set; }
        public bool KeepAlive { get; set; }
        public WebHeaderCollection Headers => null;
        public Stream OutputStream => null;
        public void Close() { }
    }

    public class HttpListenerContext
    {
        public HttpListenerRequest Request => null;
        public HttpListenerResponse Response => null;
    }

    public class HttpListener
    {
        public HttpListener(string prefix, int port, IPAddress address) { }
        public void Start() { }
        public HttpListenerContext GetContext() => null;
    }
}
