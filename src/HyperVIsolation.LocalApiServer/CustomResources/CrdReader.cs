using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Resources;

namespace HyperVIsolation.LocalApiServer.CustomResources;

/// <summary>Reads and checks a CustomResourceDefinition object and turns it into served resources.</summary>
public static class CrdReader
{
    /// <summary>One resource definition per served version.</summary>
    public static IReadOnlyList<ResourceDefinition> Read(JsonObject crd)
    {
        var spec = crd["spec"] as JsonObject ?? [];
        var names = spec["names"] as JsonObject ?? [];
        var group = spec["group"]?.ToString() ?? string.Empty;
        var kind = names["kind"]?.ToString() ?? string.Empty;
        return (spec["versions"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(v => v["served"]?.GetValue<bool>() ?? true)
            .Select(v => new ResourceDefinition
            {
                Group = group,
                Version = v["name"]?.ToString() ?? string.Empty,
                Plural = names["plural"]?.ToString() ?? string.Empty,
                Singular = names["singular"]?.ToString() ?? kind.ToLowerInvariant(),
                Kind = kind,
                Namespaced = spec["scope"]?.ToString() != "Cluster",
                ShortNames = Strings(names["shortNames"]),
                Categories = Strings(names["categories"]),
                HasStatus = v["subresources"]?["status"] is not null,
                OtherSubresources = v["subresources"]?["scale"] is not null ? ["scale"] : [],
                Custom = new CustomResourceDetails(
                    v["schema"]?["openAPIV3Schema"] as JsonObject,
                    Columns(v["additionalPrinterColumns"]),
                    Scale(v["subresources"]?["scale"] as JsonObject)),
            })
            .ToList();
    }

    /// <summary>Checks the fields kube-apiserver requires; returns field errors.</summary>
    public static IReadOnlyList<FieldError> Check(JsonObject crd)
    {
        var errors = new List<FieldError>();
        var spec = crd["spec"] as JsonObject ?? [];
        var group = spec["group"]?.ToString();
        var plural = spec["names"]?["plural"]?.ToString();
        if (string.IsNullOrEmpty(group))
        {
            errors.Add(FieldError.Required("spec.group"));
        }

        if (string.IsNullOrEmpty(plural))
        {
            errors.Add(FieldError.Required("spec.names.plural"));
        }

        if (string.IsNullOrEmpty(spec["names"]?["kind"]?.ToString()))
        {
            errors.Add(FieldError.Required("spec.names.kind"));
        }

        var name = crd["metadata"]?["name"]?.ToString() ?? string.Empty;
        if (errors.Count == 0 && name != $"{plural}.{group}")
        {
            errors.Add(FieldError.InvalidValue("metadata.name", $"\"{name}\"", "must be spec.names.plural+\".\"+spec.group"));
        }

        var versions = (spec["versions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (versions.Count == 0)
        {
            errors.Add(FieldError.Required("spec.versions"));
        }
        else if (versions.Count(v => v["storage"]?.GetValue<bool>() == true) != 1)
        {
            errors.Add(FieldError.InvalidValue("spec.versions", "[]", "must have exactly one version marked as storage version"));
        }

        return errors;
    }

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray)?.Select(s => s?.ToString() ?? string.Empty).ToList() ?? [];

    private static List<PrinterColumn> Columns(JsonNode? node) =>
        (node as JsonArray ?? []).OfType<JsonObject>().Select(c => new PrinterColumn(
            c["name"]?.ToString() ?? string.Empty,
            c["type"]?.ToString() ?? "string",
            c["jsonPath"]?.ToString() ?? string.Empty,
            int.TryParse(c["priority"]?.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture, out var priority) ? priority : 0,
            c["description"]?.ToString() ?? string.Empty)).ToList();

    private static ScalePaths? Scale(JsonObject? scale) => scale is null
        ? null
        : new ScalePaths(
            scale["specReplicasPath"]?.ToString() ?? ".spec.replicas",
            scale["statusReplicasPath"]?.ToString() ?? ".status.replicas",
            scale["labelSelectorPath"]?.ToString());
}
