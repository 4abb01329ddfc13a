using System.Net;
using System.Net.Sockets;

namespace HyperVIsolation.Soak.Running;

/// <summary>
/// What the webhook's Service does in a cluster, on loopback: one stable address the webhook configurations name,
/// forwarding each TCP connection (TLS passes through untouched) to a replica whose webhook serves, in turn. Replicas
/// come and go as leaders are killed, so the API server must not be pointed at any one of them.
/// </summary>
public sealed class WebhookFrontDoor : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Func<IReadOnlyList<int>> endpoints;
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private int turn;

    /// <summary>Starts listening; <paramref name="endpoints"/> gives the ports of the replicas serving right now.</summary>
    public WebhookFrontDoor(Func<IReadOnlyList<int>> endpoints)
    {
        this.endpoints = endpoints;
        listener.Start();
        Url = new Uri($"https://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        accepting = Task.Run(() => AcceptAsync(stop.Token));
    }

    /// <summary>The address the webhook configurations use.</summary>
    public Uri Url { get; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient incoming;
            try
            {
                incoming = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ForwardAsync(incoming, cancellationToken), CancellationToken.None);
        }
    }

    private async Task ForwardAsync(TcpClient incoming, CancellationToken cancellationToken)
    {
        using (incoming)
        {
            var ports = endpoints();
            if (ports.Count == 0)
            {
                // No ready endpoint: the connection is refused, as a Service without endpoints refuses it.
                return;
            }

            var port = ports[(int)((uint)Interlocked.Increment(ref turn) % (uint)ports.Count)];
            using var outgoing = new TcpClient();
            try
            {
                await outgoing.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                using var link = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var inbound = incoming.GetStream();
                var outbound = outgoing.GetStream();
                var first = await Task.WhenAny(inbound.CopyToAsync(outbound, link.Token), outbound.CopyToAsync(inbound, link.Token));
                await link.CancelAsync();
                await first;
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Either side went away (a replica stopped, the API server gave up): the other side sees the close.
            }
        }
    }
}
