using System.Net;
using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using k8s;
using k8s.Autorest;

namespace HyperVIsolation.LocalCluster.Progress;

/// <summary>
/// Reads the workloads' status until all are Ready or time runs out, showing each reading. It polls
/// rather than watches: a handful of reads a second is nothing for a demo, and a poll cannot miss
/// a change the way a dropped watch can.
/// </summary>
/// <param name="client">The API.</param>
/// <param name="clock">The clock of the deadline.</param>
/// <param name="pollInterval">How often to read.</param>
internal sealed class ReadinessWatcher(IKubernetes client, TimeProvider clock, TimeSpan pollInterval)
{
    /// <summary>Shows progress of <paramref name="workloads"/> on <paramref name="display"/> until all are Ready or <paramref name="timeout"/> passes.</summary>
    public async Task<ReadinessResult> WaitAllReadyAsync(
        IReadOnlyList<WorkloadKey> workloads, IProgressDisplay display, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        ArgumentNullException.ThrowIfNull(display);
        var deadline = clock.GetUtcNow() + timeout;
        while (true)
        {
            var rows = await ReadAsync(workloads, cancellationToken);
            display.Show(rows);
            if (rows.All(r => r.IsReady))
            {
                display.Complete();
                return new ReadinessResult(true, rows);
            }

            if (clock.GetUtcNow() >= deadline)
            {
                display.Complete();
                return new ReadinessResult(false, rows);
            }

            await Task.Delay(pollInterval, clock, cancellationToken);
        }
    }

    /// <summary>The current progress of each workload, in the order given.</summary>
    public async Task<IReadOnlyList<WorkloadProgress>> ReadAsync(IReadOnlyList<WorkloadKey> workloads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        var rows = new List<WorkloadProgress>(workloads.Count);
        foreach (var key in workloads)
        {
            try
            {
                var workload = await client.CustomObjects.GetNamespacedCustomObjectAsync<IsolatedWorkload>(
                    ApiGroup.Group, ApiGroup.Version, key.Namespace, IsolatedWorkload.Plural, key.Name, cancellationToken);
                var pods = await client.CoreV1.ListNamespacedPodAsync(
                    key.Namespace, labelSelector: $"{WellKnownLabels.Workload}={key.Name}", cancellationToken: cancellationToken);
                rows.Add(WorkloadProgress.From(workload).WithPods(pods.Items));
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                rows.Add(WorkloadProgress.Missing(key.Namespace, key.Name));
            }
        }

        return rows;
    }
}
