using HyperVIsolation.Api.V1Alpha1;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.NetworkIsolation;

/// <summary>Policies and namespaces for the network isolation tests.</summary>
internal static class NetworkIsolationInputs
{
    public const string TenantLabel = "tenant";

    /// <summary>An Enforce policy covering namespaces labelled <c>tenant=<paramref name="tenant"/></c>.</summary>
    public static IsolationPolicy Policy(
        string name,
        string tenant = "untrusted",
        bool denyCrossNamespace = true,
        bool blockMetadata = true,
        V1LabelSelector? allowIngressFrom = null,
        PolicyMode mode = PolicyMode.Enforce) => new()
        {
            Metadata = new V1ObjectMeta { Name = name, Uid = $"uid-{name}", Generation = 1 },
            Spec = new IsolationPolicySpec
            {
                NamespaceSelector = Labels(TenantLabel, tenant),
                DenyCrossNamespaceTraffic = denyCrossNamespace,
                BlockInstanceMetadata = blockMetadata,
                AllowIngressFrom = allowIngressFrom,
                Mode = mode,
            },
        };

    public static V1Namespace Namespace(string name, string? tenant = "untrusted", bool terminating = false) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = tenant is null ? null : new Dictionary<string, string> { [TenantLabel] = tenant },
            DeletionTimestamp = terminating ? DateTime.UtcNow : null,
        },
        Status = new V1NamespaceStatus { Phase = terminating ? "Terminating" : "Active" },
    };

    public static V1LabelSelector Labels(string key, string value) => new() { MatchLabels = new Dictionary<string, string> { [key] = value } };

    public static V1LabelSelectorRequirement Requirement(string key, string op, params string[] values) =>
        new() { Key = key, OperatorProperty = op, Values = values.Length == 0 ? null : [.. values] };
}
