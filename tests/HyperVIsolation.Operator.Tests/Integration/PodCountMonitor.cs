using k8s;

namespace HyperVIsolation.Operator.Tests.Integration;

/// <summary>
/// Watches a workload's pods in the background for the whole test and records the most that ever
/// existed at once (terminating ones excluded) and the fewest ready ones once it first was fully ready.
/// </summary>
internal sealed class PodCountMonitor : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private int maxActive;
    private int minReady = int.MaxValue;

    public PodCountMonitor(OperatorCluster cluster, string ns, string workload, int readyFloorStartsAt)
    {
        loop = Task.Run(() => RunAsync(cluster, ns, workload, readyFloorStartsAt, stop.Token));
    }

    public int MaxActive => Volatile.Read(ref maxActive);

    /// <summary>The fewest ready pods seen since readiness first reached the start value; int.MaxValue before that.</summary>
    public int MinReady => Volatile.Read(ref minReady);

    public bool ReadyFloorTracked { get; private set; }

    private async Task RunAsync(OperatorCluster cluster, string ns, string workload, int readyFloorStartsAt, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            try
            {
                var pods = await cluster.PodsAsync(ns, workload);
                var active = pods.Count(pod => pod.Metadata.DeletionTimestamp is null && pod.Status?.Phase is not ("Failed" or "Succeeded"));
                var ready = pods.Count(OperatorCluster.IsReady);
                Volatile.Write(ref maxActive, Math.Max(MaxActive, active));
                ReadyFloorTracked |= ready >= readyFloorStartsAt;
                if (ReadyFloorTracked)
                {
                    Volatile.Write(ref minReady, Math.Min(MinReady, ready));
                }

                await Task.Delay(30, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (k8s.Autorest.HttpOperationException)
            {
                // A transient answer; look again.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}
