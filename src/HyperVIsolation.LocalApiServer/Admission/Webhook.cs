using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace HyperVIsolation.LocalApiServer.Admission;

/// <summary>One webhook of a Mutating- or ValidatingWebhookConfiguration, with kube-apiserver's defaults.</summary>
/// <param name="ConfigurationName">Name of the configuration object.</param>
/// <param name="Name">The webhook's name (shown in denial messages).</param>
/// <param name="Mutating">True for a mutating webhook.</param>
/// <param name="Rules">The rules.</param>
/// <param name="NamespaceSelector">namespaceSelector, or null.</param>
/// <param name="ObjectSelector">objectSelector, or null.</param>
/// <param name="FailurePolicy">Fail (default) or Ignore.</param>
/// <param name="MatchPolicy">Equivalent (default) or Exact.</param>
/// <param name="SideEffects">None, NoneOnDryRun, Some or Unknown.</param>
/// <param name="TimeoutSeconds">1..30, default 10.</param>
/// <param name="ReinvocationPolicy">Never (default) or IfNeeded.</param>
/// <param name="ClientConfig">Where to call it.</param>
public sealed record Webhook(
    string ConfigurationName,
    string Name,
    bool Mutating,
    IReadOnlyList<WebhookRule> Rules,
    V1LabelSelector? NamespaceSelector,
    V1LabelSelector? ObjectSelector,
    string FailurePolicy,
    string MatchPolicy,
    string SideEffects,
    int TimeoutSeconds,
    string ReinvocationPolicy,
    WebhookClientConfig ClientConfig)
{
    /// <summary>Reads every webhook of a configuration object, in order.</summary>
    public static IEnumerable<Webhook> ReadAll(JsonObject configuration, bool mutating)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configurationName = configuration["metadata"]?["name"]?.ToString() ?? string.Empty;
        foreach (var hook in (configuration["webhooks"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var timeout = hook["timeoutSeconds"] is JsonValue value && value.TryGetValue<int>(out var seconds) ? seconds : 10;
            yield return new Webhook(
                configurationName,
                hook["name"]?.ToString() ?? string.Empty,
                mutating,
                (hook["rules"] as JsonArray ?? []).OfType<JsonObject>().Select(WebhookRule.Read).ToList(),
                Selector(hook["namespaceSelector"]),
                Selector(hook["objectSelector"]),
                hook["failurePolicy"]?.ToString() ?? "Fail",
                hook["matchPolicy"]?.ToString() ?? "Equivalent",
                hook["sideEffects"]?.ToString() ?? "Unknown",
                Math.Clamp(timeout, 1, 30),
                hook["reinvocationPolicy"]?.ToString() ?? "Never",
                WebhookClientConfig.Read(hook["clientConfig"]));
        }
    }

    // Read once per configuration, not per request. A selector that does not read as one (validation refuses it on
    // write) matches nothing, like kube-apiserver, which cannot build a selector from it.
    private static V1LabelSelector? Selector(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        try
        {
            return KubernetesJson.Deserialize<V1LabelSelector>(node.ToJsonString());
        }
        catch (JsonException)
        {
            return new V1LabelSelector { MatchExpressions = [new V1LabelSelectorRequirement { Key = string.Empty, OperatorProperty = "Unreadable" }] };
        }
    }

    /// <summary>True when calls that fail are skipped rather than failing the request.</summary>
    public bool IgnoresFailures => FailurePolicy == "Ignore";

    /// <summary>True when the webhook may be called for a dry-run request.</summary>
    public bool SupportsDryRun => SideEffects is "None" or "NoneOnDryRun";
}
