using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.CustomResources;
using HyperVIsolation.LocalApiServer.Resources;
using HyperVIsolation.LocalApiServer.Storage;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>The <c>autoscaling/v1 Scale</c> view of a scalable object and its write-back.</summary>
public static class ScaleSubresource
{
    /// <summary>Builds the Scale object of <paramref name="obj"/>.</summary>
    public static JsonObject View(ResourceDefinition resource, JsonObject obj)
    {
        var paths = Paths(resource);
        var metadata = ObjectMetadata.Of(obj);
        var status = new JsonObject { ["replicas"] = SimpleJsonPath.Read(obj, paths.StatusReplicasPath)?.DeepClone() ?? 0 };
        if (paths.LabelSelectorPath is { } selectorPath && SimpleJsonPath.Read(obj, selectorPath) is { } selector)
        {
            status["selector"] = selector.DeepClone();
        }

        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = metadata["name"]?.DeepClone(),
                ["namespace"] = metadata["namespace"]?.DeepClone(),
                ["uid"] = metadata["uid"]?.DeepClone(),
                ["resourceVersion"] = metadata["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = metadata["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = SimpleJsonPath.Read(obj, paths.SpecReplicasPath)?.DeepClone() ?? 0 },
            ["status"] = status,
        };
    }

    /// <summary>Writes the replicas of <paramref name="scale"/> back into <paramref name="obj"/>.</summary>
    public static JsonObject Apply(ResourceDefinition resource, JsonObject obj, JsonObject scale)
    {
        SimpleJsonPath.Write(obj, Paths(resource).SpecReplicasPath, scale["spec"]?["replicas"]?.DeepClone());
        if (scale["metadata"]?["resourceVersion"] is { } version)
        {
            ObjectMetadata.Of(obj)["resourceVersion"] = version.DeepClone();
        }

        return obj;
    }

    private static ScalePaths Paths(ResourceDefinition resource) =>
        resource.Custom?.Scale ?? new ScalePaths(".spec.replicas", ".status.replicas", null);
}
