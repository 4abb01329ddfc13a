namespace HyperVIsolation.LocalApiServer.Authorization;

/// <summary>
/// kube-apiserver's <c>RequestInfoFactory.NewRequestInfo</c>: the verb, namespace, resource, subresource and
/// name of a request from its method, path and query, without knowing which resources exist.
/// </summary>
public static class RequestAttributesParser
{
    private static readonly HashSet<string> NamespaceSubresources = ["status", "finalize"];

    /// <summary>Parses a request; <paramref name="query"/> holds the first value of each query parameter.</summary>
    public static RequestAttributes Parse(string method, string path, IReadOnlyDictionary<string, string> query)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(query);
        var nonResource = new RequestAttributes(method.ToLowerInvariant(), IsResourceRequest: false, path);
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || parts[0] is not ("api" or "apis"))
        {
            return nonResource;
        }

        var group = string.Empty;
        var rest = parts[1..];
        if (parts[0] == "apis")
        {
            if (rest.Length < 3)
            {
                return nonResource;
            }

            group = rest[0];
            rest = rest[1..];
        }

        rest = rest[1..];
        string verb;
        if (rest[0] is "watch" or "proxy")
        {
            if (rest.Length < 2)
            {
                // kube-apiserver refuses to guess; treated as the non-resource path it cannot resolve.
                return nonResource;
            }

            verb = rest[0];
            rest = rest[1..];
        }
        else
        {
            verb = MethodVerb(method);
        }

        var ns = string.Empty;
        if (rest[0] == "namespaces" && rest.Length > 1)
        {
            ns = rest[1];
            if (rest.Length > 2 && !NamespaceSubresources.Contains(rest[2]))
            {
                rest = rest[2..];
            }
        }

        var resource = rest[0];
        var name = rest.Length > 1 ? rest[1] : string.Empty;
        var subresource = rest.Length > 2 && verb != "proxy" ? rest[2] : string.Empty;
        if (name.Length == 0 && verb == "get")
        {
            verb = IsTrue(query.GetValueOrDefault("watch")) ? "watch" : "list";
            name = NameRequiredBy(query.GetValueOrDefault("fieldSelector")) ?? string.Empty;
        }

        if (name.Length == 0 && verb == "delete")
        {
            verb = "deletecollection";
        }

        return new RequestAttributes(verb, IsResourceRequest: true, path, group, ns, resource, subresource, name);
    }

    private static string MethodVerb(string method) => method switch
    {
        "POST" => "create",
        "GET" or "HEAD" => "get",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" => "delete",
        _ => string.Empty,
    };

    // Go's strconv.ParseBool as the parameter codec applies it; anything unparsable but present counts as a watch.
    private static bool IsTrue(string? value) => value is not null && value.ToLowerInvariant() is not ("false" or "0" or "f");

    /// <summary>The name an exact <c>metadata.name</c> term of a field selector requires, when it is a valid path segment.</summary>
    private static string? NameRequiredBy(string? fieldSelector)
    {
        if (string.IsNullOrEmpty(fieldSelector))
        {
            return null;
        }

        foreach (var term in fieldSelector.Split(','))
        {
            var (key, value) = term.Contains("==", StringComparison.Ordinal)
                ? (term[..term.IndexOf("==", StringComparison.Ordinal)], term[(term.IndexOf("==", StringComparison.Ordinal) + 2)..])
                : term.Contains("!=", StringComparison.Ordinal) || !term.Contains('=', StringComparison.Ordinal)
                    ? (string.Empty, string.Empty)
                    : (term[..term.IndexOf('=', StringComparison.Ordinal)], term[(term.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            if (key.Trim() == "metadata.name" && IsValidPathSegment(value.Trim()))
            {
                return value.Trim();
            }
        }

        return null;
    }

    private static bool IsValidPathSegment(string name) =>
        name.Length > 0 && name is not ("." or "..") && !name.Contains('/', StringComparison.Ordinal) && !name.Contains('%', StringComparison.Ordinal);
}
