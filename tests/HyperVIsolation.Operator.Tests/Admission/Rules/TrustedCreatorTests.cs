using HyperVIsolation.Operator.Admission.Mutation;
using HyperVIsolation.Operator.Admission.Rules;
using HyperVIsolation.Operator.Tests.Admission;
using HyperVIsolation.Operator.Tests.Admission.Mutation;

namespace HyperVIsolation.Operator.Tests.Admission.Rules;

/// <summary>The operator's own pods keep the VM size it derived from spec.vm, within the caps.</summary>
public sealed class TrustedCreatorTests
{
    private const string Memory = "io.microsoft.virtualmachine.computetopology.memory.sizeinmb";

    [Fact]
    public void Mutate_OperatorPodWithSizing_KeepsSizingDropsOtherMicrosoftKeys()
    {
        var pod = AdmissionFixtures.SubmittedPod();
        pod.Metadata.Annotations = new Dictionary<string, string> { [Memory] = "4096", ["io.microsoft.virtualmachine.cpugroup.id"] = "1" };

        var mutated = PodMutation.Of(pod, AdmissionFixtures.MutationContext() with { TrustedCreator = true }).MutatedPod();

        mutated.Metadata.Annotations.Should().Contain(Memory, "4096").And.Contain("io.microsoft.disable-unsafe-operations", "true")
            .And.NotContainKey("io.microsoft.virtualmachine.cpugroup.id");
        PodIsolationRules.Evaluate(AdmissionFixtures.Input(mutated) with { TrustedCreator = true }).Should().BeEmpty();
    }

    [Fact]
    public void Evaluate_OperatorPodOverCap_Denied()
    {
        var pod = AdmissionFixtures.ConformingPod();
        pod.Metadata.Annotations[Memory] = "16384";

        var violations = PodIsolationRules.Evaluate(AdmissionFixtures.Input(pod) with { TrustedCreator = true });

        violations.Should().ContainSingle().Which.Message.Should().Be(
            $"metadata.annotations[{Memory}]: The annotated VM memory is 16384 MiB, over the cap maxMemoryMiB=8192 of IsolationPolicy 'untrusted-tenants'.");
    }

    [Fact]
    public void Evaluate_TenantPodWithSameAnnotation_Denied()
    {
        var pod = AdmissionFixtures.ConformingPod();
        pod.Metadata.Annotations[Memory] = "4096";

        PodIsolationRules.Evaluate(AdmissionFixtures.Input(pod)).Should().Contain(v => v.RuleId == RuleIds.ReservedAnnotation);
    }
}
