using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Placement;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Sizing;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// A short, stable hash of everything that shapes a workload's pods, so that a change to any of it
/// rolls the pods and nothing else does: the template's containers (with their resolved images),
/// labels, annotations, pull secrets and grace period, the OS decision, the VM annotations, the
/// hardening annotation, the RuntimeClass, the compatible builds of the node affinity and the
/// readiness gate. Replicas and the update strategy are left out: scaling is not a rollout.
/// SHA-256 over canonical JSON (maps sorted by key, lists in order, quantities in canonical form),
/// so every process and every run agrees; <c>GetHashCode</c> is randomized per process.
/// </summary>
public static class TemplateHash
{
    /// <summary>Length of the hash: 10 base32 characters, 50 bits.</summary>
    public const int Length = 10;

    // Bumped when the canonical form changes on purpose, which rolls every workload once.
    private const string FormatVersion = "1";

    private const string Base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>The hash of a pod template's inputs: 10 lowercase base32 characters, a valid label value.</summary>
    /// <param name="template">The workload's pod template.</param>
    /// <param name="os">The OS decision (resolved images, flavor, release, compatible builds).</param>
    /// <param name="vm">The VM sizing, or <see langword="null"/> without a VM.</param>
    /// <param name="runtimeClass">The RuntimeClass, or <see langword="null"/> for the default handler.</param>
    /// <param name="disableUnsafeOperations">Whether the hardening annotation is set.</param>
    /// <param name="readinessGateEnabled">Whether the VM-verified readiness gate is set.</param>
    public static string Compute(
        WorkloadTemplate template,
        OsDecision os,
        VmSizing? vm,
        RuntimeClassChoice? runtimeClass,
        bool disableUnsafeOperations,
        bool readinessGateEnabled)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(os);
        var canonical = new JsonObject
        {
            ["format"] = FormatVersion,
            ["containers"] = new JsonArray(template.Containers.Select(container => Container(container, os)).ToArray<JsonNode?>()),
            ["labels"] = Map(template.Labels),
            ["annotations"] = Map(template.Annotations),
            ["imagePullSecrets"] = Strings(template.ImagePullSecrets),
            ["terminationGracePeriodSeconds"] = template.TerminationGracePeriodSeconds,
            ["os"] = new JsonObject
            {
                ["flavor"] = os.Flavor.ToString(),
                ["version"] = os.VersionTag,
                ["isolation"] = os.Isolation.ToString(),
                ["compatibleNodeBuilds"] = Strings(os.CompatibleNodeBuilds.Order().Select(build => build.LabelValue)),
            },
            ["vmAnnotations"] = Map(vm?.Annotations),
            ["disableUnsafeOperations"] = disableUnsafeOperations,
            ["runtimeClassName"] = runtimeClass?.Name,
            ["readinessGate"] = readinessGateEnabled,
        };
        return Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToJsonString())));
    }

    private static JsonObject Container(WorkloadContainer container, OsDecision os) => new()
    {
        ["name"] = container.Name,
        ["image"] = os.ImageOf(container.Name),
        ["command"] = Strings(container.Command),
        ["args"] = Strings(container.Args),
        ["workingDir"] = container.WorkingDir,

        // Order of env matters ($(VAR) expands earlier entries only), so lists keep their order.
        ["env"] = new JsonArray((container.Env ?? []).Select(env => (JsonNode?)new JsonObject
        {
            ["name"] = env.Name,
            ["value"] = env.Value,
        }).ToArray()),
        ["ports"] = new JsonArray((container.Ports ?? []).Select(port => (JsonNode?)new JsonObject
        {
            ["name"] = port.Name,
            ["containerPort"] = port.ContainerPort,
            ["protocol"] = port.Protocol.ToString(),
        }).ToArray()),
        ["requests"] = Quantities(container.Resources?.Requests),
        ["limits"] = Quantities(container.Resources?.Limits),
    };

    private static JsonObject Map(IEnumerable<KeyValuePair<string, string>>? map)
    {
        var json = new JsonObject();
        foreach (var (key, value) in (map ?? []).OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            json[key] = value;
        }

        return json;
    }

    private static JsonObject Quantities(IReadOnlyDictionary<string, k8s.Models.ResourceQuantity>? quantities) =>
        Map(quantities?.Select(entry => KeyValuePair.Create(entry.Key, entry.Value?.ToString() ?? string.Empty)));

    private static JsonArray Strings(IEnumerable<string>? values) =>
        new((values ?? []).Select(value => (JsonNode?)JsonValue.Create(value)).ToArray());

    /// <summary>RFC 4648 base32 of the first bits, lower case: only letters and digits, so a valid label value.</summary>
    private static string Encode(byte[] digest)
    {
        var text = new StringBuilder(Length);
        var buffer = 0;
        var bits = 0;
        foreach (var value in digest)
        {
            buffer = ((buffer << 8) | value) & 0xFFFF;
            bits += 8;
            while (bits >= 5 && text.Length < Length)
            {
                text.Append(Base32Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }

            if (text.Length == Length)
            {
                break;
            }
        }

        return text.ToString();
    }
}
