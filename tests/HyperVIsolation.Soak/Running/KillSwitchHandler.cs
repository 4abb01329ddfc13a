namespace HyperVIsolation.Soak.Running;

/// <summary>
/// Sits in one operator replica's HTTP pipeline; after <see cref="Kill"/> every request fails at once as if the process
/// had died: no Lease renewal, no write, no watch, nothing released. Disposing the host afterwards then changes nothing
/// the API server sees. Used by the soak's leader kills and the failover benchmark.
/// </summary>
public sealed class KillSwitchHandler : DelegatingHandler
{
    private volatile bool killed;

    /// <summary>Whether <see cref="Kill"/> was called.</summary>
    public bool IsKilled => killed;

    /// <summary>Cuts the replica off from the API server for good.</summary>
    public void Kill() => killed = true;

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        killed ? Task.FromException<HttpResponseMessage>(new HttpRequestException("killed (fault injection)")) : base.SendAsync(request, cancellationToken);
}
