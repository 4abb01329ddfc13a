namespace HyperVIsolation.Operator.Tests.Admission.EndToEnd;

/// <summary>
/// Sits in an operator's HTTP pipeline and holds the first request of each kind the test names for a while, as a
/// slow or distant API server would: a slow CA Secret read makes the certificate late, a slow list makes a cache late.
/// </summary>
/// <param name="delay">How long each named request is held.</param>
/// <param name="matches">The requests to hold, each held the first time it is seen only.</param>
internal sealed class DelayedRequests(TimeSpan delay, params Func<HttpRequestMessage, bool>[] matches) : DelegatingHandler
{
    private readonly bool[] seen = new bool[matches.Length];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var i = 0; i < matches.Length; i++)
        {
            if (matches[i](request) && !Interlocked.Exchange(ref seen[i], true))
            {
                await Task.Delay(delay, cancellationToken);
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
