using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace HyperVIsolation.LocalApiServer.Tests.Patching;

public sealed class ServerSideApplyTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private Kubernetes Client => fixture.Client;

    [Fact]
    public async Task Apply_TwoManagersChangeReplicas_SecondConflictsUntilForced()
    {
        await ApplyAsync("ssa-conflict", replicas: 2, manager: "first", force: false);

        var act = () => ApplyAsync("ssa-conflict", replicas: 3, manager: "second", force: false);
        var conflict = (await act.Should().ThrowAsync<HttpOperationException>()).Which;
        var forced = await ApplyAsync("ssa-conflict", replicas: 3, manager: "second", force: true);

        conflict.Response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        conflict.Response.Content.Should().Contain("Apply failed with 1 conflict: conflict with \\\"first\\\": .spec.replicas");
        forced.Spec.Replicas.Should().Be(3);
        forced.Metadata.ManagedFields.Should().Contain(m => m.Manager == "second" && m.Operation == "Apply");
        forced.Metadata.ManagedFields.Single(m => m.Manager == "first").FieldsV1.ToString().Should().NotContain("replicas");
    }

    [Fact]
    public async Task Apply_SameManagerTwice_KeepsResourceVersion()
    {
        var first = await ApplyAsync("ssa-idempotent", replicas: 1, manager: "tool", force: false);
        var second = await ApplyAsync("ssa-idempotent", replicas: 1, manager: "tool", force: false);

        second.Metadata.ResourceVersion.Should().Be(first.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Apply_WithoutFieldManager_IsInvalid()
    {
        var act = () => Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"no-manager"}}""", V1Patch.PatchType.ApplyPatch), "no-manager", "default");

        var error = (await act.Should().ThrowAsync<HttpOperationException>()).Which;

        error.Response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        error.Response.Content.Should().Contain("fieldManager: Required value: is required for apply patch");
    }

    [Fact]
    public async Task Create_WithFieldManager_RecordsUpdateEntry()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "tracked" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, "default", fieldManager: "creator");
        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"b":"2"}}""", V1Patch.PatchType.MergePatch), "tracked", "default", fieldManager: "patcher");

        created.Metadata.ManagedFields.Should().ContainSingle(m => m.Manager == "creator" && m.Operation == "Update");
        patched.Metadata.ManagedFields.Single(m => m.Manager == "patcher").FieldsV1.ToString().Should().Contain("f:b").And.NotContain("f:a");
    }

    [Fact]
    public async Task ApplyStatus_OnDeployment_ChangesOnlyStatusAndKeepsSpecOwner()
    {
        await ApplyAsync("ssa-status", replicas: 2, manager: "owner", force: false);

        var status = await Client.AppsV1.PatchNamespacedDeploymentStatusAsync(
            new V1Patch("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"ssa-status"},"spec":{"replicas":9},"status":{"replicas":2}}""", V1Patch.PatchType.ApplyPatch),
            "ssa-status", "default", fieldManager: "owner");

        status.Spec.Replicas.Should().Be(2);
        status.Status.Replicas.Should().Be(2);
        status.Metadata.ManagedFields.Should().Contain(m => m.Manager == "owner" && m.Subresource == "status");
        status.Metadata.ManagedFields.Single(m => m.Manager == "owner" && m.Subresource == null).FieldsV1.ToString().Should().Contain("f:replicas");
    }

    [Fact]
    public async Task StrategicMergePatch_OnPod_MergesContainersByName()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "smp-pod" },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "a", Image = "one" }, new V1Container { Name = "b", Image = "two" }] },
            },
            "default");

        var patched = await Client.CoreV1.PatchNamespacedPodAsync(
            new V1Patch("""{"spec":{"containers":[{"name":"b","image":"three"}]}}""", V1Patch.PatchType.StrategicMergePatch), "smp-pod", "default");

        patched.Spec.Containers.Select(c => (c.Name, c.Image)).Should().Equal(("a", "one"), ("b", "three"));
    }

    private Task<V1Deployment> ApplyAsync(string name, int replicas, string manager, bool force) =>
        Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(
                """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME"},
                 "spec":{"replicas":REPLICAS,"selector":{"matchLabels":{"app":"NAME"}},
                  "template":{"metadata":{"labels":{"app":"NAME"}},"spec":{"containers":[{"name":"app","image":"nginx"}]}}}}
                """.Replace("NAME", name, StringComparison.Ordinal).Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
                V1Patch.PatchType.ApplyPatch),
            name,
            "default",
            fieldManager: manager,
            force: force);
}
