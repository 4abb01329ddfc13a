using System.Text.Json.Nodes;
using HyperVIsolation.ControllerRuntime.Selectors;
using HyperVIsolation.LocalApiServer.Resources;
using HyperVIsolation.LocalApiServer.Storage;

namespace HyperVIsolation.LocalApiServer.Admission;

/// <summary>
/// Decides whether a webhook is called for a request, as kube-apiserver does: rules (operation,
/// group, version, resource/subresource, scope) with <c>matchPolicy</c>, <c>namespaceSelector</c>
/// (cluster-scoped objects other than namespaces always match) and <c>objectSelector</c> (old or
/// new object's labels).
/// </summary>
public sealed class WebhookMatcher(ResourceCatalog catalog, ObjectStore store)
{
    /// <summary>The resource version the webhook is called with, or null when it does not match.</summary>
    public ResourceDefinition? Match(Webhook hook, AdmissionAttributes attributes, JsonObject? obj, JsonObject? old)
    {
        ArgumentNullException.ThrowIfNull(hook);
        ArgumentNullException.ThrowIfNull(attributes);
        var matched = MatchRules(hook, attributes);
        if (matched is null)
        {
            return null;
        }

        var selected = MatchesNamespace(hook, attributes, obj, old)
            && (LabelSelectorMatcher.Matches(hook.ObjectSelector, Labels(obj?["metadata"]?["labels"]))
                || (old is not null && LabelSelectorMatcher.Matches(hook.ObjectSelector, Labels(old["metadata"]?["labels"]))));
        return selected ? matched : null;
    }

    private ResourceDefinition? MatchRules(Webhook hook, AdmissionAttributes a)
    {
        var resource = a.Resource;
        bool Covers(ResourceDefinition r) =>
            hook.Rules.Any(rule => rule.Matches(a.Operation, r.Group, r.Version, r.Plural, a.Subresource, r.Namespaced));
        if (Covers(resource))
        {
            return resource;
        }

        // Equivalent: the same resource in another served version of its group also counts.
        return hook.MatchPolicy == "Exact"
            ? null
            : catalog.All.FirstOrDefault(r => r.StorageKey == resource.StorageKey && r.Version != resource.Version && Covers(r));
    }

    private bool MatchesNamespace(Webhook hook, AdmissionAttributes a, JsonObject? obj, JsonObject? old)
    {
        var isNamespace = a.Resource.StorageKey == "namespaces";
        if (a.Namespace.Length == 0 && !isNamespace)
        {
            // Cluster-scoped objects other than namespaces are never exempted by a namespaceSelector.
            return true;
        }

        if (LabelSelectorMatcher.IsEmpty(hook.NamespaceSelector))
        {
            return true;
        }

        JsonNode? labels;
        if (isNamespace && a.Subresource is null && a.Operation is "CREATE" or "UPDATE")
        {
            labels = obj?["metadata"]?["labels"];
        }
        else
        {
            var name = isNamespace ? a.Name : a.Namespace;
            labels = (isNamespace && old is not null ? old : store.Read("namespaces", string.Empty, name)?.Object)?["metadata"]?["labels"];
        }

        return LabelSelectorMatcher.Matches(hook.NamespaceSelector, Labels(labels));
    }

    private static Dictionary<string, string> Labels(JsonNode? labels) =>
        (labels as JsonObject)?.ToDictionary(pair => pair.Key, pair => pair.Value?.ToString() ?? string.Empty, StringComparer.Ordinal)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);
}
