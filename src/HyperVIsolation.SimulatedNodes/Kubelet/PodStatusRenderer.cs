using HyperVIsolation.SimulatedNodes.Pool;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Kubelet;

/// <summary>
/// Renders a pod's status from the kubelet's record, as kubelet's status manager does: phase,
/// kubelet-owned conditions (Ready honours readinessGates: every gate's condition must be True),
/// container statuses, IPs. Conditions owned by others (gates, PodScheduled) are kept; transition
/// times are kept while a condition's status does not change. Pure.
/// </summary>
internal static class PodStatusRenderer
{
    private static readonly string[] KubeletConditions = ["PodReadyToStartContainers", "Initialized", "ContainersReady", "Ready"];

    public static V1PodStatus Render(V1Pod pod, PodRuntimeRecord record, string hostIp, DateTimeOffset now)
    {
        var existing = pod.Status?.Conditions ?? [];
        var conditions = existing.Where(c => !KubeletConditions.Contains(c.Type) && c.Type != "PodScheduled").ToList();
        var scheduled = existing.FirstOrDefault(c => c.Type == "PodScheduled");
        conditions.Insert(0, scheduled is { Status: "True" } ? scheduled : Condition(existing, "PodScheduled", "True", null, null, now));

        var unready = record.AppContainers.Where(c => c.Stage != ContainerStage.Running).Select(c => c.Name).ToList();
        var uninitialized = record.InitContainers.Where(c => c.Stage != ContainerStage.Exited).Select(c => c.Name).ToList();
        var containersReady = unready.Count == 0 && record.SandboxError is null && !record.IsFinished;
        var unreadyMessage = $"containers with unready status: [{string.Join(' ', unready)}]";
        conditions.Add(Condition(existing, "PodReadyToStartContainers", record.SandboxId is null ? "False" : "True", null, null, now));
        conditions.Add(uninitialized.Count == 0
            ? Condition(existing, "Initialized", "True", null, null, now)
            : Condition(existing, "Initialized", "False", "ContainersNotInitialized", $"containers with incomplete status: [{string.Join(' ', uninitialized)}]", now));
        conditions.Add(containersReady
            ? Condition(existing, "ContainersReady", "True", null, null, now)
            : Condition(existing, "ContainersReady", "False", record.IsFinished ? "PodCompleted" : "ContainersNotReady", record.IsFinished ? null : unreadyMessage, now));
        conditions.Add(ReadyCondition(pod, existing, containersReady, record.IsFinished ? null : unreadyMessage, now));

        var ips = record.PodIp is null ? null : new List<V1PodIP> { new() { Ip = record.PodIp } };
        return new V1PodStatus
        {
            Phase = Phase(pod, record),
            Conditions = conditions,
            HostIP = hostIp,
            HostIPs = [new V1HostIP { Ip = hostIp }],
            PodIP = record.PodIp,
            PodIPs = ips,
            StartTime = SimulatedNodeManifest.Seconds(record.AdmittedAt),
            QosClass = pod.Status?.QosClass,
            InitContainerStatuses = record.InitContainers.Any() ? [.. record.InitContainers.Select(ContainerStatus)] : null,
            ContainerStatuses = [.. record.AppContainers.Select(ContainerStatus)],
        };
    }

    private static string Phase(V1Pod pod, PodRuntimeRecord record)
    {
        if (record.SandboxError is not null || record.AppContainers.All(c => c.Stage is ContainerStage.Creating or ContainerStage.StartFailed))
        {
            return "Pending";
        }

        if (!record.IsFinished)
        {
            return "Running";
        }

        var anyFailed = record.AppContainers.Any(c => c.Terminated?.ExitCode is not 0);
        return anyFailed ? "Failed" : "Succeeded";
    }

    private static V1PodCondition ReadyCondition(V1Pod pod, IList<V1PodCondition> existing, bool containersReady, string? unreadyMessage, DateTimeOffset now)
    {
        if (!containersReady)
        {
            return Condition(existing, "Ready", "False", unreadyMessage is null ? "PodCompleted" : "ContainersNotReady", unreadyMessage, now);
        }

        foreach (var gate in pod.Spec?.ReadinessGates ?? [])
        {
            var condition = existing.FirstOrDefault(c => c.Type == gate.ConditionType);
            if (condition is null)
            {
                return Condition(existing, "Ready", "False", "ReadinessGatesNotReady", $"corresponding condition of pod readiness gate \"{gate.ConditionType}\" does not exist.", now);
            }

            if (condition.Status != "True")
            {
                return Condition(existing, "Ready", "False", "ReadinessGatesNotReady", $"the status of pod readiness gate \"{gate.ConditionType}\" is not \"True\", but {condition.Status}", now);
            }
        }

        return Condition(existing, "Ready", "True", null, null, now);
    }

    private static V1PodCondition Condition(IList<V1PodCondition> existing, string type, string status, string? reason, string? message, DateTimeOffset now)
    {
        var previous = existing.FirstOrDefault(c => c.Type == type);
        var since = previous?.Status == status && previous.LastTransitionTime is { } kept ? kept : SimulatedNodeManifest.Seconds(now);
        return new V1PodCondition { Type = type, Status = status, Reason = reason, Message = message, LastTransitionTime = since };
    }

    private static V1ContainerStatus ContainerStatus(ContainerRuntimeRecord container) => new()
    {
        Name = container.Name,
        Image = container.Image,
        ImageID = container.Stage == ContainerStage.StartFailed ? string.Empty : RuntimeIds.ImageId(container.Image),
        ContainerID = "containerd://" + container.Id,
        Ready = container.Stage == ContainerStage.Running,
        Started = container.Stage == ContainerStage.Running,
        RestartCount = container.RestartCount,
        State = State(container),
        LastState = container.LastTerminated is { } last && container.Stage != ContainerStage.Exited ? new V1ContainerState { Terminated = Terminated(last, container.Id) } : new V1ContainerState(),
    };

    private static V1ContainerState State(ContainerRuntimeRecord container) => container.Stage switch
    {
        ContainerStage.Running => new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = SimulatedNodeManifest.Seconds(container.StartedAt ?? DateTimeOffset.UnixEpoch) } },
        ContainerStage.Exited when container.Terminated is { } ended => new V1ContainerState { Terminated = Terminated(ended, container.Id) },
        ContainerStage.CrashLoopBackOff => Waiting("CrashLoopBackOff", $"back-off 10s restarting failed container={container.Name}"),
        ContainerStage.StartFailed => Waiting(container.StartError?.Reason ?? "RunContainerError", container.StartError?.Message),
        _ => Waiting(container.StartError?.Reason ?? (container.IsInit ? "PodInitializing" : "ContainerCreating"), container.StartError?.Message),
    };

    private static V1ContainerState Waiting(string reason, string? message) =>
        new() { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = message } };

    private static V1ContainerStateTerminated Terminated(ContainerTermination ended, string containerId) => new()
    {
        ExitCode = ended.ExitCode,
        Reason = ended.Reason,
        StartedAt = SimulatedNodeManifest.Seconds(ended.StartedAt),
        FinishedAt = SimulatedNodeManifest.Seconds(ended.FinishedAt),
        ContainerID = "containerd://" + containerId,
    };
}
