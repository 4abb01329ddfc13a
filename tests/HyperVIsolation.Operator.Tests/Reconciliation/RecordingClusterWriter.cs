using System.Collections.Concurrent;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Reconciliation;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

/// <summary>
/// An <see cref="IClusterWriter"/> standing in for the API server in reconciler tests: status writes, Events and pod
/// creations are recorded (a created pod gets a generated name and uid; the test decides when a cache sees it), and an
/// ownerReference write runs <see cref="OnSetOwners"/>, which lets a test change the caches in the middle of a pass.
/// </summary>
internal sealed class RecordingClusterWriter : IClusterWriter
{
    private int created;

    public ConcurrentQueue<V1Pod> CreatedPods { get; } = new();

    public Func<Task>? OnSetOwners { get; set; }

    public ConcurrentQueue<IsolatedWorkload> StatusWrites { get; } = new();

    public ConcurrentQueue<Corev1Event> CreatedEvents { get; } = new();

    public ConcurrentQueue<(string Name, int Count)> EventCountUpdates { get; } = new();

    public Task<IsolatedWorkload> ReplaceWorkloadStatusAsync(IsolatedWorkload workload, CancellationToken cancellationToken)
    {
        StatusWrites.Enqueue(workload);
        return Task.FromResult(workload);
    }

    public Task CreateEventAsync(Corev1Event coreEvent, CancellationToken cancellationToken)
    {
        CreatedEvents.Enqueue(coreEvent);
        return Task.CompletedTask;
    }

    public Task UpdateEventCountAsync(string @namespace, string name, int count, DateTime lastTimestamp, CancellationToken cancellationToken)
    {
        EventCountUpdates.Enqueue((name, count));
        return Task.CompletedTask;
    }

    /// <summary>When set, pod creations and deletions wait for it first (a test cancels them mid-call).</summary>
    public Func<CancellationToken, Task>? PodWriteGate { get; set; }

    public ConcurrentQueue<string> DeletedPods { get; } = new();

    public async Task<V1Pod> CreatePodAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        if (PodWriteGate is { } gate)
        {
            await gate(cancellationToken);
        }

        var number = Interlocked.Increment(ref created).ToString(System.Globalization.CultureInfo.InvariantCulture);
        pod.Metadata.Name = pod.Metadata.GenerateName + number;
        pod.Metadata.Uid = "pod-uid-" + number;
        CreatedPods.Enqueue(pod);
        return pod;
    }

    public async Task DeletePodAsync(string @namespace, string name, string uid, CancellationToken cancellationToken)
    {
        if (PodWriteGate is { } gate)
        {
            await gate(cancellationToken);
        }

        DeletedPods.Enqueue(name);
    }

    public Task SetPodOwnersAsync(string @namespace, string name, string uid, string resourceVersion, IReadOnlyList<V1OwnerReference> owners, CancellationToken cancellationToken) =>
        OnSetOwners?.Invoke() ?? Task.CompletedTask;

    public Task CreateRuntimeClassAsync(V1RuntimeClass runtimeClass, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ReplaceRuntimeClassAsync(V1RuntimeClass runtimeClass, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task DeleteRuntimeClassAsync(string name, string uid, CancellationToken cancellationToken) => throw new NotSupportedException();
}
