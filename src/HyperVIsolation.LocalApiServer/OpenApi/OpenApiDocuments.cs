using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Resources;

namespace HyperVIsolation.LocalApiServer.OpenApi;

/// <summary>
/// OpenAPI v3 documents: the index at <c>/openapi/v3</c> and one document per group-version.
/// Every PATCH operation lists the <c>fieldValidation</c> query parameter, which is how kubectl and
/// Helm learn that the server validates fields (so they skip client-side validation that would need
/// protobuf OpenAPI v2). CRD schemas are included so that <c>kubectl explain</c> works.
/// </summary>
public sealed class OpenApiDocuments(ResourceCatalog catalog)
{
    private const string ObjectMetaRef = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private const string PatchRef = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";

    /// <summary>The index of group-version documents with content hashes.</summary>
    public JsonObject Index()
    {
        var paths = new JsonObject();
        foreach (var (group, version) in catalog.GroupVersions)
        {
            var key = PathKey(group, version);
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Hash(Document(group, version))}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The document of <c>api/v1</c> or <c>apis/&lt;group&gt;/&lt;version&gt;</c>; null when unknown.</summary>
    public JsonObject? DocumentFor(string pathKey)
    {
        var match = catalog.GroupVersions.Where(gv => PathKey(gv.Group, gv.Version) == pathKey).ToList();
        return match.Count == 0 ? null : Document(match[0].Group, match[0].Version);
    }

    private JsonObject Document(string group, string version)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject
        {
            [ObjectMetaRef] = ObjectMetaSchema.Create(),
            [PatchRef] = new JsonObject { ["type"] = "object", ["description"] = "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body." },
        };
        foreach (var resource in catalog.All.Where(r => r.Group == group && r.Version == version))
        {
            var schemaName = SchemaName(resource);
            schemas[schemaName] = ResourceSchema(resource);
            var collection = CollectionPath(resource);
            paths[collection] = new JsonObject
            {
                ["get"] = Operation(resource, "list", schemaName),
                ["post"] = Operation(resource, "post", schemaName),
            };
            paths[collection + "/{name}"] = new JsonObject
            {
                ["get"] = Operation(resource, "get", schemaName),
                ["put"] = Operation(resource, "put", schemaName),
                ["patch"] = PatchOperation(resource, schemaName),
                ["delete"] = Operation(resource, "delete", schemaName),
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.35.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static JsonObject ResourceSchema(ResourceDefinition resource)
    {
        var schema = resource.Custom?.Schema?.DeepClone() as JsonObject ?? new JsonObject
        {
            ["type"] = "object",
            ["description"] = $"{resource.Kind} ({resource.GroupVersion}).",
            ["x-kubernetes-preserve-unknown-fields"] = true,
        };
        var properties = schema["properties"] as JsonObject ?? [];
        schema["properties"] = properties;
        properties["apiVersion"] = new JsonObject { ["type"] = "string", ["description"] = "APIVersion defines the versioned schema of this representation of an object." };
        properties["kind"] = new JsonObject { ["type"] = "string", ["description"] = "Kind is a string value representing the REST resource this object represents." };
        properties["metadata"] = new JsonObject
        {
            ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = $"#/components/schemas/{ObjectMetaRef}" }),
            ["description"] = "Standard object's metadata.",
        };
        schema["x-kubernetes-group-version-kind"] = new JsonArray(GroupVersionKind(resource));
        return schema;
    }

    private static JsonObject PatchOperation(ResourceDefinition resource, string schemaName)
    {
        var operation = Operation(resource, "patch", schemaName);
        var patchSchema = new JsonObject { ["$ref"] = $"#/components/schemas/{PatchRef}" };
        operation["requestBody"] = new JsonObject
        {
            ["content"] = new JsonObject
            {
                ["application/json-patch+json"] = new JsonObject { ["schema"] = patchSchema.DeepClone() },
                ["application/merge-patch+json"] = new JsonObject { ["schema"] = patchSchema.DeepClone() },
                ["application/apply-patch+yaml"] = new JsonObject { ["schema"] = patchSchema.DeepClone() },
            },
            ["required"] = true,
        };
        operation["parameters"] = new JsonArray(
            QueryParameter("dryRun", "When present, indicates that modifications should not be persisted."),
            QueryParameter("fieldManager", "fieldManager is a name associated with the actor or entity that is making these changes."),
            QueryParameter("fieldValidation", "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore, Warn, Strict."),
            QueryParameter("force", "Force is going to \"force\" Apply requests.", "boolean"));
        return operation;
    }

    private static JsonObject Operation(ResourceDefinition resource, string action, string schemaName) => new()
    {
        ["operationId"] = $"{action}{resource.Kind}",
        ["responses"] = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["description"] = "OK",
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" } } },
            },
        },
        ["x-kubernetes-action"] = action,
        ["x-kubernetes-group-version-kind"] = GroupVersionKind(resource),
    };

    private static JsonObject QueryParameter(string name, string description, string type = "string") => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["description"] = description,
        ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
    };

    private static JsonObject GroupVersionKind(ResourceDefinition resource) => new()
    {
        ["group"] = resource.Group,
        ["version"] = resource.Version,
        ["kind"] = resource.Kind,
    };

    private static string CollectionPath(ResourceDefinition resource)
    {
        var root = resource.Group.Length == 0 ? "/api/v1" : $"/apis/{resource.Group}/{resource.Version}";
        return resource.Namespaced ? $"{root}/namespaces/{{namespace}}/{resource.Plural}" : $"{root}/{resource.Plural}";
    }

    private static string SchemaName(ResourceDefinition resource)
    {
        if (resource.Custom is null)
        {
            var group = resource.Group.Length == 0 ? "core" : resource.Group.Split('.')[0];
            return $"io.k8s.api.{group}.{resource.Version}.{resource.Kind}";
        }

        return string.Join('.', resource.Group.Split('.').Reverse()) + $".{resource.Version}.{resource.Kind}";
    }

    private static string PathKey(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    private static string Hash(JsonObject document) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(document.ToJsonString())));
}
