namespace HyperVIsolation.ControllerRuntime.Leadership;

/// <summary>
/// When this process may run its controllers: in terms, each with a token cancelled the instant the term
/// ends. A replicated operator elects one leader (<see cref="LeaderElectionService"/>); a per-node agent
/// owns its node outright and always leads (<see cref="AlwaysLeading"/>).
/// </summary>
public interface ILeadership
{
    /// <summary>Waits until this process leads and returns the term's token, cancelled when the term ends.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The term's token.</returns>
    Task<CancellationToken> WaitForLeadershipAsync(CancellationToken cancellationToken);
}
