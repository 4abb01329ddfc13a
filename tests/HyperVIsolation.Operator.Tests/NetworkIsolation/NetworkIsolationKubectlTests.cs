using HyperVIsolation.Operator.NetworkIsolation;
using HyperVIsolation.Operator.Tests.Integration;
using HyperVIsolation.Operator.Tests.Manifests;
using k8s;
using k8s.Models;
using static HyperVIsolation.Operator.Tests.NetworkIsolation.NetworkIsolationInputs;

namespace HyperVIsolation.Operator.Tests.NetworkIsolation;

/// <summary>What the real kubectl shows of a policy and its NetworkPolicies.</summary>
[Collection(KubectlFixtureDefinition.Name)]
public sealed class NetworkIsolationKubectlTests(KubectlFixture kubectl)
{
    [Fact]
    public async Task KubectlGetAndDescribe_CoveredPolicy_ShowsModeCoverageReadinessAndEvents()
    {
        await using var cluster = await NetworkIsolationCluster.StartAsync();
        await cluster.CreateNamespaceAsync("printed-a", "printed");
        await cluster.CreateNamespaceAsync("printed-b", "printed");
        await cluster.CreatePolicyAsync(Policy("printed", tenant: "printed"));
        await cluster.StartOperatorAsync("kubectl");
        await cluster.WaitForReadyAsync("printed");
        await Poll.UntilAsync(() => cluster.EventsAsync("printed"), list => list.Count(e => e.Reason == NetworkIsolationEventReasons.Created) == 4, "four creations are recorded");

        var get = Run("get", "isolationpolicy", "printed");
        var describe = Run("describe", "isolationpolicy", "printed");
        var networkPolicies = Run("get", "networkpolicy", "-n", "printed-a");

        Lines(get)[0].Should().Equal("NAME", "MODE", "NAMESPACES", "READY", "AGE");
        Lines(get)[1][..4].Should().Equal("printed", "Enforce", "2", "True");
        describe.Should().Contain("Covered Namespace Names:").And.Contain("printed-a").And.Contain("NetworkPoliciesInPlace");
        describe.Should().Contain("Events:").And.Contain(NetworkIsolationEventReasons.Created).And.Contain($"Created NetworkPolicy printed-b/{NetworkPolicyNames.DenyCrossNamespace}");
        Lines(networkPolicies)[0].Should().Equal("NAME", "POD-SELECTOR", "AGE");
        Lines(networkPolicies).Skip(1).Select(row => row[0]).Should().Equal(NetworkPolicyNames.BlockInstanceMetadata, NetworkPolicyNames.DenyCrossNamespace);
        Lines(networkPolicies)[1][1].Should().Be("<none>", "an empty pod selector selects every pod");

        string Run(params string[] arguments)
        {
            var result = kubectl.Kubectl(["--kubeconfig", cluster.Server.KubeconfigPath, .. arguments]);
            result.ExitCode.Should().Be(0, result.Error);
            return result.Output;
        }
    }

    [Fact]
    public async Task KubectlGetWide_AuditPolicyWithAViolatingPod_ShowsTheViolationCount()
    {
        await using var cluster = await NetworkIsolationCluster.StartAsync();
        await cluster.CreateNamespaceAsync("audited-a", "audited");
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "on-host" },
                Spec = new V1PodSpec { HostPID = true, Containers = [new V1Container { Name = "app", Image = "mcr.microsoft.com/windows/nanoserver:ltsc2022" }] },
            },
            "audited-a");
        await cluster.CreatePolicyAsync(Policy("audited", tenant: "audited", mode: HyperVIsolation.Api.V1Alpha1.PolicyMode.Audit));
        await cluster.StartOperatorAsync("kubectl-audit");
        var audited = await Poll.UntilAsync(() => cluster.GetPolicyAsync("audited"), policy => policy.Status?.AuditViolations > 0, "the audit counts the pod");

        var result = kubectl.Kubectl(["--kubeconfig", cluster.Server.KubeconfigPath, "get", "isolationpolicy", "audited", "-o", "wide"]);

        result.ExitCode.Should().Be(0, result.Error);
        Lines(result.Output)[0].Should().Equal("NAME", "MODE", "NAMESPACES", "READY", "VIOLATIONS", "AGE");
        Lines(result.Output)[1][..5].Should().Equal("audited", "Audit", "1", "True", audited.Status!.AuditViolations!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static List<string[]> Lines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
}
