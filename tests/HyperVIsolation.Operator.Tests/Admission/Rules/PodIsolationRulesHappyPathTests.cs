using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Admission.Rules;
using HyperVIsolation.Operator.Tests.Admission;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Admission.Rules;

public sealed class PodIsolationRulesHappyPathTests
{
    [Fact]
    public void Evaluate_ProcessRuntimeClassWherePolicyAllowsIt_Allowed()
    {
        var policy = AdmissionFixtures.Policy(spec => spec.AllowProcessIsolation = true);
        var pod = AdmissionFixtures.ConformingPod(policy);
        pod.Spec.RuntimeClassName = "process-ltsc2022";

        PodIsolationRules.Evaluate(AdmissionFixtures.Input(pod, policies: policy)).Should().BeEmpty();
    }

    [Fact]
    public void Evaluate_LinuxPodWherePolicyAllowsLinux_Allowed()
    {
        var policy = AdmissionFixtures.Policy(spec => { spec.WindowsOnly = false; spec.AllowedRegistries = null; });
        var pod = AdmissionFixtures.SubmittedPod();
        pod.Spec.Os = new V1PodOS { Name = "linux" };
        pod.Spec.Containers[0].Image = "nginx";

        PodIsolationRules.Evaluate(AdmissionFixtures.Input(pod, policies: policy)).Should().BeEmpty();
    }

    [Fact]
    public void Evaluate_DigestPinnedImagesFromAllowedRegistries_Allowed()
    {
        var policy = AdmissionFixtures.Policy(spec => spec.RequireImageDigest = true);
        var pod = AdmissionFixtures.ConformingPod(policy);
        pod.Spec.Containers[0].Image = $"mcr.microsoft.com/windows/nanoserver@{AdmissionFixtures.Digest}";
        pod.Spec.InitContainers = [new V1Container { Name = "init", Image = $"registry.tenant-a.example:5000/apps/init:1@{AdmissionFixtures.Digest}" }];

        PodIsolationRules.Evaluate(AdmissionFixtures.Input(pod, policies: policy)).Should().BeEmpty();
    }

    [Fact]
    public void Evaluate_UpdateOfLabelsOnly_Allowed()
    {
        var old = AdmissionFixtures.ConformingPod();
        var pod = AdmissionFixtures.Clone(old);
        pod.Metadata.Labels["version"] = "2";

        PodIsolationRules.Evaluate(AdmissionFixtures.Input(pod, old)).Should().BeEmpty();
    }

    [Fact]
    public void Evaluate_UpdateWithEqualMapsInNewInstances_Allowed()
    {
        var old = AdmissionFixtures.ConformingPod();
        var pod = AdmissionFixtures.Clone(old);
        pod.Spec.NodeSelector = new Dictionary<string, string>(old.Spec.NodeSelector);
        pod.Metadata.Annotations = new Dictionary<string, string>(old.Metadata.Annotations) { ["team"] = "web" };

        PodIsolationRules.Evaluate(AdmissionFixtures.Input(pod, old)).Should().BeEmpty();
    }

    [Fact]
    public void Evaluate_UpdateAddingANodeSelectorEntry_Denied()
    {
        var old = AdmissionFixtures.ConformingPod();
        var pod = AdmissionFixtures.Clone(old);
        pod.Spec.NodeSelector["pool"] = "other";

        PodIsolationRules.Evaluate(AdmissionFixtures.Input(pod, old)).Should().ContainSingle().Which.Field.Should().Be("spec.nodeSelector");
    }

    [Fact]
    public void Evaluate_SafeEphemeralContainer_Allowed()
    {
        var old = AdmissionFixtures.ConformingPod();
        var pod = AdmissionFixtures.Clone(old);
        pod.Spec.EphemeralContainers = [new V1EphemeralContainer { Name = "debug", Image = AdmissionFixtures.NanoServer }];

        PodIsolationRules.Evaluate(AdmissionFixtures.Input(pod, old, "ephemeralcontainers")).Should().BeEmpty();
    }

    [Fact]
    public void Evaluate_EnforceAndAuditPoliciesBothBroken_ReportedOnceAsEnforce()
    {
        var enforce = AdmissionFixtures.Policy(name: "b-enforce");
        var audit = AdmissionFixtures.Policy(spec => spec.Mode = PolicyMode.Audit, "a-audit");
        var pod = AdmissionFixtures.ConformingPod(enforce, audit);
        pod.Spec.HostNetwork = true;

        var violations = PodIsolationRules.Evaluate(AdmissionFixtures.Input(pod, policies: [enforce, audit]));

        violations.Should().ContainSingle().Which.Should().Match<AdmissionViolation>(v => v.Mode == PolicyMode.Enforce && v.PolicyName == "b-enforce");
    }
}
