using k8s.Models;

namespace HyperVIsolation.Operator.Manifests;

/// <summary>
/// Marks an array schema as <c>x-kubernetes-list-type: map</c>. The API server rejects a CRD
/// whose list-map keys may be absent, so each key must be a required or defaulted scalar field
/// of the items; this is checked here instead of at install time.
/// </summary>
internal static class ListMapKeys
{
    public static void Apply(V1JSONSchemaProps list, IReadOnlyList<string> keys, string path)
    {
        var items = list.Items as V1JSONSchemaProps;
        if (list.Type != "array" || items?.Type != "object" || items.Properties is null)
        {
            throw new ManifestGenerationException($"{path}: [ListMap] needs a list of objects.");
        }

        if (keys.Count == 0)
        {
            throw new ManifestGenerationException($"{path}: [ListMap] needs at least one key.");
        }

        foreach (var key in keys)
        {
            CheckKey(items, key, path);
        }

        list.XKubernetesListType = "map";
        list.XKubernetesListMapKeys = [.. keys];
    }

    private static void CheckKey(V1JSONSchemaProps items, string key, string path)
    {
        if (!items.Properties.TryGetValue(key, out var field))
        {
            throw new ManifestGenerationException($"{path}: list-map key '{key}' is not a field of the items.");
        }

        if (field.Type is "object" or "array")
        {
            throw new ManifestGenerationException($"{path}: list-map key '{key}' must be a scalar.");
        }

        var required = items.Required?.Contains(key) ?? false;
        if (!required && field.DefaultProperty is null)
        {
            throw new ManifestGenerationException(
                $"{path}: list-map key '{key}' must be [Required] or have a [DefaultValue]; the API server rejects list-map keys that may be absent.");
        }
    }
}
