using System.Net;
using System.Net.Sockets;

namespace HyperVIsolation.Soak.Running;

/// <summary>Free loopback ports, found by letting the OS pick one.</summary>
internal static class LoopbackPorts
{
    /// <summary>A port free at the time of the call.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
