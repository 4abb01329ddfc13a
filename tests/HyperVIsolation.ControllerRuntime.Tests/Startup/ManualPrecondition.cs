using HyperVIsolation.ControllerRuntime.Startup;

namespace HyperVIsolation.ControllerRuntime.Tests.Startup;

/// <summary>A precondition the test declares met, counting how often it was asked.</summary>
internal sealed class ManualPrecondition(string name) : IStartupPrecondition
{
    private readonly TaskCompletionSource met = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int asked;

    public string Name { get; } = name;

    public int Asked => Volatile.Read(ref asked);

    public void Meet() => met.TrySetResult();

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref asked);
        return met.Task.WaitAsync(cancellationToken);
    }
}
