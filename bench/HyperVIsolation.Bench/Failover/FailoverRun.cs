namespace HyperVIsolation.Bench.Failover;

/// <summary>One failover, timed from the kill.</summary>
/// <param name="KillOffset">How long after the follower stood by the leader was killed (the seeded pause).</param>
/// <param name="ToLeading">Kill to the follower leading.</param>
/// <param name="ToFirstReconcile">Kill to the follower's first reconcile starting.</param>
internal sealed record FailoverRun(TimeSpan KillOffset, TimeSpan ToLeading, TimeSpan ToFirstReconcile);
