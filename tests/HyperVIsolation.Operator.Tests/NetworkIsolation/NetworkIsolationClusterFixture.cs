using HyperVIsolation.Operator.Tests.Hosting;
using HyperVIsolation.Operator.Tests.Integration;

namespace HyperVIsolation.Operator.Tests.NetworkIsolation;

/// <summary>One local API server and operator shared by the network isolation tests; each test uses its own tenant label.</summary>
public sealed class NetworkIsolationClusterFixture : IAsyncLifetime
{
    internal NetworkIsolationCluster Cluster { get; private set; } = null!;

    internal TestOperatorHost Operator { get; private set; } = null!;

    internal ApiRequestCounter Requests { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await NetworkIsolationCluster.StartAsync();
        (Operator, Requests) = await Cluster.StartOperatorAsync("network-isolation");
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
