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
public sealed class AdmissionPodReaderTests
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

        var read = AdmissionPodReader.Read(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(full)));

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

        var read = AdmissionPodReader.Read(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(pod)));

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

    [Theory]
    [InlineData("\"hostNetwork\":true", "\"hostNetwork\":\"yes\"")]
    [InlineData("\"privileged\":true", "\"privileged\":1")]
    [InlineData("\"team\":\"web\"", "\"team\":[\"web\"]")]
    [InlineData("\"memory\":\"512Mi\"", "\"memory\":\"lots\"")]
    [InlineData("\"memory\":\"512Mi\"", "\"memory\":true")]
    [InlineData("\"image\":\"mcr", "\"image\":5,\"x\":\"mcr")]
    [InlineData("\"spec\":{", "\"spec\":{\"os\":\"windows\",")]
    [InlineData("\"spec\":{", "\"spec\":{\"tolerations\":{},")]
    [InlineData("\"spec\":{", "\"spec\":{\"tolerations\":[{\"tolerationSeconds\":\"60\"}],")]
    [InlineData("\"spec\":{", "\"spec\":{\"initContainers\":[5],")]
    [InlineData("\"spec\":{", "\"spec\":{\"overhead\":{\"cpu\":false},")]
    [InlineData("\"spec\":{", "\"spec\":{\"volumes\":[{\"name\":\"v\",\"hostPath\":\"C:\\\\\"}],")]
    [InlineData("\"metadata\":{", "\"metadata\":{\"labels\":\"app=web\",")]
    [InlineData("\"metadata\":{", "\"metadata\":[],\"x\":{")]
    public void Handle_PodFieldOfWrongJsonType_BadRequestDenial(string original, string replaced)
    {
        var pod = AdmissionFixtures.SubmittedPod();
        pod.Metadata.Labels = null;
        pod.Metadata.Annotations = new Dictionary<string, string> { ["team"] = "web" };
        pod.Spec.HostNetwork = true;
        pod.Spec.Containers[0].SecurityContext = new V1SecurityContext { Privileged = true };
        var review = AdmissionFixtures.Review("CREATE", pod);
        review.Should().Contain(original);

        foreach (var endpoint in new[] { AdmissionEndpoint.ValidatePods, AdmissionEndpoint.MutatePods })
        {
            var result = Handler.Handle(Encoding.UTF8.GetBytes(review.Replace(original, replaced, StringComparison.Ordinal)), endpoint);

            result.StatusCode.Should().Be(200);
            using var response = JsonDocument.Parse(result.Body);
            var answer = response.RootElement.GetProperty("response");
            answer.GetProperty("allowed").GetBoolean().Should().BeFalse();
            answer.GetProperty("status").GetProperty("code").GetInt32().Should().Be(400);
            answer.GetProperty("status").GetProperty("message").GetString().Should().StartWith("The Pod object cannot be read: ");
        }
    }

    [Theory]
    [InlineData("DELETE", null)]
    [InlineData("UPDATE", "status")]
    public void Handle_UnreadablePodTheReviewerDoesNotNeed_Allowed(string operation, string? subResource)
    {
        var pod = AdmissionFixtures.ConformingPod();
        pod.Spec.HostNetwork = true;
        var review = AdmissionFixtures.Review(operation, operation == "DELETE" ? null : pod, pod, subResource: subResource)
            .Replace("\"hostNetwork\":true", "\"hostNetwork\":\"yes\"", StringComparison.Ordinal);

        var result = Handler.Handle(Encoding.UTF8.GetBytes(review), AdmissionEndpoint.ValidatePods);

        result.StatusCode.Should().Be(200);
        using var response = JsonDocument.Parse(result.Body);
        response.RootElement.GetProperty("response").GetProperty("allowed").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void Handle_UnreadableOldPodOnUpdate_BadRequestDenial()
    {
        var pod = AdmissionFixtures.ConformingPod();
        var old = AdmissionFixtures.Clone(pod);
        old.Spec.HostNetwork = false;
        var review = AdmissionFixtures.Review("UPDATE", pod, old).Replace("\"hostNetwork\":false", "\"hostNetwork\":0", StringComparison.Ordinal);

        var result = Handler.Handle(Encoding.UTF8.GetBytes(review), AdmissionEndpoint.ValidatePods);

        using var response = JsonDocument.Parse(result.Body);
        var answer = response.RootElement.GetProperty("response");
        answer.GetProperty("allowed").GetBoolean().Should().BeFalse();
        answer.GetProperty("status").GetProperty("message").GetString().Should().StartWith("The old Pod object cannot be read: ");
    }

    [Fact]
    public void Read_PodReviewInOnePass_SameFieldsAsReadingTheObjectAlone()
    {
        var pod = EveryRuleFieldSet();
        var body = Encoding.UTF8.GetBytes(AdmissionFixtures.Review("UPDATE", pod, AdmissionFixtures.ConformingPod()));

        var request = AdmissionReviewReader.Read(body, readPods: true)!.Request!;

        KubernetesJson.Serialize(request.ObjectPod!.Pod).Should().Be(KubernetesJson.Serialize(AdmissionPodReader.Read(request.Object!.Value.Span)));
        KubernetesJson.Serialize(request.OldObjectPod!.Pod).Should().Be(KubernetesJson.Serialize(Read(AdmissionFixtures.ConformingPod())));
    }

    [Fact]
    public void Read_GeneratedPods_EveryKeptMemberAsTheFullSerializerReadsIt()
    {
        var random = new Random(61);
        for (var i = 0; i < 300; i++)
        {
            var pod = PodGenerator.Next(random);
            var json = KubernetesJson.Serialize(pod);

            var read = AdmissionPodReader.Read(Encoding.UTF8.GetBytes(json));

            KubernetesJson.Serialize(read).Should().Be(KubernetesJson.Serialize(Trimmed(KubernetesJson.Deserialize<V1Pod>(json))));
        }
    }

    [Fact]
    public void Read_GeneratedPodsWithSkippedMembersFullOfBracketsAndEscapes_KeptMembersAsTheFullSerializerReadsThem()
    {
        // Skipped members are passed over by a bracket scan, not the tokenizer: what follows them must still be read exactly.
        var random = new Random(62);
        for (var i = 0; i < 300; i++)
        {
            var pod = PodGenerator.Next(random);
            AddSkippedMembers(pod, random);

            // Written the way the API server writes it: Go escapes a quote as \", the client's serializer as \u0022.
            var json = KubernetesJson.Serialize(pod).Replace("\\u0022", "\\\"", StringComparison.Ordinal);

            var read = AdmissionPodReader.Read(Encoding.UTF8.GetBytes(json));

            KubernetesJson.Serialize(read).Should().Be(KubernetesJson.Serialize(Trimmed(KubernetesJson.Deserialize<V1Pod>(json))));
        }
    }

    private static void AddSkippedMembers(V1Pod pod, Random random)
    {
        string Tricky() => GeneratedJson.String(random).Trim('"');
        pod.Metadata.ManagedFields =
        [
            new V1ManagedFieldsEntry
            {
                Manager = Tricky(),
                Operation = "Update",
                FieldsType = "FieldsV1",
                FieldsV1 = JsonDocument.Parse(GeneratedJson.Container(random, depth: 0)).RootElement.Clone(),
            },
        ];
        foreach (var container in pod.Spec.Containers)
        {
            container.Env = [new V1EnvVar { Name = Tricky(), Value = Tricky() }];
            container.Args = [Tricky(), "}]", "\\"];
        }

        pod.Status = new V1PodStatus { Phase = "Pending", Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Message = Tricky() }] };
    }

    /// <summary>The pod with only the members <see cref="AdmissionPodReader.ReadMembers"/> lists, built from the full read.</summary>
    private static V1Pod Trimmed(V1Pod full)
    {
        static V1Container Container(V1Container c) => new() { Name = c.Name, Image = c.Image, SecurityContext = c.SecurityContext, Resources = c.Resources };
        var spec = full.Spec;
        return new V1Pod
        {
            Metadata = full.Metadata is null ? null : new V1ObjectMeta { Name = full.Metadata.Name, NamespaceProperty = full.Metadata.NamespaceProperty, Labels = full.Metadata.Labels, Annotations = full.Metadata.Annotations },
            Spec = spec is null ? null : new V1PodSpec
            {
                Containers = spec.Containers?.Select(Container).ToList(),
                InitContainers = spec.InitContainers?.Select(Container).ToList(),
                EphemeralContainers = spec.EphemeralContainers?.Select(c => new V1EphemeralContainer { Name = c.Name, Image = c.Image, SecurityContext = c.SecurityContext, Resources = c.Resources }).ToList(),
                SecurityContext = spec.SecurityContext,
                HostNetwork = spec.HostNetwork,
                HostPID = spec.HostPID,
                HostIPC = spec.HostIPC,
                HostUsers = spec.HostUsers,
                Volumes = spec.Volumes,
                RuntimeClassName = spec.RuntimeClassName,
                NodeName = spec.NodeName,
                Os = spec.Os,
                NodeSelector = spec.NodeSelector,
                Tolerations = spec.Tolerations,
                Affinity = spec.Affinity,
                Overhead = spec.Overhead,
            },
        };
    }

    private static V1Pod Read(V1Pod pod) => AdmissionPodReader.Read(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(pod)));

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
