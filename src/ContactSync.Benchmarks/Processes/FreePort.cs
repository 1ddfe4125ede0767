using System.Net;
using System.Net.Sockets;

namespace ContactSync.Benchmarks.Processes;

internal static class FreePort
{
    /// <summary>A loopback port nothing listens on now (the OS's pick, so two benchmarks never collide).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
