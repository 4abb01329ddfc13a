using HyperVIsolation.Operator.Reconciliation;
using k8s.Models;
using static HyperVIsolation.Operator.Tests.Reconciliation.ReconciliationInputs;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

public sealed class PodAdoptionTests
{
    [Theory]
    [InlineData("web", "uid-web", true, false, "owned")]
    [InlineData("web", null, false, false, "adopt")]
    [InlineData("web", null, false, true, "ignored")]
    [InlineData("other", null, false, false, "ignored")]
    [InlineData(null, null, false, false, "ignored")]
    [InlineData(null, "uid-web", true, false, "release")]
    [InlineData("other", "uid-web", true, false, "release")]
    [InlineData("web", "uid-old-web", true, false, "ignored")]
    [InlineData("web", "uid-web", false, false, "adopt")]
    [InlineData("web", "uid-replicaset", true, false, "ignored")]
    public void Classify_LabelAndControllerReference_Sorted(string? label, string? ownerUid, bool controller, bool deleting, string expected)
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "p",
                Labels = label is null ? null : new Dictionary<string, string> { ["isolation.hyperv.dev/workload"] = label },
                OwnerReferences = ownerUid is null ? null : [new V1OwnerReference { Uid = ownerUid, Controller = controller, Kind = "IsolatedWorkload", Name = "web" }],
                DeletionTimestamp = deleting ? Epoch.UtcDateTime : null,
            },
        };

        var ownership = PodAdoption.Classify(Workload("web"), [pod]);

        var actual = ownership.Owned.Contains(pod) ? "owned"
            : ownership.ToAdopt.Contains(pod) ? "adopt"
            : ownership.ToRelease.Contains(pod) ? "release"
            : "ignored";
        actual.Should().Be(expected);
    }

    [Fact]
    public void Classify_RenderedPod_IsOwned()
    {
        var workload = Workload("web");
        var pod = PodRenderer.Render(workload, PlanFor(workload));

        PodAdoption.Classify(workload, [pod, new V1Pod()]).Owned.Should().ContainSingle().Which.Should().BeSameAs(pod);
    }
}
