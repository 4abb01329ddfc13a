using System.Text.Json.Nodes;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Admission.Mutation;
using HyperVIsolation.Operator.Admission.Pods;
using HyperVIsolation.Operator.Admission.Rules;
using HyperVIsolation.Operator.Admission.State;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Sizing;
using HyperVIsolation.Operator.Tests.Admission.Mutation;
using HyperVIsolation.Operator.Tests.Admission.Pods;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Admission;

/// <summary>A cluster with one enforced tenant namespace, its policy, RuntimeClasses and pods.</summary>
internal static class AdmissionFixtures
{
    public const string Tenant = "tenant-a";
    public const string PolicyName = "untrusted-tenants";
    public const string TrustLabel = "isolation.hyperv.dev/tenant";
    public const string NanoServer = "mcr.microsoft.com/windows/nanoserver:ltsc2022";
    public const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public static readonly VmSizer Sizer = new(new GuestOsFootprints());

    public static IReadOnlyList<IsolationRuntimeClass> RuntimeClasses { get; } =
    [
        new("hyperv-ltsc2022", IsHyperV: true, WindowsBuild.Ltsc2022),
        new("hyperv-ltsc2025", IsHyperV: true, WindowsBuild.Ltsc2025),
        new("process-ltsc2022", IsHyperV: false, WindowsBuild.Ltsc2022),
    ];

    public static IReadOnlyList<WindowsBuild> ReadyBuilds { get; } = [WindowsBuild.Ltsc2022];

    public static IsolationPolicy Policy(Action<IsolationPolicySpec>? change = null, string name = PolicyName)
    {
        var spec = new IsolationPolicySpec
        {
            NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [TrustLabel] = "untrusted" } },
            Mode = PolicyMode.Enforce,
            AllowedRegistries = ["mcr.microsoft.com/windows", "registry.tenant-a.example:5000/apps"],
            Vm = new VmSizePolicy { MaxMemoryMiB = 8192, MaxProcessorCount = 4 },
            Administrators = new PolicyAdministrators { Users = ["alice"], Groups = ["platform-admins"] },
        };
        change?.Invoke(spec);
        return new IsolationPolicy { Metadata = new V1ObjectMeta { Name = name }, Spec = spec };
    }

    public static Dictionary<string, string> TenantLabels() => new() { [TrustLabel] = "untrusted", ["kubernetes.io/metadata.name"] = Tenant };

    public static InMemoryAdmissionState State(params IsolationPolicy[] policies) => new(
        policies.Length == 0 ? [Policy()] : policies,
        RuntimeClasses,
        ReadyBuilds,
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [Tenant] = TenantLabels(),
            ["trusted"] = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "trusted" },
        });

    /// <summary>A tenant pod as submitted, before the mutator.</summary>
    public static V1Pod SubmittedPod() => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = "app", NamespaceProperty = Tenant, Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "app",
                    Image = NanoServer,
                    Resources = new V1ResourceRequirements
                    {
                        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m"), ["memory"] = new("512Mi") },
                        Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1"), ["memory"] = new("1Gi") },
                    },
                },
            ],
        },
    };

    public static PodMutationContext MutationContext(params IsolationPolicy[] policies) =>
        new(policies.Length == 0 ? [Policy()] : policies, RuntimeClasses, ReadyBuilds, Sizer);

    /// <summary>The submitted pod after the mutator: what validation sees for a well-behaved tenant.</summary>
    public static V1Pod ConformingPod(params IsolationPolicy[] policies) =>
        PodMutation.Of(SubmittedPod(), MutationContext(policies)).MutatedPod();

    public static PodAdmissionInput Input(V1Pod pod, V1Pod? oldPod = null, string? subResource = null, params IsolationPolicy[] policies) =>
        Input(AdmissionPodProjection.From(pod), oldPod is null ? null : AdmissionPodProjection.From(oldPod), subResource, policies);

    public static PodAdmissionInput Input(AdmissionPod pod, AdmissionPod? oldPod = null, string? subResource = null, params IsolationPolicy[] policies)
    {
        var all = policies.Length == 0 ? [Policy()] : policies;
        return new PodAdmissionInput(
            oldPod is null ? AdmissionOperation.Create : AdmissionOperation.Update,
            Tenant,
            pod,
            oldPod,
            subResource,
            PolicyScope.Covering(all, TenantLabels()),
            RuntimeClasses,
            Sizer);
    }

    public static V1Pod Clone(V1Pod pod) => KubernetesJson.Deserialize<V1Pod>(KubernetesJson.Serialize(pod));

    /// <summary>An AdmissionReview request as the API server sends it.</summary>
    public static string Review(
        string operation,
        object? obj,
        object? oldObj = null,
        string group = "",
        string resource = "pods",
        string kind = "Pod",
        string? subResource = null,
        string? ns = Tenant,
        string uid = "705ab4f5-6393-11e8-b7cc-42010a800002",
        string user = "bob",
        string[]? groups = null)
    {
        var request = new JsonObject
        {
            ["uid"] = uid,
            ["kind"] = new JsonObject { ["group"] = group, ["version"] = "v1", ["kind"] = kind },
            ["resource"] = new JsonObject { ["group"] = group, ["version"] = "v1", ["resource"] = resource },
            ["operation"] = operation,
            ["userInfo"] = new JsonObject { ["username"] = user, ["groups"] = new JsonArray((groups ?? ["system:authenticated"]).Select(g => (JsonNode?)JsonValue.Create(g)).ToArray()) },
        };
        if (subResource is not null)
        {
            request["subResource"] = subResource;
        }

        if (ns is not null)
        {
            request["namespace"] = ns;
        }

        if (obj is not null)
        {
            request["object"] = JsonNode.Parse(KubernetesJson.Serialize(obj));
        }

        if (oldObj is not null)
        {
            request["oldObject"] = JsonNode.Parse(KubernetesJson.Serialize(oldObj));
        }

        return new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = request }.ToJsonString();
    }
}
