using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Storage;

namespace HyperVIsolation.LocalApiServer.Validation;

/// <summary>ObjectMeta's update rule for finalizers: none may be added once deletion has begun.</summary>
public static class FinalizerRules
{
    /// <summary>The error of adding finalizers to an object that is being deleted, if any.</summary>
    public static IReadOnlyList<FieldError> Validate(JsonObject updated, JsonObject current)
    {
        if (!ObjectMetadata.IsDeleting(current))
        {
            return [];
        }

        var added = ObjectMetadata.Finalizers(updated).Except(ObjectMetadata.Finalizers(current)).Order(StringComparer.Ordinal).ToList();
        if (added.Count == 0)
        {
            return [];
        }

        // Go's %#v of the sorted set: []string{"a", "b"}.
        var printed = "[]string{" + string.Join(", ", added.Select(FieldError.Quoted)) + "}";
        return [FieldError.Forbidden("metadata.finalizers", $"no new finalizers can be added if the object is being deleted, found new finalizers {printed}")];
    }
}
