using HyperVIsolation.SimulatedNodes.ApiAccess;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.SimulatedNodes.Scheduling;

/// <summary>
/// The simulated kube-scheduler: on every change to pods or nodes (and every
/// <see cref="SchedulerLoopOptions.RetryInterval"/>) it reads nodes, pods and RuntimeClasses, places
/// each pending pod with <see cref="PodScheduler"/> and binds it through the <c>binding</c>
/// subresource, or marks it <c>PodScheduled=False</c> (reason <c>Unschedulable</c>) with a
/// <c>FailedScheduling</c> event. Uses only KubernetesClient, so it runs against any API server.
/// </summary>
public sealed partial class SchedulerLoop(IKubernetes client, SchedulerLoopOptions options, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>kube-scheduler's name.</summary>
    public const string DefaultSchedulerName = "default-scheduler";

    private readonly EventRecorder events = new(client, DefaultSchedulerName, null, timeProvider);

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var signal = new ChangeSignal();
        var podWatch = ResourceWatchTrigger.RunAsync<V1Pod>(
            "pods",
            (rv, onError, ct) => client.CoreV1.WatchListPodForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, onError: onError, cancellationToken: ct),
            signal, options.WatchRetryDelay, timeProvider, logger, cancellationToken);
        var nodeWatch = ResourceWatchTrigger.RunAsync<V1Node>(
            "nodes",
            (rv, onError, ct) => client.CoreV1.WatchListNodeAsync(allowWatchBookmarks: true, resourceVersion: rv, onError: onError, cancellationToken: ct),
            signal, options.WatchRetryDelay, timeProvider, logger, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ScheduleOnceAsync(cancellationToken);
            }
            catch (Exception e) when (ApiErrors.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                LogPassFailed(logger, e.Message);
            }

            await signal.WaitAsync(options.RetryInterval, timeProvider, cancellationToken);
        }

        await Task.WhenAll(podWatch, nodeWatch);
    }

    /// <summary>One scheduling pass over every pending pod.</summary>
    public async Task ScheduleOnceAsync(CancellationToken cancellationToken)
    {
        var nodes = (await client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken)).Items ?? [];
        var pods = (await client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: cancellationToken)).Items ?? [];
        var classes = ((await client.NodeV1.ListRuntimeClassAsync(cancellationToken: cancellationToken)).Items ?? [])
            .ToDictionary(c => c.Metadata.Name, StringComparer.Ordinal);
        var bound = pods.Where(p => !string.IsNullOrEmpty(p.Spec?.NodeName) && !IsTerminal(p)).ToList();
        var pending = pods.Where(IsPendingForUs)
            .OrderBy(p => p.Metadata.CreationTimestamp ?? DateTime.MinValue)
            .ThenBy(p => p.Metadata.NamespaceProperty, StringComparer.Ordinal)
            .ThenBy(p => p.Metadata.Name, StringComparer.Ordinal);
        foreach (var pod in pending)
        {
            var decision = PodScheduler.Schedule(pod, [.. nodes], bound, classes);
            if (decision.NodeName is { } nodeName)
            {
                if (await BindAsync(pod, nodeName, cancellationToken))
                {
                    // Later pods of this pass see the resources this one now holds, as kube-scheduler's assume cache does.
                    pod.Spec.NodeName = nodeName;
                    bound.Add(pod);
                }

                continue;
            }

            await MarkUnschedulableAsync(pod, decision.FailureMessage!, cancellationToken);
        }
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
        catch (Exception e) when (ApiErrors.IsConflict(e) || ApiErrors.IsNotFound(e))
        {
            // Bound by someone else or deleted meanwhile: the next pass sees the truth.
            return false;
        }

        LogBound(logger, pod.Metadata.NamespaceProperty, pod.Metadata.Name, nodeName);
        await events.RecordAsync(pod, "Normal", "Scheduled", $"Successfully assigned {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name} to {nodeName}", cancellationToken);
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
        pod.Status ??= new V1PodStatus();
        pod.Status.Conditions = [.. conditions.Where(c => c.Type != "PodScheduled"), condition];
        pod.Status.Phase ??= "Pending";
        try
        {
            await client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (ApiErrors.IsConflict(e) || ApiErrors.IsNotFound(e))
        {
            return;
        }

        LogUnschedulable(logger, pod.Metadata.NamespaceProperty, pod.Metadata.Name, message);
        await events.RecordAsync(pod, "Warning", "FailedScheduling", message, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bound pod {Namespace}/{Pod} to {Node}")]
    private static partial void LogBound(ILogger logger, string @namespace, string pod, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod {Namespace}/{Pod} is unschedulable: {Message}")]
    private static partial void LogUnschedulable(ILogger logger, string @namespace, string pod, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduling pass failed, retrying: {Error}")]
    private static partial void LogPassFailed(ILogger logger, string error);
}
