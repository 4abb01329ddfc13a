using System.Net;
using System.Net.Sockets;

namespace HyperVIsolation.Operator.Tests.Hosting;

/// <summary>Loopback ports nobody listens on, for hosts whose endpoints must be known before they start.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
