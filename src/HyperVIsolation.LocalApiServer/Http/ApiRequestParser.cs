using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Resources;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>Parses <c>/api/v1/...</c> and <c>/apis/&lt;group&gt;/&lt;version&gt;/...</c> resource paths.</summary>
public static class ApiRequestParser
{
    /// <summary>
    /// Parses a path split into segments; null when it is not a resource path (discovery documents),
    /// 404 when it names no served resource: the mux's plain page outside every served group-version
    /// (as kube-apiserver, where no handler exists for it), a <c>Status</c> inside one.
    /// </summary>
    public static ApiRequest? Parse(ResourceCatalog catalog, string[] segments)
    {
        (string group, string version, string[] rest) = segments switch
        {
            ["api", var v, .. var r] when r.Length > 0 => (string.Empty, v, r),
            ["apis", var g, var v, .. var r] when r.Length > 0 => (g, v, r),
            _ => (string.Empty, string.Empty, Array.Empty<string>()),
        };
        if (rest.Length == 0)
        {
            return null;
        }

        if (!catalog.GroupVersions.Contains((group, version)))
        {
            throw ApiErrors.PageNotFound();
        }

        var watchPath = rest[0] == "watch";
        if (watchPath)
        {
            rest = rest[1..];
        }

        if (rest is ["namespaces", var ns, var plural, .. var tail] && catalog.Find(group, version, plural) is { Namespaced: true } namespaced)
        {
            return Build(namespaced, ns, tail, watchPath);
        }

        if (rest.Length == 0 || catalog.Find(group, version, rest[0]) is not { } resource)
        {
            throw ApiErrors.PathNotFound();
        }

        if (resource.Namespaced && rest.Length > 1)
        {
            throw ApiErrors.PathNotFound();
        }

        return Build(resource, null, rest[1..], watchPath);
    }

    private static ApiRequest Build(ResourceDefinition resource, string? ns, string[] tail, bool watchPath)
    {
        if (tail.Length > 2)
        {
            throw ApiErrors.PathNotFound();
        }

        var name = tail.Length > 0 ? tail[0] : null;
        var subresource = tail.Length > 1 ? tail[1] : null;
        if (subresource is not null && !resource.Serves(subresource))
        {
            throw ApiErrors.PathNotFound();
        }

        return new ApiRequest(resource, ns, name, subresource, watchPath);
    }
}
