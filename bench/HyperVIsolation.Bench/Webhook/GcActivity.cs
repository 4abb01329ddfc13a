namespace HyperVIsolation.Bench.Webhook;

/// <summary>
/// The garbage collections of this process during one phase. The webhook, the floor and the load generator share
/// the process, so a collection pauses all of them: at a fixed rate, collections decide much of the latency tail.
/// </summary>
/// <param name="Gen0">Generation 0 collections.</param>
/// <param name="Gen1">Generation 1 collections.</param>
/// <param name="Gen2">Generation 2 collections (blocking or background).</param>
/// <param name="PauseMilliseconds">Total time the runtime paused managed threads for them.</param>
internal sealed record GcActivity(int Gen0, int Gen1, int Gen2, double PauseMilliseconds)
{
    /// <summary>Counts from now; call <see cref="Mark.Since"/> when the phase ends.</summary>
    public static Mark Start() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    /// <summary>A starting point.</summary>
    /// <param name="Gen0">Generation 0 collections so far.</param>
    /// <param name="Gen1">Generation 1 collections so far.</param>
    /// <param name="Gen2">Generation 2 collections so far.</param>
    /// <param name="Paused">Pause time so far.</param>
    internal sealed record Mark(int Gen0, int Gen1, int Gen2, TimeSpan Paused)
    {
        /// <summary>The collections since this mark.</summary>
        public GcActivity Since() => new(
            GC.CollectionCount(0) - Gen0, GC.CollectionCount(1) - Gen1, GC.CollectionCount(2) - Gen2, (GC.GetTotalPauseDuration() - Paused).TotalMilliseconds);
    }
}
