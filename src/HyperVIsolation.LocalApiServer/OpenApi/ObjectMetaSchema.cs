using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.OpenApi;

/// <summary>A compact ObjectMeta schema, enough for <c>kubectl explain</c> to describe <c>metadata</c>.</summary>
public static class ObjectMetaSchema
{
    /// <summary>Builds the schema.</summary>
    public static JsonObject Create()
    {
        var stringMap = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string", ["default"] = string.Empty } };
        return new JsonObject
        {
            ["type"] = "object",
            ["description"] = "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
            ["properties"] = new JsonObject
            {
                ["name"] = Text("Name must be unique within a namespace."),
                ["namespace"] = Text("Namespace defines the space within which each name must be unique."),
                ["generateName"] = Text("GenerateName is an optional prefix, used by the server, to generate a unique name."),
                ["uid"] = Text("UID is the unique in time and space value for this object."),
                ["resourceVersion"] = Text("An opaque value that represents the internal version of this object."),
                ["generation"] = new JsonObject { ["type"] = "integer", ["format"] = "int64", ["description"] = "A sequence number representing a specific generation of the desired state." },
                ["creationTimestamp"] = Text("CreationTimestamp is a timestamp representing the server time when this object was created."),
                ["deletionTimestamp"] = Text("DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted."),
                ["labels"] = stringMap.DeepClone(),
                ["annotations"] = stringMap.DeepClone(),
                ["finalizers"] = new JsonObject { ["type"] = "array", ["items"] = Text(string.Empty) },
                ["ownerReferences"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true } },
                ["managedFields"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true } },
            },
        };
    }

    private static JsonObject Text(string description) => new() { ["type"] = "string", ["description"] = description };
}
