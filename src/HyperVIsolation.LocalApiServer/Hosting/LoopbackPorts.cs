using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace HyperVIsolation.LocalApiServer.Hosting;

/// <summary>Free loopback ports, for hosts whose endpoints must be known before they listen (the local cluster, tests).</summary>
public static class LoopbackPorts
{
    // The kernel may hand a just-released port out again at once; a port this process already gave out is never
    // given twice, or one host's metrics and webhook ports could clash.
    private static readonly ConcurrentDictionary<int, byte> GivenOut = new();

    /// <summary>A port nobody listens on right now and that this process has not given out before.</summary>
    /// <returns>The port.</returns>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (GivenOut.TryAdd(port, 0))
            {
                return port;
            }
        }
    }
}
