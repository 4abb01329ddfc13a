using System.Collections.Concurrent;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Reconciliation;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

/// <summary>
/// An <see cref="IClusterWriter"/> standing in for the API server in reconciler tests: pod creations get a
/// generated name and uid and are recorded (the test decides when the cache sees them); an ownerReference
/// write runs <see cref="OnSetOwners"/>, which lets a test change the cache in the middle of a pass.
/// </summary>
internal sealed class PodWriteRecorder : IClusterWriter
{
    private int created;

    public ConcurrentQueue<V1Pod> CreatedPods { get; } = new();

    public Func<Task>? OnSetOwners { get; set; }

    public Task<V1Pod> CreatePodAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref created);
        pod.Metadata.Name = pod.Metadata.GenerateName + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        pod.Metadata.Uid = "pod-uid-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        CreatedPods.Enqueue(pod);
        return Task.FromResult(pod);
    }

    public Task SetPodOwnersAsync(string @namespace, string name, string uid, string resourceVersion, IReadOnlyList<V1OwnerReference> owners, CancellationToken cancellationToken) =>
        OnSetOwners?.Invoke() ?? Task.CompletedTask;

    public Task<IsolatedWorkload> ReplaceWorkloadStatusAsync(IsolatedWorkload workload, CancellationToken cancellationToken) => Task.FromResult(workload);

    public Task CreateEventAsync(Corev1Event coreEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task UpdateEventCountAsync(string @namespace, string name, int count, DateTime lastTimestamp, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task DeletePodAsync(string @namespace, string name, string uid, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task CreateRuntimeClassAsync(V1RuntimeClass runtimeClass, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ReplaceRuntimeClassAsync(V1RuntimeClass runtimeClass, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task DeleteRuntimeClassAsync(string name, string uid, CancellationToken cancellationToken) => throw new NotSupportedException();
}
