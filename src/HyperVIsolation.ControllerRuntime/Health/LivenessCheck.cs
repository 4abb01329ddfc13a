using HyperVIsolation.ControllerRuntime.Cache;

namespace HyperVIsolation.ControllerRuntime.Health;

/// <summary>
/// For <c>/healthz</c>: the process answers, and no informer has gone silent for longer than a threshold.
/// An informer hears from the API server at least once per watch timeout (events, bookmarks, or the server
/// closing the watch), so a longer silence means a stuck watch or a list that keeps failing: restarting the
/// process is the remedy. An informer that never synced is measured from its start.
/// </summary>
/// <param name="informers">The informers to watch.</param>
/// <param name="stallThreshold">The longest acceptable silence; set it above the watch timeout.</param>
/// <param name="time">The clock.</param>
public sealed class LivenessCheck(IEnumerable<IInformerStatus> informers, TimeSpan stallThreshold, TimeProvider time)
{
    private readonly IReadOnlyList<IInformerStatus> _informers = [.. informers];

    /// <summary>Checks every informer.</summary>
    /// <returns>Healthy, or one problem per stalled informer.</returns>
    public HealthCheckResult Check()
    {
        var now = time.GetUtcNow();
        var problems = new List<string>();
        foreach (var informer in _informers)
        {
            if ((informer.LastActivityAt ?? informer.StartedAt) is not { } since)
            {
                continue;
            }

            var silence = now - since;
            if (silence > stallThreshold)
            {
                var state = informer.HasSynced ? "synced" : "never synced";
                problems.Add($"informer {informer.Name} ({state}) silent for {silence.TotalSeconds:0} s");
            }
        }

        return new HealthCheckResult(problems);
    }
}
