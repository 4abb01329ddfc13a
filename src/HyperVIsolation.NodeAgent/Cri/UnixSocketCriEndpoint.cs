using System.Net.Sockets;

namespace HyperVIsolation.NodeAgent.Cri;

/// <summary>A CRI endpoint on a unix domain socket.</summary>
/// <param name="Path">The socket file path.</param>
public sealed record UnixSocketCriEndpoint(string Path) : CriEndpoint
{
    /// <inheritdoc />
    public override async ValueTask<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(Path), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public override string ToString() => "unix://" + Path;
}
