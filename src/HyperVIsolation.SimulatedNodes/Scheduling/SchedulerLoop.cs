using System.Collections.Concurrent;
using System.Net;
using HyperVIsolation.ControllerRuntime.ApiAccess;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Events;
using HyperVIsolation.SimulatedNodes.ApiAccess;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.SimulatedNodes.Scheduling;

/// <summary>
/// The simulated kube-scheduler: keeps watch-fed caches of pods, nodes and RuntimeClasses and, on
/// every change (and every <see cref="SchedulerLoopOptions.RetryInterval"/>), places each pending pod
/// with <see cref="PodScheduler"/> and binds it through the <c>binding</c> subresource, or marks it
/// <c>PodScheduled=False</c> (reason <c>Unschedulable</c>) with a <c>FailedScheduling</c> event. Pods
/// it bound are assumed on their node until the cache shows them bound, as kube-scheduler's assume
/// cache does. Uses only KubernetesClient, so it runs against any API server.
/// </summary>
public sealed partial class SchedulerLoop(IKubernetes client, SchedulerLoopOptions options, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>kube-scheduler's name.</summary>
    public const string DefaultSchedulerName = "default-scheduler";

    private readonly EventRecorder events = new(new KubernetesEventWriter(client, DefaultSchedulerName), DefaultSchedulerName, null, timeProvider, logger);

    // Pods this scheduler bound that the cache does not show bound yet, by uid, with their node.
    private readonly Dictionary<string, string> assumed = new(StringComparer.Ordinal);

    // Requests of bound pods by uid: spec is immutable once bound, so each is computed once.
    private readonly Dictionary<string, IReadOnlyDictionary<string, decimal>> requests = new(StringComparer.Ordinal);

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var signal = new ChangeSignal();
        var pods = WatchedCaches.Create(client, "pods", null, options.WatchRetryDelay, timeProvider, logger, new ChangeTracker<V1Pod>(ObjectKeys.Uid, signal));
        var nodes = WatchedCaches.Create(client, "nodes", null, options.WatchRetryDelay, timeProvider, logger, new ChangeTracker<V1Node>(ObjectKeys.NamespacedName, signal));
        var classes = WatchedCaches.Create(
            client, "runtimeclasses", null, options.WatchRetryDelay, timeProvider, logger, new ChangeTracker<V1RuntimeClass>(ObjectKeys.NamespacedName, signal));
        var watches = new[] { pods.RunAsync(cancellationToken), nodes.RunAsync(cancellationToken), classes.RunAsync(cancellationToken) };
        var writingEvents = events.WriteQueuedAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (pods.HasSynced && nodes.HasSynced && classes.HasSynced)
                {
                    await ScheduleOnceAsync(pods.List(), nodes.List(), classes.List().ToDictionary(c => c.Metadata.Name, StringComparer.Ordinal), cancellationToken);
                }
            }
            catch (Exception e) when (ApiFailure.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                LogPassFailed(logger, e.Message);
            }

            await signal.WaitAsync(options.RetryInterval, timeProvider, cancellationToken);
        }

        await Task.WhenAll(watches);
        await EventWriting.StopAsync(events, writingEvents);
    }

    // One pass over every pending pod of the cache.
    private async Task ScheduleOnceAsync(
        IReadOnlyList<V1Pod> pods, IReadOnlyList<V1Node> nodes, Dictionary<string, V1RuntimeClass> classes, CancellationToken cancellationToken)
    {
        var usage = Usage(pods, classes);
        var pending = pods.Where(p => IsPendingForUs(p) && !assumed.ContainsKey(ObjectKeys.Uid(p)))
            .OrderBy(p => p.Metadata.CreationTimestamp ?? DateTime.MinValue)
            .ThenBy(p => p.Metadata.NamespaceProperty, StringComparer.Ordinal)
            .ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .ToList();
        await ReadMissingRuntimeClassesAsync(pending, classes, cancellationToken);
        var binds = new List<(V1Pod Pod, string NodeName)>();
        foreach (var pod in pending)
        {
            var decision = PodScheduler.Schedule(pod, nodes, usage, classes);
            if (decision.NodeName is { } nodeName)
            {
                // Assumed at once: later pods see the resources this one holds, until the cache shows it bound.
                var uid = ObjectKeys.Uid(pod);
                assumed[uid] = nodeName;
                usage[nodeName] = (usage.GetValueOrDefault(nodeName) ?? NodeUsage.Empty).Plus(RequestOf(uid, pod, classes));
                binds.Add((pod, nodeName));
                continue;
            }

            await MarkUnschedulableAsync(pod, decision.FailureMessage!, cancellationToken);
        }

        // Binding runs apart from the decisions, several at once, as kube-scheduler's binding cycle does.
        var failed = new ConcurrentBag<string>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.BindConcurrency), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(binds, parallel, async (bind, ct) =>
        {
            if (!await BindAsync(bind.Pod, bind.NodeName, ct))
            {
                failed.Add(ObjectKeys.Uid(bind.Pod));
            }
        });

        // A failed bind frees what it assumed; the next pass sees the truth.
        foreach (var uid in failed)
        {
            assumed.Remove(uid);
        }
    }

    // A class created just before its pods may not have reached the cache's watch yet: misses are read through.
    private async Task ReadMissingRuntimeClassesAsync(IEnumerable<V1Pod> pending, Dictionary<string, V1RuntimeClass> classes, CancellationToken cancellationToken)
    {
        var missing = pending.Select(p => p.Spec?.RuntimeClassName).OfType<string>().Where(n => n.Length > 0 && !classes.ContainsKey(n)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in missing)
        {
            try
            {
                classes[name] = await client.NodeV1.ReadRuntimeClassAsync(name, cancellationToken: cancellationToken);
            }
            catch (Exception e) when (ApiFailure.Is(e, HttpStatusCode.NotFound))
            {
                // Scheduled without it, as before the class exists.
            }
        }
    }

    // What every node holds: bound pods that are not finished, plus pods bound here the cache does not show bound yet.
    private Dictionary<string, NodeUsage> Usage(IReadOnlyList<V1Pod> pods, IReadOnlyDictionary<string, V1RuntimeClass> classes)
    {
        var usage = new Dictionary<string, NodeUsage>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            var uid = ObjectKeys.Uid(pod);
            seen.Add(uid);
            var nodeName = string.IsNullOrEmpty(pod.Spec?.NodeName) ? assumed.GetValueOrDefault(uid) : pod.Spec.NodeName;
            if (!string.IsNullOrEmpty(pod.Spec?.NodeName))
            {
                assumed.Remove(uid);
            }

            if (nodeName is null || IsTerminal(pod))
            {
                continue;
            }

            usage[nodeName] = (usage.GetValueOrDefault(nodeName) ?? NodeUsage.Empty).Plus(RequestOf(uid, pod, classes));
        }

        // Deleted pods hold nothing and are never bound.
        foreach (var gone in requests.Keys.Concat(assumed.Keys).Where(uid => !seen.Contains(uid)).ToList())
        {
            requests.Remove(gone);
            assumed.Remove(gone);
        }

        return usage;
    }

    private IReadOnlyDictionary<string, decimal> RequestOf(string uid, V1Pod pod, IReadOnlyDictionary<string, V1RuntimeClass> classes)
    {
        if (!requests.TryGetValue(uid, out var request))
        {
            request = PodScheduler.RequestOf(pod, classes);
            requests[uid] = request;
        }

        return request;
    }

    private bool IsPendingForUs(V1Pod pod) =>
        string.IsNullOrEmpty(pod.Spec?.NodeName)
        && pod.Metadata?.DeletionTimestamp is null
        && !IsTerminal(pod)
        && (string.IsNullOrEmpty(pod.Spec?.SchedulerName) || pod.Spec.SchedulerName == options.SchedulerName);

    private static bool IsTerminal(V1Pod pod) => pod.Status?.Phase is "Succeeded" or "Failed";

    private async Task<bool> BindAsync(V1Pod pod, string nodeName, CancellationToken cancellationToken)
    {
        var binding = new V1Binding
        {
            Metadata = new V1ObjectMeta { Name = pod.Metadata.Name, NamespaceProperty = pod.Metadata.NamespaceProperty, Uid = pod.Metadata.Uid },
            Target = new V1ObjectReference { ApiVersion = "v1", Kind = "Node", Name = nodeName },
        };
        try
        {
            await client.CoreV1.CreateNamespacedPodBindingAsync(binding, pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (ApiFailure.Is(e, HttpStatusCode.Conflict) || ApiFailure.Is(e, HttpStatusCode.NotFound))
        {
            // Bound by someone else or deleted meanwhile: the next pass sees the truth.
            return false;
        }
        catch (Exception e) when (ApiFailure.IsTransient(e) && !cancellationToken.IsCancellationRequested)
        {
            LogBindFailed(logger, pod.Metadata.NamespaceProperty, pod.Metadata.Name, e.Message);
            return false;
        }

        LogBound(logger, pod.Metadata.NamespaceProperty, pod.Metadata.Name, nodeName);
        events.Normal(pod, "Scheduled", $"Successfully assigned {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name} to {nodeName}");
        return true;
    }

    private async Task MarkUnschedulableAsync(V1Pod pod, string message, CancellationToken cancellationToken)
    {
        var conditions = pod.Status?.Conditions ?? [];
        var current = conditions.FirstOrDefault(c => c.Type == "PodScheduled");
        if (current is { Status: "False", Reason: "Unschedulable" } && current.Message == message)
        {
            return;
        }

        var condition = new V1PodCondition
        {
            Type = "PodScheduled",
            Status = "False",
            Reason = "Unschedulable",
            Message = message,
            LastTransitionTime = Pool.SimulatedNodeManifest.Seconds(timeProvider.GetUtcNow()),
        };
        // A new pod around the cached metadata and spec: objects in the cache are never changed in place.
        var updated = new V1Pod
        {
            ApiVersion = pod.ApiVersion,
            Kind = pod.Kind,
            Metadata = pod.Metadata,
            Spec = pod.Spec,
            Status = KubernetesJson.Deserialize<V1PodStatus>(KubernetesJson.Serialize(pod.Status ?? new V1PodStatus())),
        };
        updated.Status.Conditions = [.. conditions.Where(c => c.Type != "PodScheduled"), condition];
        updated.Status.Phase ??= "Pending";
        try
        {
            await client.CoreV1.ReplaceNamespacedPodStatusAsync(updated, pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (ApiFailure.Is(e, HttpStatusCode.Conflict) || ApiFailure.Is(e, HttpStatusCode.NotFound))
        {
            return;
        }

        LogUnschedulable(logger, pod.Metadata.NamespaceProperty, pod.Metadata.Name, message);
        events.Warning(pod, "FailedScheduling", message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bound pod {Namespace}/{Pod} to {Node}")]
    private static partial void LogBound(ILogger logger, string @namespace, string pod, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod {Namespace}/{Pod} is unschedulable: {Message}")]
    private static partial void LogUnschedulable(ILogger logger, string @namespace, string pod, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Binding pod {Namespace}/{Pod} failed, retrying: {Error}")]
    private static partial void LogBindFailed(ILogger logger, string @namespace, string pod, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduling pass failed, retrying: {Error}")]
    private static partial void LogPassFailed(ILogger logger, string error);
}
