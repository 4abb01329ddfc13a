namespace HyperVIsolation.Operator.Tests.Integration;

/// <summary>A cluster with ltsc2019 and ltsc2022 nodes only (ltsc2025 nodes join during a test) and one operator.</summary>
public sealed class PlacementClusterFixture : IAsyncLifetime
{
    internal OperatorCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await OperatorCluster.StartAsync(OperatorCluster.Group("old19", "ltsc2019"), OperatorCluster.Group("old22", "ltsc2022"));
        await Cluster.StartOperatorAsync("placement");
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
