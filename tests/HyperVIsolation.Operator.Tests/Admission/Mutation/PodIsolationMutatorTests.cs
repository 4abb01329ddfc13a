using System.Text.Json.Nodes;
using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Admission.Mutation;
using HyperVIsolation.Operator.Admission.Rules;
using HyperVIsolation.Operator.Tests.Admission;
using HyperVIsolation.Operator.Tests.Admission.Mutation;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Admission.Mutation;

public sealed class PodIsolationMutatorTests
{
    [Fact]
    public void Mutate_SubmittedPod_SetsRuntimeClassOsSelectorTolerationAndVmAnnotations()
    {
        var mutation = PodMutation.Of(AdmissionFixtures.SubmittedPod(), AdmissionFixtures.MutationContext());

        var pod = mutation.MutatedPod();
        pod.Spec.RuntimeClassName.Should().Be("hyperv-ltsc2022");
        pod.Spec.Os.Name.Should().Be("windows");
        pod.Spec.NodeSelector.Should().Equal(new Dictionary<string, string> { ["kubernetes.io/os"] = "windows" });
        pod.Spec.Tolerations.Should().ContainSingle().Which.Should().BeEquivalentTo(new V1Toleration { Key = "os", OperatorProperty = "Equal", Value = "windows", Effect = "NoSchedule" });
        pod.Metadata.Annotations.Should().Equal(new Dictionary<string, string>
        {
            ["io.microsoft.disable-unsafe-operations"] = "true",
            ["io.microsoft.virtualmachine.computetopology.memory.sizeinmb"] = "1536",
            ["io.microsoft.virtualmachine.computetopology.processor.count"] = "1",
        });
    }

    [Fact]
    public void Mutate_SubmittedPod_PatchIsTheExpectedOperations()
    {
        var mutation = PodMutation.Of(AdmissionFixtures.SubmittedPod(), AdmissionFixtures.MutationContext());

        var patch = JsonNode.Parse(JsonPatchOperation.Serialize(mutation.Operations))!.ToJsonString();
        patch.Should().Be(
            """[{"op":"add","path":"/metadata/annotations","value":{"io.microsoft.disable-unsafe-operations":"true","io.microsoft.virtualmachine.computetopology.memory.sizeinmb":"1536","io.microsoft.virtualmachine.computetopology.processor.count":"1"}},"""
            + """{"op":"add","path":"/spec/runtimeClassName","value":"hyperv-ltsc2022"},{"op":"add","path":"/spec/os","value":{"name":"windows"}},"""
            + """{"op":"add","path":"/spec/nodeSelector","value":{"kubernetes.io/os":"windows"}},"""
            + """{"op":"add","path":"/spec/tolerations","value":[{"key":"os","operator":"Equal","value":"windows","effect":"NoSchedule"}]},"""
            + """{"op":"add","path":"/spec/containers/0/resources/requests/isolation.hyperv.dev~1vm","value":"1"},"""
            + """{"op":"add","path":"/spec/containers/0/resources/limits/isolation.hyperv.dev~1vm","value":"1"}]""");
    }

    [Fact]
    public void Mutate_PodWithoutResources_FirstContainerRequestsOneVm()
    {
        var pod = AdmissionFixtures.SubmittedPod();
        pod.Spec.Containers[0].Resources = null;
        pod.Spec.Containers.Add(new V1Container { Name = "sidecar", Image = AdmissionFixtures.NanoServer });

        var mutated = PodMutation.Of(pod, AdmissionFixtures.MutationContext()).MutatedPod();

        mutated.Spec.Containers[0].Resources.Requests.Should().Equal(new Dictionary<string, ResourceQuantity> { [WellKnownResources.HyperVVm] = new("1") });
        mutated.Spec.Containers[0].Resources.Limits.Should().Equal(new Dictionary<string, ResourceQuantity> { [WellKnownResources.HyperVVm] = new("1") });
        mutated.Spec.Containers[1].Resources.Should().BeNull();
    }

    [Fact]
    public void Mutate_MutatedPodAgain_AddsTheVmOnlyOnce()
    {
        var once = PodMutation.Of(AdmissionFixtures.SubmittedPod(), AdmissionFixtures.MutationContext()).MutatedPod();

        PodMutation.Of(once, AdmissionFixtures.MutationContext()).Operations.Should().BeEmpty("the operator's or a first pass's VM request is left as it is");
        once.Spec.Containers[0].Resources.Requests.Should().ContainKey(WellKnownResources.HyperVVm).WhoseValue.ToString().Should().Be("1");
    }

    [Fact]
    public void Mutate_TenantAsksForOtherVmCounts_FirstHoldsOneAndNoOtherContainerAny()
    {
        var pod = AdmissionFixtures.SubmittedPod();
        pod.Spec.Containers[0].Resources.Limits[WellKnownResources.HyperVVm] = new ResourceQuantity("0");
        pod.Spec.Containers.Add(new V1Container
        {
            Name = "sidecar",
            Image = AdmissionFixtures.NanoServer,
            Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { [WellKnownResources.HyperVVm] = new("2") } },
        });
        pod.Spec.InitContainers = [new V1Container { Name = "init", Image = AdmissionFixtures.NanoServer, Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { [WellKnownResources.HyperVVm] = new("5") } } }];

        var mutated = PodMutation.Of(pod, AdmissionFixtures.MutationContext()).MutatedPod();

        mutated.Spec.Containers[0].Resources.Requests[WellKnownResources.HyperVVm].ToString().Should().Be("1");
        mutated.Spec.Containers[0].Resources.Limits[WellKnownResources.HyperVVm].ToString().Should().Be("1", "a 0 would let the pod dodge the node's VM count");
        mutated.Spec.Containers[1].Resources.Limits.Should().NotContainKey(WellKnownResources.HyperVVm);
        mutated.Spec.InitContainers[0].Resources.Requests.Should().NotContainKey(WellKnownResources.HyperVVm);
    }

    [Fact]
    public void Mutate_LinuxPod_GetsNoVm()
    {
        var pod = AdmissionFixtures.SubmittedPod();
        pod.Spec.Os = new V1PodOS { Name = "linux" };

        PodMutation.Of(pod, AdmissionFixtures.MutationContext()).Operations.Should().NotContain(op => op.Path.Contains("resources", StringComparison.Ordinal));
    }

    [Fact]
    public void Mutate_TenantMicrosoftAnnotations_RemovedOrReplacedWithEscapedPointers()
    {
        var pod = AdmissionFixtures.SubmittedPod();
        pod.Metadata.Annotations = new Dictionary<string, string>
        {
            ["io.microsoft.virtualmachine.cpugroup.id"] = "{1}",
            ["io.microsoft.virtualmachine.computetopology.memory.sizeinmb"] = "65536",
            ["example.com/owner~team"] = "keep",
        };
        pod.Spec.NodeSelector = new Dictionary<string, string> { ["topology.kubernetes.io/zone"] = "a" };

        var mutation = PodMutation.Of(pod, AdmissionFixtures.MutationContext());

        mutation.Operations.Should().ContainEquivalentOf(JsonPatchOperation.Remove("/metadata/annotations/io.microsoft.virtualmachine.cpugroup.id"));
        mutation.Operations.Should().Contain(op => op.Op == "replace" && op.Path == "/metadata/annotations/io.microsoft.virtualmachine.computetopology.memory.sizeinmb" && op.Value!.GetValue<string>() == "1536");
        mutation.Operations.Should().Contain(op => op.Op == "add" && op.Path == "/spec/nodeSelector/kubernetes.io~1os");
        var mutated = mutation.MutatedPod();
        mutated.Metadata.Annotations.Should().ContainKey("example.com/owner~team").And.NotContainKey("io.microsoft.virtualmachine.cpugroup.id");
        mutated.Spec.NodeSelector.Should().Contain("topology.kubernetes.io/zone", "a").And.Contain("kubernetes.io/os", "windows");
    }

    [Fact]
    public void Mutate_MicrosoftAnnotationKeyWithTildeAndSlash_PointerEscapesTildeBeforeSlash()
    {
        var pod = AdmissionFixtures.SubmittedPod();
        pod.Metadata.Annotations = new Dictionary<string, string> { ["io.microsoft.a~b/c"] = "x" };

        var mutation = PodMutation.Of(pod, AdmissionFixtures.MutationContext());

        mutation.Operations.Should().ContainEquivalentOf(JsonPatchOperation.Remove("/metadata/annotations/io.microsoft.a~0b~1c"));
        mutation.MutatedPod().Metadata.Annotations.Should().NotContainKey("io.microsoft.a~b/c");
    }

    [Fact]
    public void Mutate_BuildNodeSelector_PicksThatBuildsRuntimeClass()
    {
        var pod = AdmissionFixtures.SubmittedPod();
        pod.Spec.NodeSelector = new Dictionary<string, string> { ["node.kubernetes.io/windows-build"] = "10.0.26100" };

        PodMutation.Of(pod, AdmissionFixtures.MutationContext()).MutatedPod().Spec.RuntimeClassName.Should().Be("hyperv-ltsc2025");
    }

    [Fact]
    public void Mutate_TenantRuntimeClass_LeftForValidation()
    {
        var pod = AdmissionFixtures.SubmittedPod();
        pod.Spec.RuntimeClassName = "runc";

        PodMutation.Of(pod, AdmissionFixtures.MutationContext()).Operations.Should().NotContain(op => op.Path == "/spec/runtimeClassName");
    }

    [Fact]
    public void Mutate_UncoveredNamespace_NoOperations()
    {
        var context = AdmissionFixtures.MutationContext() with { CoveringPolicies = [] };
        var pod = AdmissionFixtures.SubmittedPod();
        pod.Metadata.Annotations = new Dictionary<string, string> { ["io.microsoft.virtualmachine.cpugroup.id"] = "1" };

        PodMutation.Of(pod, context).Operations.Should().BeEmpty();
    }

    [Fact]
    public void Mutate_LinuxPodWherePolicyAllowsLinux_OnlyStripsMicrosoftAnnotations()
    {
        var policy = AdmissionFixtures.Policy(spec => spec.WindowsOnly = false);
        var pod = AdmissionFixtures.SubmittedPod();
        pod.Spec.Os = new V1PodOS { Name = "linux" };
        pod.Metadata.Annotations = new Dictionary<string, string> { ["io.microsoft.virtualmachine.cpugroup.id"] = "1" };

        var mutation = PodMutation.Of(pod, AdmissionFixtures.MutationContext(policy));

        mutation.Operations.Should().ContainSingle().Which.Op.Should().Be("remove");
    }

    [Fact]
    public void Mutate_PolicyWithoutUnsafeOperationsFlag_OmitsThatAnnotation()
    {
        var policy = AdmissionFixtures.Policy(spec => spec.DisableUnsafeOperations = false);

        var pod = PodMutation.Of(AdmissionFixtures.SubmittedPod(), AdmissionFixtures.MutationContext(policy)).MutatedPod();

        pod.Metadata.Annotations.Should().NotContainKey("io.microsoft.disable-unsafe-operations");
    }

    [Fact]
    public void Mutate_MutatedPod_PassesValidation()
    {
        var pod = AdmissionFixtures.ConformingPod();

        PodIsolationRules.Evaluate(AdmissionFixtures.Input(pod)).Should().BeEmpty();
    }

    [Fact]
    public void Mutate_SecondPassOverManyGeneratedPods_YieldsNoOperations()
    {
        var random = new Random(1234);
        var policies = new[]
        {
            AdmissionFixtures.Policy(),
            AdmissionFixtures.Policy(spec => { spec.Vm = new VmSizePolicy { DefaultMemoryMiB = 2048, DefaultProcessorCount = 2 }; spec.DisableUnsafeOperations = false; }),
            AdmissionFixtures.Policy(spec => { spec.Mode = PolicyMode.Audit; spec.Vm = new VmSizePolicy { MaxMemoryMiB = 1024 }; }),
            AdmissionFixtures.Policy(spec => spec.WindowsOnly = false),
        };
        for (var iteration = 0; iteration < 2000; iteration++)
        {
            var pod = PodGenerator.Next(random);
            var context = AdmissionFixtures.MutationContext(policies[iteration % policies.Length]);

            var first = PodMutation.Of(pod, context);
            var mutated = first.MutatedPod();
            var second = PodMutation.Of(mutated, context);

            second.Operations.Should().BeEmpty($"pod {iteration} ({KubernetesJson.Serialize(pod)}) must be stable after one pass");
            (mutated.Metadata.Annotations ?? new Dictionary<string, string>()).Keys
                .Where(key => key.StartsWith("io.microsoft.", StringComparison.OrdinalIgnoreCase))
                .All(key => key == "io.microsoft.disable-unsafe-operations" || key.StartsWith("io.microsoft.virtualmachine.computetopology.", StringComparison.Ordinal))
                .Should().BeTrue("only the operator's annotations survive");
        }
    }
}
