using HyperVIsolation.LocalApiServer.Hosting;
using k8s;

namespace HyperVIsolation.LocalApiServer.Tests;

/// <summary>One local API server shared by a test class.</summary>
public sealed class ApiServerFixture : IAsyncLifetime
{
    private LocalApiServer.Hosting.LocalApiServer? server;

    public LocalApiServer.Hosting.LocalApiServer Server => server ?? throw new InvalidOperationException("not started");

    public Kubernetes Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        server = await LocalApiServer.Hosting.LocalApiServer.StartAsync(
            new LocalApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(300), GarbageCollectionInterval = TimeSpan.FromMilliseconds(100) },
            CancellationToken.None);
        Client = server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
