using System.Text;
using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;

namespace HyperVIsolation.LocalApiServer.Validation;

/// <summary>
/// kube-apiserver's rule for updates of a pod's spec: only container images, a shorter
/// <c>activeDeadlineSeconds</c>, added tolerations and a negative grace period raised to 1 may
/// change; anything else is one <c>spec: Forbidden</c> error followed by a diff of what changed.
/// </summary>
public static class PodUpdateRules
{
    /// <summary>The message kube-apiserver opens the error with, listing what may change.</summary>
    public const string Updatable =
        "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
        + "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    /// <summary>The errors of updating a pod spec from <paramref name="oldSpec"/> to <paramref name="newSpec"/> (empty when allowed).</summary>
    public static IReadOnlyList<FieldError> Validate(JsonObject? oldSpec, JsonObject? newSpec)
    {
        var before = oldSpec ?? [];
        var munged = (JsonObject)(newSpec ?? []).DeepClone();
        KeepImages(before, munged, "containers");
        KeepImages(before, munged, "initContainers");
        KeepIfAllowed(before, munged, "activeDeadlineSeconds", ShortensDeadline);
        KeepIfAllowed(before, munged, "tolerations", OnlyAddsTolerations);
        KeepIfAllowed(before, munged, "terminationGracePeriodSeconds", RaisesNegativeGraceToOne);
        var changed = before.Select(p => p.Key).Union(munged.Select(p => p.Key))
            .Where(key => !JsonNode.DeepEquals(before[key], munged[key]))
            .ToList();
        return changed.Count == 0 ? [] : [FieldError.Forbidden("spec", Updatable + "\n" + Diff(before, munged, changed))];
    }

    // The new images replace the old in the comparison when the containers are otherwise the same list.
    private static void KeepImages(JsonObject before, JsonObject munged, string field)
    {
        if (before[field] is not JsonArray old || munged[field] is not JsonArray updated || old.Count != updated.Count)
        {
            return;
        }

        for (var i = 0; i < old.Count; i++)
        {
            if (updated[i] is JsonObject container)
            {
                container["image"] = old[i]?["image"]?.DeepClone();
                if (container["image"] is null)
                {
                    container.Remove("image");
                }
            }
        }
    }

    private static void KeepIfAllowed(JsonObject before, JsonObject munged, string field, Func<JsonNode?, JsonNode?, bool> allowed)
    {
        if (!allowed(before[field], munged[field]))
        {
            return;
        }

        munged.Remove(field);
        if (before[field] is { } old)
        {
            munged[field] = old.DeepClone();
        }
    }

    // Set when unset, or lowered; never removed or raised.
    private static bool ShortensDeadline(JsonNode? old, JsonNode? updated) =>
        updated is JsonValue n && n.TryGetValue<long>(out var value) && value > 0
        && (old is null || (old is JsonValue o && o.TryGetValue<long>(out var before) && value <= before));

    private static bool OnlyAddsTolerations(JsonNode? old, JsonNode? updated)
    {
        var kept = old as JsonArray ?? [];
        var now = updated as JsonArray ?? [];
        return kept.All(t => now.Any(n => JsonNode.DeepEquals(t, n)));
    }

    private static bool RaisesNegativeGraceToOne(JsonNode? old, JsonNode? updated) =>
        old is JsonValue o && o.TryGetValue<long>(out var before) && before < 0
        && updated is JsonValue n && n.TryGetValue<long>(out var after) && after == 1;

    // kube-apiserver prints a cmp.Diff of the Go structs; this names the same fields in their JSON form.
    private static string Diff(JsonObject before, JsonObject after, IEnumerable<string> changed)
    {
        var text = new StringBuilder("  core.PodSpec{\n");
        foreach (var key in changed)
        {
            if (before[key] is { } old)
            {
                text.Append("- \t").Append(key).Append(": ").Append(old.ToJsonString()).Append(",\n");
            }

            if (after[key] is { } updated)
            {
                text.Append("+ \t").Append(key).Append(": ").Append(updated.ToJsonString()).Append(",\n");
            }
        }

        return text.Append("  }\n").ToString();
    }
}
