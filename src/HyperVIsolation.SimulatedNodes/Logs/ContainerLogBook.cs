namespace HyperVIsolation.SimulatedNodes.Logs;

/// <summary>
/// What the containers of one simulated node wrote, per pod and container: the current run and the one
/// before (what <c>kubectl logs</c> and <c>--previous</c> read). Written by the kubelet loop, read by the
/// API server's log requests, so every access takes the lock.
/// </summary>
public sealed class ContainerLogBook
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string PodUid, string Container), Runs> runs = [];

    /// <summary>Starts a new run of a container (the current one becomes the previous).</summary>
    public void Start(string podUid, string container, IEnumerable<SimulatedLogLine> lines)
    {
        lock (gate)
        {
            var key = (podUid, container);
            var previous = runs.GetValueOrDefault(key)?.Current;
            runs[key] = new Runs(new Run([.. lines]), previous);
        }
    }

    /// <summary>Ends the current run with a last line (its exit).</summary>
    public void Finish(string podUid, string container, SimulatedLogLine last)
    {
        lock (gate)
        {
            if (runs.GetValueOrDefault((podUid, container)) is { Current: { Running: true } run })
            {
                run.Lines.Add(last);
                run.Running = false;
            }
        }
    }

    /// <summary>Drops every log of a pod (its containers were removed).</summary>
    public void Forget(string podUid)
    {
        lock (gate)
        {
            foreach (var key in runs.Keys.Where(k => k.PodUid == podUid).ToList())
            {
                runs.Remove(key);
            }
        }
    }

    /// <summary>A copy of the lines of the current (or previous) run, and whether it still runs; null when there is none.</summary>
    public (IReadOnlyList<SimulatedLogLine> Lines, bool Running)? Read(string podUid, string container, bool previous)
    {
        lock (gate)
        {
            var found = runs.GetValueOrDefault((podUid, container));
            var run = previous ? found?.Previous : found?.Current;
            return run is null ? null : ([.. run.Lines], run.Running);
        }
    }

    private sealed class Run(List<SimulatedLogLine> lines)
    {
        public List<SimulatedLogLine> Lines { get; } = lines;

        public bool Running { get; set; } = true;
    }

    private sealed record Runs(Run Current, Run? Previous);
}

/// <summary>One line a simulated container wrote.</summary>
/// <param name="Time">When it was written.</param>
/// <param name="Text">The text.</param>
public sealed record SimulatedLogLine(DateTimeOffset Time, string Text);
