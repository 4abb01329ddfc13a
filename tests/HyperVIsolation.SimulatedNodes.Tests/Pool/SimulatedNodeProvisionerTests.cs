using HyperVIsolation.SimulatedNodes.Pool;
using Microsoft.Extensions.Time.Testing;

namespace HyperVIsolation.SimulatedNodes.Tests.Pool;

public sealed class SimulatedNodeProvisionerTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("provision-").FullName;

    [Fact]
    public async Task ProvisionAsync_ShortWorkingDirectory_CriSocketInNodeDirectory()
    {
        var nodes = await ProvisionAsync(directory);

        nodes[0].CriSocketPath.Should().Be(Path.Combine(nodes[0].Directory, "containerd.sock"));
        nodes[0].CriEndpoint.ToString().Should().Be("unix://" + nodes[0].CriSocketPath);
    }

    [Fact]
    public async Task ProvisionAsync_LongWorkingDirectory_CriSocketInShortTempDirectory()
    {
        var longRoot = Path.Combine(directory, new string('d', 60), new string('e', 60));

        var nodes = await ProvisionAsync(longRoot);

        nodes.Select(n => n.CriSocketPath).Should().OnlyHaveUniqueItems()
            .And.AllSatisfy(path => SimulatedNodeProvisioner.FitsUnixSocketPath(path).Should().BeTrue());
        nodes[0].CriSocketPath.Should().NotStartWith(longRoot).And.EndWith("g-0.sock");
        nodes[0].Directory.Should().StartWith(longRoot, "only the socket moves");
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static Task<IReadOnlyList<SimulatedNode>> ProvisionAsync(string root) =>
        SimulatedNodeProvisioner.ProvisionAsync(
            new NodePoolConfig { WorkingDirectory = root, Groups = [new NodeGroupConfig { Name = "g", Count = 2 }] },
            new FakeTimeProvider(),
            CancellationToken.None);
}
