using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Resources;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>
/// Plain (non-aggregated) discovery: <c>/version</c>, <c>/api</c>, <c>/apis</c>, <c>/apis/&lt;g&gt;</c>
/// and the <c>APIResourceList</c> of each group-version. Clients accept these when aggregated
/// discovery is not offered.
/// </summary>
public sealed class DiscoveryDocuments(ResourceCatalog catalog)
{
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>The <c>/version</c> document.</summary>
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "35",
        ["gitVersion"] = "v1.35.0-hyperv-isolation-local",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-01-01T00:00:00Z",
        ["goVersion"] = "go1.24.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    /// <summary>The <c>/api</c> document.</summary>
    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    /// <summary>The <c>/apis</c> document.</summary>
    public JsonObject Groups() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(catalog.GroupVersions.Select(gv => gv.Group).Where(g => g.Length > 0).Distinct().Select(g => (JsonNode)Group(g)!).ToArray()),
    };

    /// <summary>The <c>/apis/&lt;group&gt;</c> document, or null for an unknown group.</summary>
    public JsonObject? Group(string group)
    {
        var versions = catalog.GroupVersions.Where(gv => gv.Group == group).Select(gv => gv.Version).ToList();
        if (versions.Count == 0)
        {
            return null;
        }

        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray(versions.Select(v => (JsonNode)GroupVersion(group, v)).ToArray()),
            ["preferredVersion"] = GroupVersion(group, versions[0]),
        };
    }

    /// <summary>The <c>APIResourceList</c> of a group-version, or null when nothing is served there.</summary>
    public JsonObject? Resources(string group, string version)
    {
        var resources = catalog.All.Where(r => r.Group == group && r.Version == version).ToList();
        if (resources.Count == 0)
        {
            return null;
        }

        var list = new JsonArray();
        foreach (var resource in resources)
        {
            list.Add(Resource(resource));
            foreach (var subresource in (resource.HasStatus ? ["status"] : Array.Empty<string>()).Concat(resource.OtherSubresources))
            {
                list.Add(Subresource(resource, subresource));
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = list,
        };
    }

    private static JsonObject GroupVersion(string group, string version) => new()
    {
        ["groupVersion"] = $"{group}/{version}",
        ["version"] = version,
    };

    private static JsonObject Resource(ResourceDefinition resource)
    {
        var obj = new JsonObject
        {
            ["name"] = resource.Plural,
            ["singularName"] = resource.Singular,
            ["namespaced"] = resource.Namespaced,
            ["kind"] = resource.Kind,
            ["verbs"] = Strings(AllVerbs),
        };
        if (resource.ShortNames.Count > 0)
        {
            obj["shortNames"] = Strings(resource.ShortNames);
        }

        if (resource.Categories.Count > 0)
        {
            obj["categories"] = Strings(resource.Categories);
        }

        return obj;
    }

    private static JsonObject Subresource(ResourceDefinition resource, string subresource)
    {
        var (kind, group, version, verbs) = subresource switch
        {
            "scale" => ("Scale", "autoscaling", "v1", new[] { "get", "patch", "update" }),
            "binding" => ("Binding", string.Empty, "v1", ["create"]),
            "finalize" => (resource.Kind, resource.Group, resource.Version, ["update"]),
            _ => (resource.Kind, resource.Group, resource.Version, ["get", "patch", "update"]),
        };
        var obj = new JsonObject
        {
            ["name"] = $"{resource.Plural}/{subresource}",
            ["singularName"] = string.Empty,
            ["namespaced"] = resource.Namespaced,
            ["kind"] = kind,
            ["verbs"] = Strings(verbs),
        };
        if (subresource == "scale")
        {
            obj["group"] = group;
            obj["version"] = version;
        }

        return obj;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());
}
