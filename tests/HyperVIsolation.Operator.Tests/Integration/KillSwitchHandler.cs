namespace HyperVIsolation.Operator.Tests.Integration;

/// <summary>
/// Sits in an operator's HTTP pipeline; after <see cref="Kill"/> every request fails at once, as for a process that was
/// killed: the Lease is neither renewed nor released, and nothing else is written.
/// </summary>
internal sealed class KillSwitchHandler : DelegatingHandler
{
    private volatile bool killed;

    public void Kill() => killed = true;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        killed ? Task.FromException<HttpResponseMessage>(new HttpRequestException("killed (test)")) : base.SendAsync(request, cancellationToken);
}
