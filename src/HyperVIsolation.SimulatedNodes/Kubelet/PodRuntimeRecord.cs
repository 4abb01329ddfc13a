using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Kubelet;

/// <summary>The simulated kubelet's memory of one pod it runs.</summary>
internal sealed class PodRuntimeRecord
{
    public required string Uid { get; init; }

    public required string Namespace { get; init; }

    public required string Name { get; init; }

    public required PodStartupPlan Plan { get; init; }

    public required DateTimeOffset AdmittedAt { get; init; }

    /// <summary>When the containers start: admission plus the utility VM's boot time.</summary>
    public DateTimeOffset RunningAt { get; set; }

    public string? SandboxId { get; set; }

    public string? VmId { get; set; }

    public int? IpHost { get; set; }

    public string? PodIp { get; set; }

    /// <summary>Why the sandbox could not be created (plan, HCS or fault); retried at <see cref="RetryAt"/>.</summary>
    public PodStartupError? SandboxError { get; set; }

    public DateTimeOffset? RetryAt { get; set; }

    public List<ContainerRuntimeRecord> Containers { get; } = [];

    /// <summary>The status JSON last written, so unchanged status is not written again.</summary>
    public string? LastWrittenStatus { get; set; }

    /// <summary>The pod the last status write returned (newer than the cache until the watch brings it).</summary>
    public V1Pod? WrittenPod { get; set; }

    /// <summary>The resourceVersion the last status write was based on.</summary>
    public string? WrittenFrom { get; set; }

    /// <summary>When the kubelet must look at the pod again without any change to it (<see cref="DateTimeOffset.MaxValue"/>: never).</summary>
    public DateTimeOffset DueAt { get; set; } = DateTimeOffset.MaxValue;

    public IEnumerable<ContainerRuntimeRecord> AppContainers => Containers.Where(c => !c.IsInit);

    public IEnumerable<ContainerRuntimeRecord> InitContainers => Containers.Where(c => c.IsInit);

    /// <summary>Every app container has exited for good.</summary>
    public bool IsFinished => SandboxError is null && AppContainers.Any() && AppContainers.All(c => c.Stage is ContainerStage.Exited);

    /// <summary>The next moment something changes on its own (boot done, back-off over, retry due).</summary>
    public DateTimeOffset? NextDue(DateTimeOffset now)
    {
        var candidates = new List<DateTimeOffset>();
        if (RetryAt is { } retry)
        {
            candidates.Add(retry);
        }

        if (Containers.Any(c => c.Stage == ContainerStage.Creating) && SandboxError is null)
        {
            candidates.Add(RunningAt);
        }

        candidates.AddRange(Containers.Where(c => c.Stage == ContainerStage.CrashLoopBackOff && c.BackOffUntil is not null).Select(c => c.BackOffUntil!.Value));
        var future = candidates.Where(t => t > now).ToList();
        return future.Count == 0 ? null : future.Min();
    }
}
