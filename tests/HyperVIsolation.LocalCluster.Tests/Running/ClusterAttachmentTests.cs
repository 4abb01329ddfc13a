using HyperVIsolation.LocalCluster.Running;

namespace HyperVIsolation.LocalCluster.Tests.Running;

public sealed class ClusterAttachmentTests
{
    public static TheoryData<string[], string[], string[], string[]> Cases => new()
    {
        { ["win-0", "win-1"], [], [], [] },
        { ["win-0", "win-1"], ["linux-0", "linux-1"], ["linux-0"], [] },
        { ["win-0", "win-1"], ["linux-0", "win-1"], [], ["win-1"] },
        { ["win-0", "win-1"], [], ["win-0"], ["win-0"] },
        { ["win-0", "win-1"], ["win-1"], ["win-1", "win-0"], ["win-0", "win-1"] },
        { ["win-0"], ["Win-0"], [], [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Collisions_PoolAgainstClusterNodesAndNodeLeases_TakenNamesInPoolOrder(string[] pool, string[] nodes, string[] leases, string[] expected)
    {
        ClusterAttachment.Collisions(pool, nodes, leases).Should().Equal(expected);
    }
}
