using HyperVIsolation.Bench.Operator.Floor;

namespace HyperVIsolation.Bench.Tests.Operator.Floor;

public class FloorChainsTests
{
    private const string Workloads = "/apis/isolation.hyperv.dev/v1alpha1/namespaces/ns/isolatedworkloads";

    [Fact]
    public void Group_RolloutWrites_ChainsEachWorkloadsWritesInOrderAndLeavesTheRestApart()
    {
        RecordedWrite[] writes =
        [
            Write(1, "POST", Workloads, "{}", "w-1", "uid-w1"),
            Write(2, "POST", Workloads, "{}", "w-2", "uid-w2"),
            Write(3, "POST", "/api/v1/namespaces/ns/pods", PodBody("w-1"), "w-1-aaaaa", "uid-p1"),
            Write(4, "PUT", "/apis/coordination.k8s.io/v1/namespaces/default/leases/op", "{}"),
            Write(5, "POST", "/api/v1/namespaces/ns/pods/w-1-aaaaa/binding", "{}"),
            Write(6, "POST", "/api/v1/namespaces/ns/events", """{"involvedObject":{"kind":"Pod","name":"w-1-aaaaa"}}"""),
            Write(7, "PUT", "/api/v1/namespaces/ns/pods/w-1-aaaaa/status", "{}"),
            Write(8, "PUT", Workloads + "/w-1/status", "{}"),
            Write(9, "POST", "/api/v1/namespaces/ns/events", """{"involvedObject":{"kind":"IsolatedWorkload","name":"w-2"}}"""),
            Write(10, "PUT", "/api/v1/nodes/n/status", "{}"),
            Write(11, "POST", "/api/v1/namespaces/ns/events", """{"involvedObject":{"kind":"Pod","name":"unknown"}}"""),
        ];

        var set = FloorChains.Group([.. writes.Reverse()]);

        set.Chains.Keys.Should().BeEquivalentTo("ns/w-1", "ns/w-2");
        set.Chains["ns/w-1"].Select(w => w.Sequence).Should().Equal(1, 3, 5, 6, 7, 8);
        set.Chains["ns/w-2"].Select(w => w.Sequence).Should().Equal(2, 9);
        set.Apart.Select(w => w.Sequence).Should().Equal(4, 10, 11);
        set.ChainedWrites.Should().Be(8);
        set.ChainedByKind().Should().Equal(new Dictionary<string, long>
        {
            ["POST events"] = 2,
            ["POST isolatedworkloads"] = 2,
            ["POST pods"] = 1,
            ["POST pods/binding"] = 1,
            ["PUT isolatedworkloads/status"] = 1,
            ["PUT pods/status"] = 1,
        });
    }

    [Fact]
    public void Group_PodWithoutControllerOrBadJson_IsLeftApart()
    {
        RecordedWrite[] writes =
        [
            Write(1, "POST", "/api/v1/namespaces/ns/pods", """{"metadata":{"ownerReferences":[{"name":"w-1","controller":false}]}}""", "p", "u"),
            Write(2, "POST", "/api/v1/namespaces/ns/pods", "not json", "q", "v"),
            Write(3, "POST", "/api/v1/namespaces/ns/events", "not json"),
        ];

        var set = FloorChains.Group(writes);

        set.Chains.Should().BeEmpty();
        set.Apart.Should().HaveCount(3);
    }

    internal static RecordedWrite Write(long sequence, string method, string path, string body, string? name = null, string? uid = null) =>
        new(sequence, "client", method, path, "application/json", body, name, uid);

    private static string PodBody(string owner) =>
        $$$"""{"metadata":{"generateName":"{{{owner}}}-","ownerReferences":[{"name":"{{{owner}}}","uid":"uid-w1","controller":true}]}}""";
}
