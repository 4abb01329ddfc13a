using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace HyperVIsolation.LocalApiServer.Tests.Admission;

public sealed class RuntimeClassAdmissionTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private k8s.Kubernetes Client => fixture.Client;

    [Fact]
    public async Task CreatePod_WithRuntimeClass_SetsOverheadMergesSchedulingAndDefaultsTolerations()
    {
        await EnsureRuntimeClassAsync();

        var pod = await Client.CoreV1.CreateNamespacedPodAsync(Pod("rc-ok", nodeSelector: new Dictionary<string, string> { ["zone"] = "a" }), "default");

        pod.Spec.Overhead.Should().ContainKey("memory").WhoseValue.ToString().Should().Be("512Mi");
        pod.Spec.NodeSelector.Should().Contain("zone", "a").And.Contain("kubernetes.io/os", "windows");
        pod.Spec.Tolerations.Select(t => (t.Key, t.Effect, t.TolerationSeconds)).Should().Equal(
            ("node.kubernetes.io/not-ready", "NoExecute", 300L),
            ("node.kubernetes.io/unreachable", "NoExecute", 300L),
            ("os", "NoSchedule", null));
    }

    [Fact]
    public async Task CreatePod_MissingRuntimeClass_IsForbidden()
    {
        var act = () => Client.CoreV1.CreateNamespacedPodAsync(Pod("rc-missing", runtimeClass: "nope"), "default");

        var error = (await act.Should().ThrowAsync<HttpOperationException>()).Which;
        error.Response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        error.Response.Content.Should().Contain("pod rejected: RuntimeClass \\\"nope\\\" not found");
    }

    [Fact]
    public async Task CreatePod_ConflictingNodeSelector_IsForbidden()
    {
        await EnsureRuntimeClassAsync();

        var act = () => Client.CoreV1.CreateNamespacedPodAsync(Pod("rc-conflict", nodeSelector: new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" }), "default");

        var error = (await act.Should().ThrowAsync<HttpOperationException>()).Which;
        error.Response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        error.Response.Content.Should().Contain("conflict: runtimeClass.scheduling.nodeSelector[kubernetes.io/os] = windows; pod.spec.nodeSelector[kubernetes.io/os] = linux");
    }

    [Fact]
    public async Task CreatePod_DifferentOverhead_IsForbidden()
    {
        await EnsureRuntimeClassAsync();
        var pod = Pod("rc-overhead");
        pod.Spec.Overhead = new Dictionary<string, ResourceQuantity> { ["memory"] = new("1Gi") };

        var act = () => Client.CoreV1.CreateNamespacedPodAsync(pod, "default");

        (await act.Should().ThrowAsync<HttpOperationException>()).Which.Response.Content.Should().Contain("Pod's Overhead doesn't match RuntimeClass's defined Overhead");
    }

    private async Task EnsureRuntimeClassAsync()
    {
        var runtimeClass = new V1RuntimeClass
        {
            Metadata = new V1ObjectMeta { Name = "hyperv" },
            Handler = "runhcs-wcow-hypervisor",
            Overhead = new V1Overhead { PodFixed = new Dictionary<string, ResourceQuantity> { ["memory"] = new("512Mi"), ["cpu"] = new("500m") } },
            Scheduling = new V1Scheduling
            {
                NodeSelector = new Dictionary<string, string> { ["kubernetes.io/os"] = "windows" },
                Tolerations = [new V1Toleration { Key = "os", OperatorProperty = "Equal", Value = "windows", Effect = "NoSchedule" }],
            },
        };
        try
        {
            await Client.NodeV1.CreateRuntimeClassAsync(runtimeClass);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Created by another test of this class.
        }
    }

    private static V1Pod Pod(string name, string runtimeClass = "hyperv", IDictionary<string, string>? nodeSelector = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { RuntimeClassName = runtimeClass, NodeSelector = nodeSelector, Containers = [new V1Container { Name = "c", Image = "i" }] },
    };
}
