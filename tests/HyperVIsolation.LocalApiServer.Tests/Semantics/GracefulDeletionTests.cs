using k8s;
using k8s.Models;

namespace HyperVIsolation.LocalApiServer.Tests.Semantics;

public sealed class GracefulDeletionTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private Kubernetes Client => fixture.Client;

    [Fact]
    public async Task Delete_BoundPod_MarksDeletingUntilKubeletDeletesWithGraceZero()
    {
        await CreatePodAsync("bound", node: "node-1");

        await Client.CoreV1.DeleteNamespacedPodAsync("bound", "default");
        var marked = await Client.CoreV1.ReadNamespacedPodAsync("bound", "default");
        await Client.CoreV1.DeleteNamespacedPodAsync("bound", "default", gracePeriodSeconds: 0);
        var remaining = await Client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: "metadata.name=bound");

        marked.Metadata.DeletionTimestamp.Should().NotBeNull();
        marked.Metadata.DeletionGracePeriodSeconds.Should().Be(30);
        marked.Metadata.DeletionTimestamp!.Value.Should().BeCloseTo(DateTime.UtcNow.AddSeconds(30), TimeSpan.FromSeconds(5));
        remaining.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Delete_BoundPodWithRequestGrace_UsesRequestedPeriod()
    {
        await CreatePodAsync("short", node: "node-1", terminationGracePeriodSeconds: 60);

        var response = await Client.CoreV1.DeleteNamespacedPodAsync("short", "default", gracePeriodSeconds: 5);

        response.Metadata.DeletionGracePeriodSeconds.Should().Be(5);
    }

    [Fact]
    public async Task Delete_UnboundPod_RemovesAtOnce()
    {
        await CreatePodAsync("unbound", node: null);

        await Client.CoreV1.DeleteNamespacedPodAsync("unbound", "default");
        var remaining = await Client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: "metadata.name=unbound");

        remaining.Items.Should().BeEmpty();
    }

    private async Task CreatePodAsync(string name, string? node, long? terminationGracePeriodSeconds = null)
    {
        await Client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = name },
                Spec = new V1PodSpec { TerminationGracePeriodSeconds = terminationGracePeriodSeconds, Containers = [new V1Container { Name = "c", Image = "i" }] },
            },
            "default");
        if (node is not null)
        {
            await Client.CoreV1.CreateNamespacedPodBindingAsync(
                new V1Binding { Metadata = new V1ObjectMeta { Name = name }, Target = new V1ObjectReference { Kind = "Node", Name = node } }, name, "default");
        }
    }
}
