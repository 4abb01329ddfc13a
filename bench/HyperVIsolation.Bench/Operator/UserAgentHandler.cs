namespace HyperVIsolation.Bench.Operator;

/// <summary>
/// Stamps a client's requests with its own <c>User-Agent</c> product, so the server's request counter
/// can tell the operator's writes from the simulated nodes' and the benchmark's own.
/// </summary>
internal sealed class UserAgentHandler(string product) : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.UserAgent.Clear();
        request.Headers.TryAddWithoutValidation("User-Agent", $"{product}/1.0");
        return base.SendAsync(request, cancellationToken);
    }
}
