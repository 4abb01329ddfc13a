using System.Collections.Concurrent;

namespace HyperVIsolation.Operator.Tests.Integration;

/// <summary>
/// Sits in the operator's HTTP pipeline: counts every write it sends (leader election's lease renewals
/// apart) and, when asked, answers a share of requests with 503 before they reach the server, as an
/// overloaded API server would.
/// </summary>
internal sealed class ApiRequestCounter : DelegatingHandler
{
    private readonly ConcurrentQueue<string> writes = new();
    private readonly ConcurrentQueue<string> reads = new();
    private double failureRate;
    private long injected;

    public IReadOnlyList<string> Writes => [.. writes];

    /// <summary>The paths of the GETs sent (watches and lease reads apart).</summary>
    public IReadOnlyList<string> Reads => [.. reads];

    public long InjectedFailures => Interlocked.Read(ref injected);

    /// <summary>The share of requests (lease renewals excepted) answered with 503.</summary>
    public double FailureRate
    {
        get => Volatile.Read(ref failureRate);
        set => Volatile.Write(ref failureRate, value);
    }

    public void Reset()
    {
        writes.Clear();
        reads.Clear();
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        var isLease = path.Contains("/leases", StringComparison.Ordinal);
        if (!isLease && FailureRate > 0 && Random.Shared.NextDouble() < FailureRate)
        {
            Interlocked.Increment(ref injected);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable)
            {
                RequestMessage = request,
                Content = new StringContent("""{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"ServiceUnavailable","code":503}"""),
            });
        }

        if (!isLease && request.Method != HttpMethod.Get)
        {
            writes.Enqueue($"{request.Method} {path}");
        }
        else if (!isLease && request.RequestUri?.Query.Contains("watch=true", StringComparison.Ordinal) != true)
        {
            reads.Enqueue(path);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
