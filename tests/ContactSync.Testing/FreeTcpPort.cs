using System.Net;
using System.Net.Sockets;

namespace ContactSync.Testing;

public static class FreeTcpPort
{
    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Gate = new();

    /// <summary>A loopback port nothing listens on now, never the same one twice in this test run.</summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (Gate)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
