namespace HyperVIsolation.Bench.Webhook;

/// <summary>The thread pool during one phase, from <see cref="ThreadPoolProbe"/>.</summary>
/// <param name="Threads">The pool's threads at the end of the phase.</param>
/// <param name="LongestWaitMilliseconds">The longest a probe work item waited before it ran.</param>
internal sealed record ThreadPoolActivity(int Threads, double LongestWaitMilliseconds);
