using k8s;
using k8s.Autorest;
using k8s.Models;

namespace HyperVIsolation.LocalApiServer.Tests.Semantics;

public sealed class ObjectSemanticsTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private Kubernetes Client => fixture.Client;

    [Fact]
    public async Task Create_WithGenerateName_AssignsNameUidAndTimestamp()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = "gen-" } }, "default");

        created.Metadata.Name.Should().StartWith("gen-").And.HaveLength(9);
        created.Metadata.Uid.Should().NotBeNullOrEmpty();
        created.Metadata.CreationTimestamp.Should().NotBeNull();
    }

    [Fact]
    public async Task Create_Twice_ReturnsAlreadyExists()
    {
        var configMap = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "twice" } };
        await Client.CoreV1.CreateNamespacedConfigMapAsync(configMap, "default");

        var act = () => Client.CoreV1.CreateNamespacedConfigMapAsync(configMap, "default");

        (await act.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(System.Net.HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Create_InMissingNamespace_ReturnsNotFound()
    {
        var act = () => Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x" } }, "nowhere");

        (await act.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Replace_WithStaleResourceVersion_ReturnsConflict()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "stale" } }, "default");
        created.Data = new Dictionary<string, string> { ["k"] = "1" };
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "stale", "default");

        created.Data["k"] = "2";
        var act = () => Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "stale", "default");

        (await act.Should().ThrowAsync<HttpOperationException>()).Which.Response.Content.Should().Contain("\"reason\":\"Conflict\"");
    }

    [Fact]
    public async Task ResourceVersion_AcrossWrites_IncreasesMonotonically()
    {
        var first = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "mono-a" } }, "default");
        var second = await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "mono-b" } }, "default");

        long.Parse(second.Metadata.ResourceVersion).Should().BeGreaterThan(long.Parse(first.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task Replace_MetadataOnlyChange_KeepsGeneration_SpecChange_BumpsIt()
    {
        var deployment = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("gen-deploy", replicas: 1), "default");
        deployment.Metadata.Labels = new Dictionary<string, string> { ["x"] = "y" };
        var relabelled = await Client.AppsV1.ReplaceNamespacedDeploymentAsync(deployment, "gen-deploy", "default");

        relabelled.Spec.Replicas = 3;
        var scaled = await Client.AppsV1.ReplaceNamespacedDeploymentAsync(relabelled, "gen-deploy", "default");

        relabelled.Metadata.Generation.Should().Be(1);
        scaled.Metadata.Generation.Should().Be(2);
    }

    [Fact]
    public async Task StatusSubresource_IgnoresSpec_AndMainResourceIgnoresStatus()
    {
        var deployment = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("status-iso", replicas: 1), "default");
        deployment.Status = new V1DeploymentStatus { Replicas = 5 };
        deployment.Spec.Replicas = 9;
        var afterStatus = await Client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(deployment, "status-iso", "default");

        afterStatus.Spec.Replicas.Should().Be(1);
        afterStatus.Status.Replicas.Should().Be(5);
        afterStatus.Metadata.Generation.Should().Be(1);

        afterStatus.Status.Replicas = 0;
        afterStatus.Spec.Replicas = 2;
        var afterMain = await Client.AppsV1.ReplaceNamespacedDeploymentAsync(afterStatus, "status-iso", "default");

        afterMain.Status.Replicas.Should().Be(5);
        afterMain.Spec.Replicas.Should().Be(2);
    }

    [Fact]
    public async Task Delete_WithFinalizer_MarksThenRemovesWhenFinalizerGoes()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "finalized", Finalizers = ["example.com/hold"] } }, "default");

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("finalized", "default");
        var marked = await Client.CoreV1.ReadNamespacedConfigMapAsync("finalized", "default");
        marked.Metadata.DeletionTimestamp.Should().NotBeNull();

        marked.Metadata.Finalizers = [];
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(marked, "finalized", "default");
        var act = () => Client.CoreV1.ReadNamespacedConfigMapAsync("finalized", "default");

        (await act.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Patch_MergePatch_ChangesOnlyGivenFields()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "merge" }, Data = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } }, "default");

        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("{\"data\":{\"b\":null,\"c\":\"3\"}}", V1Patch.PatchType.MergePatch), "merge", "default");

        patched.Data.Should().BeEquivalentTo(new Dictionary<string, string> { ["a"] = "1", ["c"] = "3" });
    }

    [Fact]
    public async Task Patch_JsonPatch_AppliesOperations()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "jsonpatch" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, "default");

        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("[{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"9\"}]", V1Patch.PatchType.JsonPatch), "jsonpatch", "default");

        patched.Data["a"].Should().Be("9");
    }

    internal static V1Deployment Deployment(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "img" }] },
            },
        },
    };
}
