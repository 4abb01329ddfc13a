using System.Net;
using HyperVIsolation.ControllerRuntime.ApiAccess;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Events;
using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.SimulatedNodes.ApiAccess;
using HyperVIsolation.SimulatedNodes.Pool;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.SimulatedNodes.Kubelet;

/// <summary>
/// One simulated node's kubelet: keeps watch-fed caches of the pods bound to the node
/// (<c>spec.nodeName</c> field selector) and of RuntimeClasses, and syncs only the pods that changed,
/// have something due (utility VM boot, back-off, sandbox retry) or were hit by an injected fault,
/// plus every pod once per <see cref="KubeletLoopOptions.ResyncInterval"/>. A sync admits the pod with
/// <see cref="PodStartupDecision"/> against the node's real containerd config, runs it through
/// <see cref="PodSandboxDriver"/> and writes its status when it changed (<see cref="PodStatusWriter"/>);
/// on deletion it stops the containers, removes the utility VM and deletes the pod with grace period 0.
/// Pauses while containerd is down or the node is unreachable (fault injection).
/// </summary>
public sealed partial class KubeletLoop
{
    private readonly IKubernetes client;
    private readonly SimulatedNode node;
    private readonly KubeletLoopOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly PodSandboxDriver driver;
    private readonly PodStatusWriter statusWriter;
    private readonly EventRecorder events;
    private readonly Dictionary<string, PodRuntimeRecord> records = new(StringComparer.Ordinal);
    private DateTimeOffset nextFullSync = DateTimeOffset.MinValue;
    private NodeRuntimeFacts? passFacts;

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
        statusWriter = new PodStatusWriter(client, node.InternalIp);
        events = new EventRecorder(new KubernetesEventWriter(client, "kubelet"), "kubelet", node.Name, timeProvider, logger);
    }

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var signal = new ChangeSignal();
        node.Faults.Subscribe(signal);
        var selector = "spec.nodeName=" + node.Name;
        var podChanges = new ChangeTracker<V1Pod>(ObjectKeys.Uid, signal);
        var pods = WatchedCaches.Create(client, "pods on " + node.Name, selector, options.WatchRetryDelay, timeProvider, logger, podChanges);
        var classes = WatchedCaches.Create(
            client, "runtimeclasses for " + node.Name, null, options.WatchRetryDelay, timeProvider, logger, new ChangeTracker<V1RuntimeClass>(ObjectKeys.NamespacedName, signal));
        var watches = new[] { pods.RunAsync(cancellationToken), classes.RunAsync(cancellationToken) };
        var writingEvents = events.WriteQueuedAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = options.ResyncInterval;
            try
            {
                wait = await SyncOnceAsync(pods, podChanges, classes, cancellationToken);
            }
            catch (Exception e) when ((ApiFailure.IsTransient(e) || e is ContainerdConfigException or IOException) && !cancellationToken.IsCancellationRequested)
            {
                LogSyncFailed(logger, node.Name, e.Message);

                // The changes taken for the failed pass are gone: look at every pod next time.
                nextFullSync = DateTimeOffset.MinValue;
            }

            await signal.WaitAsync(wait, timeProvider, cancellationToken);
        }

        await Task.WhenAll(watches);
        await EventWriting.StopAsync(events, writingEvents);
    }

    // One sync of the pods that need it; returns how long until something is due on its own.
    private async Task<TimeSpan> SyncOnceAsync(
        ResourceInformer<V1Pod> pods, ChangeTracker<V1Pod> podChanges, ResourceInformer<V1RuntimeClass> classes, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (node.Faults.Readiness == NodeReadinessFault.Unreachable || !pods.HasSynced || !classes.HasSynced)
        {
            // Changes wait in the cache until the node is back (or the caches have their first list, which wakes this loop).
            return options.ResyncInterval;
        }

        if (node.Faults.IsCriUnavailable)
        {
            // Nothing starts while containerd restarts; resume right when it is back.
            var back = node.Faults.CriAvailableAt - now;
            return back < options.ResyncInterval ? back : options.ResyncInterval;
        }

        var due = new HashSet<string>(podChanges.TakeChanges(), StringComparer.Ordinal);
        if (now >= nextFullSync)
        {
            due.UnionWith(pods.List().Select(ObjectKeys.Uid));
            due.UnionWith(records.Keys);
            nextFullSync = now + options.ResyncInterval;
        }

        due.UnionWith(records.Values.Where(r => r.DueAt <= now).Select(r => r.Uid));
        due.UnionWith(ApplyInjectedFailures(pods, now));
        passFacts = null;
        foreach (var pod in PodsToSync(due, pods))
        {
            await SyncPodAsync(pod, classes, now, cancellationToken);
        }

        var next = records.Values.Select(r => r.DueAt).Append(nextFullSync).Min() - now;
        return next < options.ResyncInterval ? next : options.ResyncInterval;
    }

    // The cached pods among the due keys, oldest first; records of keys no longer cached are torn down.
    private List<V1Pod> PodsToSync(IEnumerable<string> due, ResourceInformer<V1Pod> pods)
    {
        var present = new List<V1Pod>();
        var byUid = pods.List().ToDictionary(ObjectKeys.Uid, StringComparer.Ordinal);
        foreach (var uid in due)
        {
            if (byUid.GetValueOrDefault(uid) is { } pod && pod.Spec?.NodeName == node.Name)
            {
                present.Add(pod);
            }
            else if (records.Remove(uid, out var vanished))
            {
                // Pods deleted at once (no graceful deletion, or force-deleted) disappear without a deletionTimestamp first.
                driver.TearDown(vanished);
                LogStopped(logger, node.Name, vanished.Namespace, vanished.Name);
            }
        }

        return [.. present.OrderBy(p => p.Metadata.CreationTimestamp ?? DateTime.MinValue).ThenBy(ObjectKeys.NamespacedName, StringComparer.Ordinal)];
    }

    private async Task SyncPodAsync(V1Pod pod, ResourceInformer<V1RuntimeClass> classes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var uid = ObjectKeys.Uid(pod);
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

            record = await AdmitAsync(pod, classes, now, cancellationToken);
        }
        else if (record.SandboxError is not null && record.RetryAt <= now)
        {
            driver.TearDown(record);
            record = await AdmitAsync(pod, classes, now, cancellationToken);
        }

        driver.Advance(record, now);
        record.DueAt = record.NextDue(now) ?? DateTimeOffset.MaxValue;
        await statusWriter.WriteAsync(pod, record, now, cancellationToken);
    }

    private async Task<PodRuntimeRecord> AdmitAsync(V1Pod pod, ResourceInformer<V1RuntimeClass> classes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var runtimeClass = pod.Spec.RuntimeClassName is { Length: > 0 } name ? classes.GetClusterScoped(name) ?? await ReadRuntimeClassAsync(name, cancellationToken) : null;
        var plan = PodStartupDecision.Decide(pod, runtimeClass, await FactsAsync(cancellationToken));
        var record = driver.Admit(pod, plan, now);
        records[record.Uid] = record;
        if (record.SandboxError is { } sandboxError)
        {
            LogSandboxFailed(logger, node.Name, record.Namespace, record.Name, sandboxError.Message);
            events.Warning(pod, "FailedCreatePodSandBox", sandboxError.Message);
            return record;
        }

        foreach (var failed in record.Containers.Where(c => c.StartError is not null))
        {
            events.Warning(pod, "Failed", "Error: " + failed.StartError!.Message);
        }

        return record;
    }

    // A class created just before the pod may not have reached the cache's watch yet: a miss is read through.
    private async Task<V1RuntimeClass?> ReadRuntimeClassAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.NodeV1.ReadRuntimeClassAsync(name, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (ApiFailure.Is(e, HttpStatusCode.NotFound))
        {
            return null;
        }
    }

    // The node's runtime facts, read (containerd config from disk) at most once per pass, and only when a pod is admitted.
    private async Task<NodeRuntimeFacts> FactsAsync(CancellationToken cancellationToken)
    {
        if (passFacts is null)
        {
            var containerd = await ContainerdConfigLoader.LoadAsync(node.ContainerdConfigPath, cancellationToken);
            passFacts = new NodeRuntimeFacts(node.Build, node.Group.HyperVEnabled, node.Hcs.Host.LogicalProcessorCount, containerd, SimulatedContainerdConfig.ProcessHandlerName);
        }

        return passFacts;
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
        catch (Exception e) when (ApiFailure.Is(e, HttpStatusCode.NotFound) || ApiFailure.Is(e, HttpStatusCode.Conflict))
        {
            // Already gone, or a new pod with the same name.
        }
    }

    // Crashes the running containers named by injected failures; returns the uids of the pods hit.
    private List<string> ApplyInjectedFailures(ResourceInformer<V1Pod> pods, DateTimeOffset now)
    {
        var failures = node.Faults.TakeContainerFailures();
        if (failures.Count == 0)
        {
            return [];
        }

        var hit = new List<string>();
        var notYet = new List<InjectedContainerFailure>();
        var byName = pods.List().ToDictionary(ObjectKeys.NamespacedName, StringComparer.Ordinal);
        foreach (var failure in failures)
        {
            var pod = byName.GetValueOrDefault(failure.Namespace + "/" + failure.PodName);
            var record = pod is null ? null : records.GetValueOrDefault(ObjectKeys.Uid(pod));
            if (pod is null || record is null || !record.AppContainers.Any(c => c.Name == failure.ContainerName && c.Stage == ContainerStage.Running))
            {
                // Not running yet: keep it until the container runs (a failure for a pod that never comes is kept too, harmlessly).
                notYet.Add(failure);
                continue;
            }

            driver.Crash(record, pod, failure.ContainerName, failure.ExitCode, now);
            hit.Add(record.Uid);
        }

        node.Faults.Requeue(notYet);
        return hit;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kubelet sync on {Node} failed, retrying: {Error}")]
    private static partial void LogSyncFailed(ILogger logger, string node, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kubelet on {Node} could not create the sandbox of {Namespace}/{Pod}: {Error}")]
    private static partial void LogSandboxFailed(ILogger logger, string node, string @namespace, string pod, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kubelet on {Node} stopped {Namespace}/{Pod}")]
    private static partial void LogStopped(ILogger logger, string node, string @namespace, string pod);
}
