using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.SimulatedNodes.Cri;

/// <summary>
/// Serves one simulated node's CRI on a unix domain socket with Kestrel (HTTP/2 cleartext, as
/// containerd serves it), so the node agent's <see cref="NodeAgent.Cri.CriRuntimeClient"/> runs
/// unchanged against it. While the state is marked unavailable (a containerd restart) every call
/// fails with <c>Unavailable</c>.
/// </summary>
public sealed class SimulatedCriServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private SimulatedCriServer(WebApplication app, string socketPath)
    {
        this.app = app;
        SocketPath = socketPath;
    }

    /// <summary>The socket the server listens on.</summary>
    public string SocketPath { get; }

    /// <summary>Starts serving <paramref name="state"/> on <paramref name="socketPath"/> (a stale socket file is replaced).</summary>
    public static async Task<SimulatedCriServer> StartAsync(
        string socketPath, SimulatedCriRuntimeState state, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(socketPath);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (File.Exists(socketPath))
        {
            File.Delete(socketPath);
        }

        // One server per simulated node: skip the appsettings file watcher, which would cost an
        // inotify instance per node and run out of them with a few clusters in parallel tests.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.ListenUnixSocket(socketPath, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<CriAvailabilityInterceptor>());
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(timeProvider);

        var app = builder.Build();
        app.MapGrpcService<SimulatedCriRuntimeService>();
        await app.StartAsync(cancellationToken);
        return new SimulatedCriServer(app, socketPath);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();

        // containerd removes its socket on a clean shutdown; a leftover file would look like a live runtime.
        File.Delete(SocketPath);
    }
}
