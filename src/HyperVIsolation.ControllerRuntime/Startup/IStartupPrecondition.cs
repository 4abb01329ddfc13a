namespace HyperVIsolation.ControllerRuntime.Startup;

/// <summary>
/// Something this process needs before it campaigns for leadership or reconciles, for example an operator's own admission
/// webhook answering: the pods it would create pass through that webhook. Registered as a singleton; the
/// <see cref="StartupBarrier"/> waits for every one.
/// </summary>
public interface IStartupPrecondition
{
    /// <summary>What is waited for, as the logs name it.</summary>
    string Name { get; }

    /// <summary>Completes once the precondition holds; it is not asked again afterwards.</summary>
    /// <param name="cancellationToken">Stops waiting (the process is stopping).</param>
    /// <returns>A task that completes when the precondition holds.</returns>
    Task WaitAsync(CancellationToken cancellationToken);
}
