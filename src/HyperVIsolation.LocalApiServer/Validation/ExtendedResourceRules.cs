using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using k8s.Models;

namespace HyperVIsolation.LocalApiServer.Validation;

/// <summary>
/// kube-apiserver's rules for extended resources (domain-qualified names outside <c>kubernetes.io/</c>, such as
/// <c>isolation.hyperv.dev/vm</c>): whole, non-negative quantities; in a container, no overcommit: a request needs a
/// limit and must equal it (the API server defaults a missing request to the limit before validating).
/// </summary>
public static class ExtendedResourceRules
{
    /// <summary>Whether <paramref name="name"/> is an extended resource, as <c>v1helper.IsExtendedResourceName</c> decides.</summary>
    public static bool IsExtended(string name) =>
        name.Contains('/', StringComparison.Ordinal)
        && !name.Contains("kubernetes.io/", StringComparison.Ordinal)
        && !name.StartsWith("requests.", StringComparison.Ordinal);

    /// <summary>The errors of the containers' extended resources in a pod spec.</summary>
    public static IReadOnlyList<FieldError> ValidatePod(JsonObject? spec)
    {
        var errors = new List<FieldError>();
        foreach (var list in new[] { "containers", "initContainers" })
        {
            var containers = spec?[list] as JsonArray ?? [];
            for (var index = 0; index < containers.Count; index++)
            {
                var resources = containers[index]?["resources"] as JsonObject;
                ValidateContainer(resources, $"spec.{list}[{index}].resources", errors);
            }
        }

        return errors;
    }

    /// <summary>The errors of a node's extended resources in <c>status.capacity</c> and <c>status.allocatable</c>.</summary>
    public static IReadOnlyList<FieldError> ValidateNode(JsonObject node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var errors = new List<FieldError>();
        foreach (var map in new[] { "capacity", "allocatable" })
        {
            foreach (var (name, value) in node["status"]?[map] as JsonObject ?? [])
            {
                if (IsExtended(name) && Parse(value) is { } quantity)
                {
                    CheckValue($"status.{map}[{name}]", quantity, value!.ToString(), errors);
                }
            }
        }

        return errors;
    }

    private static void ValidateContainer(JsonObject? resources, string path, List<FieldError> errors)
    {
        var requests = resources?["requests"] as JsonObject ?? [];
        var limits = resources?["limits"] as JsonObject ?? [];
        foreach (var (name, value) in requests)
        {
            if (!IsExtended(name) || Parse(value) is not { } request)
            {
                continue;
            }

            CheckValue($"{path}.requests[{name}]", request, value!.ToString(), errors);
            if (Parse(limits[name]) is not { } limit)
            {
                errors.Add(new FieldError("FieldValueRequired", path + ".limits", "Required value: Limit must be set for non overcommitable resources"));
            }
            else if (request.ToDecimal() != limit.ToDecimal())
            {
                errors.Add(FieldError.InvalidValue(path + ".requests", FieldError.Quoted(value!.ToString()), $"must be equal to {name} limit of {limits[name]}"));
            }
        }

        foreach (var (name, value) in limits)
        {
            if (IsExtended(name) && Parse(value) is { } limit)
            {
                CheckValue($"{path}.limits[{name}]", limit, value!.ToString(), errors);
            }
        }
    }

    // The value is quoted as sent: the client's ResourceQuantity prints negative amounts wrongly.
    private static void CheckValue(string field, ResourceQuantity quantity, string text, List<FieldError> errors)
    {
        var amount = quantity.ToDecimal();
        if (amount < 0)
        {
            errors.Add(FieldError.InvalidValue(field, FieldError.Quoted(text), "must be greater than or equal to 0"));
        }

        if (amount != decimal.Truncate(amount))
        {
            errors.Add(FieldError.InvalidValue(field, FieldError.Quoted(text), "must be an integer"));
        }
    }

    // A value that is no quantity at all is refused when the object is decoded, before these rules run.
    private static ResourceQuantity? Parse(JsonNode? value)
    {
        if (value is not JsonValue text || !text.TryGetValue<string>(out var raw))
        {
            return null;
        }

        try
        {
            return new ResourceQuantity(raw);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
