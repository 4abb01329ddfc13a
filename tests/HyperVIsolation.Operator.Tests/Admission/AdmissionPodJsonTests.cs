using System.Text;
using System.Text.Json;
using HyperVIsolation.Operator.Admission.Http;
using HyperVIsolation.Operator.Admission.Mutation;
using HyperVIsolation.Operator.Admission.Rules;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Admission;

/// <summary>
/// The webhook reads pods with only the members the rules read. These tests fail when a rule-relevant
/// field is not read: every field any rule or the mutator inspects is set and must come back, and the
/// decisions on the escape table and on generated pods must be the same as with the full pod.
/// </summary>
public sealed class AdmissionPodJsonTests
{
    private static readonly AdmissionReviewHandler Handler = AdmissionReviewFuzzTests.CreateHandler(AdmissionFixtures.State());

    public static TheoryData<string> RuleFields() =>
    [
        "metadata.name", "metadata.namespace", "metadata.labels", "metadata.annotations",
        "spec.securityContext", "spec.securityContext.windowsOptions.hostProcess", "spec.hostNetwork", "spec.hostPID", "spec.hostIPC", "spec.hostUsers",
        "spec.volumes", "spec.volumes[0].hostPath", "spec.runtimeClassName", "spec.nodeName", "spec.os", "spec.nodeSelector", "spec.tolerations", "spec.affinity", "spec.overhead",
        "spec.containers[0].name", "spec.containers[0].image", "spec.containers[0].securityContext.privileged", "spec.containers[0].securityContext.windowsOptions.hostProcess", "spec.containers[0].resources",
        "spec.initContainers[0].name", "spec.initContainers[0].image", "spec.initContainers[0].securityContext", "spec.initContainers[0].resources",
        "spec.ephemeralContainers[0].name", "spec.ephemeralContainers[0].image", "spec.ephemeralContainers[0].securityContext",
    ];

    [Theory]
    [MemberData(nameof(RuleFields))]
    public void Deserialize_RuleRelevantField_IsRead(string field)
    {
        var full = EveryRuleFieldSet();

        var read = AdmissionPodJson.Deserialize(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(full)))!;

        var expected = ValueAt(full, field);
        expected.Should().NotBeNull("the test pod sets {0}", field);
        KubernetesJson.Serialize(ValueAt(read, field)).Should().Be(KubernetesJson.Serialize(expected));
    }

    [Fact]
    public void Deserialize_FieldsNoRuleReads_Skipped()
    {
        var pod = EveryRuleFieldSet();
        pod.Spec.Containers[0].Env = [new V1EnvVar { Name = "A", Value = "b" }];
        pod.Status = new V1PodStatus { Phase = "Running" };

        var read = AdmissionPodJson.Deserialize(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(pod)))!;

        read.Spec.Containers[0].Env.Should().BeNull();
        read.Status.Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(PodEscapeCases.Names), MemberType = typeof(PodEscapeCases))]
    public void Evaluate_EscapeAttemptReadFromJson_SameViolationsAsFullPod(string name)
    {
        var escape = PodEscapeCases.Named(name);
        var (old, pod) = escape.Pods();

        var full = PodIsolationRules.Evaluate(AdmissionFixtures.Input(pod, old, escape.SubResource, escape.Policy()));
        var read = PodIsolationRules.Evaluate(AdmissionFixtures.Input(Read(pod), old is null ? null : Read(old), escape.SubResource, escape.Policy()));

        read.Should().BeEquivalentTo(full, options => options.WithStrictOrdering());
        read.Should().Contain(violation => violation.Field == escape.Field && violation.RuleId == escape.RuleId);
    }

    [Fact]
    public void EvaluateAndMutate_GeneratedPodsReadFromJson_SameDecisionsAsFullPod()
    {
        var random = new Random(6);
        for (var i = 0; i < 300; i++)
        {
            var pod = PodGenerator.Next(random);
            var read = Read(pod);

            PodIsolationRules.Evaluate(AdmissionFixtures.Input(read)).Should().BeEquivalentTo(PodIsolationRules.Evaluate(AdmissionFixtures.Input(pod)), options => options.WithStrictOrdering());
            Patch(read).Should().Be(Patch(pod));
        }
    }

    [Theory]
    [InlineData("\"hostNetwork\":true", "\"hostNetwork\":true,\"hostNetwork\":false")]
    [InlineData("\"hostNetwork\":true", "\"hostNetwork\":false,\"hostNetwork\":true")]
    [InlineData("\"privileged\":true", "\"privileged\":true,\"privileged\":false")]
    [InlineData("\"team\":\"web\"", "\"team\":\"web\",\"team\":\"other\"")]
    [InlineData("\"spec\":{", "\"spec\":{},\"spec\":{")]
    public void Handle_PodPropertyTwice_BadRequestDenial(string original, string duplicated)
    {
        var pod = AdmissionFixtures.ConformingPod();
        pod.Spec.HostNetwork = true;
        pod.Spec.Containers[0].SecurityContext = new V1SecurityContext { Privileged = true };
        pod.Metadata.Annotations["team"] = "web";
        var review = AdmissionFixtures.Review("CREATE", pod);
        review.Should().Contain(original);

        foreach (var endpoint in new[] { AdmissionEndpoint.ValidatePods, AdmissionEndpoint.MutatePods })
        {
            var result = Handler.Handle(Encoding.UTF8.GetBytes(review.Replace(original, duplicated, StringComparison.Ordinal)), endpoint);

            result.StatusCode.Should().Be(200);
            using var response = JsonDocument.Parse(result.Body);
            var answer = response.RootElement.GetProperty("response");
            answer.GetProperty("allowed").GetBoolean().Should().BeFalse();
            answer.GetProperty("status").GetProperty("code").GetInt32().Should().Be(400);
            answer.GetProperty("status").GetProperty("message").GetString().Should().Contain("cannot be read");
        }
    }

    private static V1Pod Read(V1Pod pod) => AdmissionPodJson.Deserialize(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(pod)))!;

    private static string Patch(V1Pod pod) =>
        Encoding.UTF8.GetString(JsonPatchOperation.Serialize(PodIsolationMutator.Mutate(pod, AdmissionFixtures.MutationContext()).Operations));

    /// <summary>A pod with every field any rule, the mutator or the sizer reads.</summary>
    private static V1Pod EveryRuleFieldSet()
    {
        var hostProcess = new V1SecurityContext { Privileged = true, WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = true, RunAsUserName = "NT AUTHORITY\\SYSTEM" } };
        var resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m"), ["memory"] = new("1Gi") },
            Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("2Gi") },
        };
        var pod = AdmissionFixtures.SubmittedPod();
        pod.Metadata.NamespaceProperty = AdmissionFixtures.Tenant;
        pod.Metadata.Labels = new Dictionary<string, string> { ["app"] = "web" };
        pod.Metadata.Annotations = new Dictionary<string, string> { ["io.microsoft.virtualmachine.cpugroup.id"] = "1" };
        pod.Spec.SecurityContext = new V1PodSecurityContext { WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = true } };
        pod.Spec.HostNetwork = true;
        pod.Spec.HostPID = true;
        pod.Spec.HostIPC = true;
        pod.Spec.HostUsers = false;
        pod.Spec.Volumes = [new V1Volume { Name = "host", HostPath = new V1HostPathVolumeSource { Path = "C:\\" } }];
        pod.Spec.RuntimeClassName = "runhcs-wcow-process";
        pod.Spec.NodeName = "win-node-1";
        pod.Spec.Os = new V1PodOS { Name = "windows" };
        pod.Spec.NodeSelector = new Dictionary<string, string> { ["kubernetes.io/os"] = "windows" };
        pod.Spec.Tolerations = [new V1Toleration { Key = "os", OperatorProperty = "Equal", Value = "windows", Effect = "NoSchedule" }];
        pod.Spec.Affinity = new V1Affinity { NodeAffinity = new V1NodeAffinity { RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector { NodeSelectorTerms = [new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "k", OperatorProperty = "Exists" }] }] } } };
        pod.Spec.Overhead = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m") };
        pod.Spec.Containers[0].SecurityContext = hostProcess;
        pod.Spec.Containers[0].Resources = resources;
        pod.Spec.InitContainers = [new V1Container { Name = "init", Image = "evil.example.com/init:1", SecurityContext = hostProcess, Resources = resources }];
        pod.Spec.EphemeralContainers = [new V1EphemeralContainer { Name = "debug", Image = "evil.example.com/debug:1", SecurityContext = hostProcess }];
        return pod;
    }

    private static object? ValueAt(V1Pod pod, string field) => field switch
    {
        "metadata.name" => pod.Metadata?.Name,
        "metadata.namespace" => pod.Metadata?.NamespaceProperty,
        "metadata.labels" => pod.Metadata?.Labels,
        "metadata.annotations" => pod.Metadata?.Annotations,
        "spec.securityContext" => pod.Spec?.SecurityContext,
        "spec.securityContext.windowsOptions.hostProcess" => pod.Spec?.SecurityContext?.WindowsOptions?.HostProcess,
        "spec.hostNetwork" => pod.Spec?.HostNetwork,
        "spec.hostPID" => pod.Spec?.HostPID,
        "spec.hostIPC" => pod.Spec?.HostIPC,
        "spec.hostUsers" => pod.Spec?.HostUsers,
        "spec.volumes" => pod.Spec?.Volumes,
        "spec.volumes[0].hostPath" => pod.Spec?.Volumes?[0].HostPath,
        "spec.runtimeClassName" => pod.Spec?.RuntimeClassName,
        "spec.nodeName" => pod.Spec?.NodeName,
        "spec.os" => pod.Spec?.Os,
        "spec.nodeSelector" => pod.Spec?.NodeSelector,
        "spec.tolerations" => pod.Spec?.Tolerations,
        "spec.affinity" => pod.Spec?.Affinity,
        "spec.overhead" => pod.Spec?.Overhead,
        "spec.containers[0].name" => pod.Spec?.Containers?[0].Name,
        "spec.containers[0].image" => pod.Spec?.Containers?[0].Image,
        "spec.containers[0].securityContext.privileged" => pod.Spec?.Containers?[0].SecurityContext?.Privileged,
        "spec.containers[0].securityContext.windowsOptions.hostProcess" => pod.Spec?.Containers?[0].SecurityContext?.WindowsOptions?.HostProcess,
        "spec.containers[0].resources" => pod.Spec?.Containers?[0].Resources,
        "spec.initContainers[0].name" => pod.Spec?.InitContainers?[0].Name,
        "spec.initContainers[0].image" => pod.Spec?.InitContainers?[0].Image,
        "spec.initContainers[0].securityContext" => pod.Spec?.InitContainers?[0].SecurityContext,
        "spec.initContainers[0].resources" => pod.Spec?.InitContainers?[0].Resources,
        "spec.ephemeralContainers[0].name" => pod.Spec?.EphemeralContainers?[0].Name,
        "spec.ephemeralContainers[0].image" => pod.Spec?.EphemeralContainers?[0].Image,
        "spec.ephemeralContainers[0].securityContext" => pod.Spec?.EphemeralContainers?[0].SecurityContext,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "no accessor"),
    };
}
