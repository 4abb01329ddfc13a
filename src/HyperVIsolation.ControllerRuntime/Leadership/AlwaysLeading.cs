namespace HyperVIsolation.ControllerRuntime.Leadership;

/// <summary>
/// Leadership for a process that is the only writer of what it reconciles (a node agent acts on its own node
/// only): one term, lasting until the process stops.
/// </summary>
public sealed class AlwaysLeading : ILeadership
{
    /// <inheritdoc/>
    public Task<CancellationToken> WaitForLeadershipAsync(CancellationToken cancellationToken) => Task.FromResult(cancellationToken);
}
