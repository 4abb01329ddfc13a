namespace HyperVIsolation.Bench.Operator.Floor;

/// <summary>The namespace, resource, name and subresource of a namespaced API path. Pure.</summary>
/// <param name="Namespace">The namespace.</param>
/// <param name="Resource">The resource plural, e.g. <c>pods</c>.</param>
/// <param name="Name">The object's name; null for a collection.</param>
/// <param name="Subresource">The subresource, e.g. <c>status</c> or <c>binding</c>; null when none.</param>
internal sealed record ResourcePath(string Namespace, string Resource, string? Name, string? Subresource)
{
    /// <summary>Resource with its subresource, e.g. <c>pods/binding</c>.</summary>
    public string Kind => Subresource is null ? Resource : $"{Resource}/{Subresource}";

    /// <summary>
    /// Parses <c>/api/v1/namespaces/{ns}/{resource}[/{name}[/{sub}]]</c> or the <c>/apis/{group}/{version}/</c> form,
    /// query ignored; null for any other path.
    /// </summary>
    public static ResourcePath? Parse(string path)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        var segments = (query < 0 ? path : path[..query]).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var start = segments switch
        {
            ["api", _, "namespaces", ..] => 2,
            ["apis", _, _, "namespaces", ..] => 3,
            _ => -1,
        };
        var rest = start < 0 ? [] : segments[(start + 1)..];
        return rest switch
        {
            [var ns, var resource] => new ResourcePath(ns, resource, null, null),
            [var ns, var resource, var name] => new ResourcePath(ns, resource, name, null),
            [var ns, var resource, var name, var subresource] => new ResourcePath(ns, resource, name, subresource),
            _ => null,
        };
    }
}
