namespace HyperVIsolation.Operator.Tests.Integration;

/// <summary>One cluster (ltsc2019 and ltsc2022 nodes) and one operator shared by the lifecycle tests; each test uses its own namespace.</summary>
public sealed class LifecycleClusterFixture : IAsyncLifetime
{
    internal OperatorCluster Cluster { get; private set; } = null!;

    internal ApiRequestCounter Requests { get; private set; } = null!;

    internal Hosting.TestOperatorHost Operator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await OperatorCluster.StartAsync(OperatorCluster.Group("win19", "ltsc2019", 2), OperatorCluster.Group("win22", "ltsc2022", 2));
        (Operator, Requests) = await Cluster.StartOperatorAsync("lifecycle");
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
