using System.Collections.Concurrent;
using HyperVIsolation.ControllerRuntime.Cache;
using k8s.Models;

namespace HyperVIsolation.ControllerRuntime.Tests.Cache;

internal sealed class RecordingChangeHandler : IResourceChangeHandler<V1Pod>
{
    public ConcurrentQueue<string> Changes { get; } = new();

    public void OnAdded(V1Pod obj) => Changes.Enqueue($"add {obj.Metadata.Name}@{obj.Metadata.ResourceVersion}");

    public void OnUpdated(V1Pod oldObj, V1Pod newObj) =>
        Changes.Enqueue($"update {newObj.Metadata.Name}@{oldObj.Metadata.ResourceVersion}->{newObj.Metadata.ResourceVersion}");

    public void OnDeleted(V1Pod obj) => Changes.Enqueue($"delete {obj.Metadata.Name}@{obj.Metadata.ResourceVersion}");
}
