using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Admission.Hosting;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Admission.Hosting;

public sealed class AdmissionStateInvalidationTests
{
    [Fact]
    public void OnUpdated_NodeHeartbeat_KeepsTheSnapshot()
    {
        var invalidation = new AdmissionStateInvalidation();

        invalidation.OnUpdated(Node("5", "true"), Node("6", "true"));

        invalidation.Version.Should().Be(0);
    }

    [Fact]
    public void OnUpdated_NodeReadinessLabel_InvalidatesTheSnapshot()
    {
        var invalidation = new AdmissionStateInvalidation();

        invalidation.OnUpdated(Node("5", "true"), Node("6", "false"));

        invalidation.Version.Should().Be(1);
    }

    [Fact]
    public void OnUpdated_PolicyStatusThenSpec_OnlyTheSpecInvalidates()
    {
        var invalidation = new AdmissionStateInvalidation();

        invalidation.OnUpdated(Policy(generation: 1), Policy(generation: 1));
        var afterStatus = invalidation.Version;
        invalidation.OnUpdated(Policy(generation: 1), Policy(generation: 2));

        afterStatus.Should().Be(0);
        invalidation.Version.Should().Be(1);
    }

    [Fact]
    public void OnAddedAndOnDeleted_AnyObject_InvalidateTheSnapshot()
    {
        var invalidation = new AdmissionStateInvalidation();

        invalidation.OnAdded(Node("1", "true"));
        invalidation.OnDeleted(Policy(generation: 1));
        invalidation.OnAdded(new V1RuntimeClass { Metadata = new V1ObjectMeta { Name = "hyperv-ltsc2022" } });

        invalidation.Version.Should().Be(3);
    }

    private static V1Node Node(string resourceVersion, string ready) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "win-1",
            ResourceVersion = resourceVersion,
            Labels = new Dictionary<string, string>
            {
                [WellKnownLabels.Os] = "windows",
                [WellKnownLabels.WindowsBuild] = "10.0.20348",
                [WellKnownLabels.NodeReady] = ready,
            },
        },
    };

    private static IsolationPolicy Policy(long generation) => new()
    {
        Metadata = new V1ObjectMeta { Name = "tenants", Generation = generation },
        Spec = new IsolationPolicySpec { Mode = PolicyMode.Enforce },
    };
}
