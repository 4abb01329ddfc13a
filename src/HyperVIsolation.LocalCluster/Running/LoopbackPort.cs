using System.Net;
using System.Net.Sockets;

namespace HyperVIsolation.LocalCluster.Running;

/// <summary>Free loopback ports, for the operator whose options need port numbers before it listens.</summary>
internal static class LoopbackPort
{
    /// <summary>A port nobody listens on right now.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
