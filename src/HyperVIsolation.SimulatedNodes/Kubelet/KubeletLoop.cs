using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.SimulatedNodes.ApiAccess;
using HyperVIsolation.SimulatedNodes.Pool;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.SimulatedNodes.Kubelet;

/// <summary>
/// One simulated node's kubelet: watches the pods bound to the node (<c>spec.nodeName</c> field
/// selector), admits each with <see cref="PodStartupDecision"/> against the node's real containerd
/// config, runs it through <see cref="PodSandboxDriver"/>, writes the pod status, and on deletion
/// stops the containers, removes the utility VM and deletes the pod with grace period 0. Pauses
/// while containerd is down or the node is unreachable (fault injection).
/// </summary>
public sealed partial class KubeletLoop
{
    private readonly IKubernetes client;
    private readonly SimulatedNode node;
    private readonly KubeletLoopOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly PodSandboxDriver driver;
    private readonly EventRecorder events;
    private readonly Dictionary<string, PodRuntimeRecord> records = new(StringComparer.Ordinal);

    /// <summary>Creates the kubelet of <paramref name="node"/>.</summary>
    public KubeletLoop(IKubernetes client, SimulatedNode node, KubeletLoopOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(node);
        this.client = client;
        this.node = node;
        this.options = options;
        this.timeProvider = timeProvider;
        this.logger = logger;
        driver = new PodSandboxDriver(node, options);
        events = new EventRecorder(client, "kubelet", node.Name, timeProvider);
    }

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var signal = new ChangeSignal();
        node.Faults.Subscribe(signal);
        var selector = "spec.nodeName=" + node.Name;
        var watch = ResourceWatchTrigger.RunAsync<V1Pod>(
            "pods on " + node.Name,
            (rv, onError, ct) => client.CoreV1.WatchListPodForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: selector, resourceVersion: rv, onError: onError, cancellationToken: ct),
            signal, options.WatchRetryDelay, timeProvider, logger, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = options.ResyncInterval;
            try
            {
                wait = await SyncOnceAsync(cancellationToken);
            }
            catch (Exception e) when ((ApiErrors.IsTransient(e) || e is ContainerdConfigException or IOException) && !cancellationToken.IsCancellationRequested)
            {
                LogSyncFailed(logger, node.Name, e.Message);
            }

            await signal.WaitAsync(wait, timeProvider, cancellationToken);
        }

        await watch;
    }

    /// <summary>One sync of every pod on the node; returns how long until something is due on its own.</summary>
    public async Task<TimeSpan> SyncOnceAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (node.Faults.Readiness == NodeReadinessFault.Unreachable)
        {
            return options.ResyncInterval;
        }

        if (node.Faults.IsCriUnavailable)
        {
            // Nothing starts while containerd restarts; resume right when it is back.
            var back = node.Faults.CriAvailableAt - now;
            return back < options.ResyncInterval ? back : options.ResyncInterval;
        }

        var listed = await client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "spec.nodeName=" + node.Name, cancellationToken: cancellationToken);
        List<V1Pod> pods = [.. (listed.Items ?? []).Where(p => p.Spec?.NodeName == node.Name)];
        ForgetVanishedPods(pods);
        ApplyInjectedFailures(pods, now);
        var classes = await RuntimeClassesAsync(pods, cancellationToken);
        var containerd = await ContainerdConfigLoader.LoadAsync(node.ContainerdConfigPath, cancellationToken);
        var facts = new NodeRuntimeFacts(node.Build, node.Group.HyperVEnabled, node.Hcs.Host.LogicalProcessorCount, containerd, SimulatedContainerdConfig.ProcessHandlerName);
        foreach (var pod in pods)
        {
            await SyncPodAsync(pod, classes, facts, now, cancellationToken);
        }

        var next = records.Values.Select(r => r.NextDue(now)).Where(t => t is not null).Select(t => t!.Value - now).DefaultIfEmpty(options.ResyncInterval).Min();
        return next < options.ResyncInterval ? next : options.ResyncInterval;
    }

    private async Task SyncPodAsync(V1Pod pod, Dictionary<string, V1RuntimeClass> classes, NodeRuntimeFacts facts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var uid = pod.Metadata.Uid ?? pod.Metadata.Name;
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            await TerminateAsync(pod, uid, cancellationToken);
            return;
        }

        if (!records.TryGetValue(uid, out var record))
        {
            if (pod.Status?.Phase is "Succeeded" or "Failed")
            {
                return;
            }

            record = await AdmitAsync(pod, classes, facts, now, cancellationToken);
        }
        else if (record.SandboxError is not null && record.RetryAt <= now)
        {
            driver.TearDown(record);
            record = await AdmitAsync(pod, classes, facts, now, cancellationToken);
        }

        driver.Advance(record, now);
        await WriteStatusAsync(pod, record, now, cancellationToken);
    }

    private async Task<PodRuntimeRecord> AdmitAsync(V1Pod pod, Dictionary<string, V1RuntimeClass> classes, NodeRuntimeFacts facts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var runtimeClass = pod.Spec.RuntimeClassName is { Length: > 0 } name ? classes.GetValueOrDefault(name) : null;
        var plan = PodStartupDecision.Decide(pod, runtimeClass, facts);
        var record = driver.Admit(pod, plan, now);
        records[record.Uid] = record;
        if (record.SandboxError is { } sandboxError)
        {
            LogSandboxFailed(logger, node.Name, record.Namespace, record.Name, sandboxError.Message);
            await events.RecordAsync(pod, "Warning", "FailedCreatePodSandBox", sandboxError.Message, cancellationToken);
            return record;
        }

        foreach (var failed in record.Containers.Where(c => c.StartError is not null))
        {
            await events.RecordAsync(pod, "Warning", "Failed", "Error: " + failed.StartError!.Message, cancellationToken);
        }

        return record;
    }

    private async Task WriteStatusAsync(V1Pod pod, PodRuntimeRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = PodStatusRenderer.Render(pod, record, node.InternalIp, now);
        var json = KubernetesJson.Serialize(status);
        if (json == record.LastWrittenStatus && json == KubernetesJson.Serialize(pod.Status))
        {
            return;
        }

        pod.Status = status;
        try
        {
            await client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
            record.LastWrittenStatus = json;
        }
        catch (Exception e) when (ApiErrors.IsConflict(e) || ApiErrors.IsNotFound(e))
        {
            // Changed meanwhile: the watch brings the newer pod and the next sync writes again.
        }
    }

    private async Task TerminateAsync(V1Pod pod, string uid, CancellationToken cancellationToken)
    {
        if (records.Remove(uid, out var record))
        {
            driver.TearDown(record);
            LogStopped(logger, node.Name, record.Namespace, record.Name);
        }

        try
        {
            var options = new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid } };
            await client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty, body: options, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e) || ApiErrors.IsConflict(e))
        {
            // Already gone, or a new pod with the same name.
        }
    }

    // Pods deleted at once (no graceful deletion, or force-deleted) disappear without a deletionTimestamp first.
    private void ForgetVanishedPods(IReadOnlyCollection<V1Pod> pods)
    {
        var present = pods.Select(p => p.Metadata.Uid ?? p.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var uid in records.Keys.Where(uid => !present.Contains(uid)).ToList())
        {
            driver.TearDown(records[uid]);
            LogStopped(logger, node.Name, records[uid].Namespace, records[uid].Name);
            records.Remove(uid);
        }
    }

    private void ApplyInjectedFailures(IReadOnlyCollection<V1Pod> pods, DateTimeOffset now)
    {
        var notYet = new List<InjectedContainerFailure>();
        foreach (var failure in node.Faults.TakeContainerFailures())
        {
            var pod = pods.FirstOrDefault(p => p.Metadata.Name == failure.PodName && p.Metadata.NamespaceProperty == failure.Namespace);
            var record = pod is null ? null : records.GetValueOrDefault(pod.Metadata.Uid ?? pod.Metadata.Name);
            if (pod is null || record is null || !record.AppContainers.Any(c => c.Name == failure.ContainerName && c.Stage == ContainerStage.Running))
            {
                // Not running yet: keep it until the container runs (a failure for a pod that never comes is kept too, harmlessly).
                notYet.Add(failure);
                continue;
            }

            driver.Crash(record, pod, failure.ContainerName, failure.ExitCode, now);
        }

        node.Faults.Requeue(notYet);
    }

    private async Task<Dictionary<string, V1RuntimeClass>> RuntimeClassesAsync(IReadOnlyCollection<V1Pod> pods, CancellationToken cancellationToken)
    {
        if (!pods.Any(p => !string.IsNullOrEmpty(p.Spec?.RuntimeClassName)))
        {
            return [];
        }

        var list = await client.NodeV1.ListRuntimeClassAsync(cancellationToken: cancellationToken);
        return (list.Items ?? []).ToDictionary(c => c.Metadata.Name, StringComparer.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kubelet sync on {Node} failed, retrying: {Error}")]
    private static partial void LogSyncFailed(ILogger logger, string node, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kubelet on {Node} could not create the sandbox of {Namespace}/{Pod}: {Error}")]
    private static partial void LogSandboxFailed(ILogger logger, string node, string @namespace, string pod, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kubelet on {Node} stopped {Namespace}/{Pod}")]
    private static partial void LogStopped(ILogger logger, string node, string @namespace, string pod);
}
