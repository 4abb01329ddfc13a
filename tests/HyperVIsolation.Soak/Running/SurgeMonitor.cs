using HyperVIsolation.LocalApiServer.Storage;
using HyperVIsolation.Soak.Invariants;

namespace HyperVIsolation.Soak.Running;

/// <summary>
/// Checks the surge invariant continuously: every 50 ms it reads the store and notes any workload with more active
/// pods than the current round's ceiling. Keeps the first violations (with when they were seen) for the report.
/// </summary>
public sealed class SurgeMonitor : IAsyncDisposable
{
    private const int KeptViolations = 20;
    private readonly ObjectStore store;
    private readonly Func<TimeSpan> elapsed;
    private readonly CancellationTokenSource stop = new();
    private readonly List<string> violations = [];
    private readonly Task loop;
    private IReadOnlyDictionary<string, int> ceilings = new Dictionary<string, int>();
    private long checks;

    /// <summary>Starts checking <paramref name="store"/>; <paramref name="elapsed"/> stamps what it finds.</summary>
    public SurgeMonitor(ObjectStore store, Func<TimeSpan> elapsed)
    {
        this.store = store;
        this.elapsed = elapsed;
        loop = Task.Run(() => RunAsync(stop.Token));
    }

    /// <summary>How many snapshots were checked.</summary>
    public long Checks => Interlocked.Read(ref checks);

    /// <summary>The ceilings of the running round (replaced at each round's start).</summary>
    public IReadOnlyDictionary<string, int> Ceilings
    {
        get => Volatile.Read(ref ceilings);
        set => Volatile.Write(ref ceilings, value);
    }

    /// <summary>The violations seen (the first few).</summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (violations)
            {
                return [.. violations];
            }
        }
    }

    /// <summary>Checks once now (the runner also calls this at each round's end).</summary>
    public void CheckNow()
    {
        var found = InvariantChecks.SurgeViolations(SnapshotReader.Read(store), Ceilings);
        Interlocked.Increment(ref checks);
        if (found.Count == 0)
        {
            return;
        }

        lock (violations)
        {
            foreach (var violation in found.Where(_ => violations.Count < KeptViolations))
            {
                violations.Add($"at {elapsed().TotalSeconds:F2}s: {violation}");
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            CheckNow();
            try
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
