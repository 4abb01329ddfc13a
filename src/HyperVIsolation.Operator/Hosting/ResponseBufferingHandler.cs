namespace HyperVIsolation.Operator.Hosting;

/// <summary>
/// Reads every response body except a watch's into memory asynchronously before KubernetesClient sees it.
/// The client asks for responses as soon as their headers arrive and then deserializes the body with a
/// synchronous read of the network stream, which blocks a thread-pool thread for as long as the API server
/// takes to send the body (bench/README.md has what that cost under load).
/// Watches are left streaming: their bodies never end.
/// </summary>
public sealed class ResponseBufferingHandler : DelegatingHandler
{
    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!IsWatch(request.RequestUri))
        {
            try
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        return response;
    }

    /// <summary>
    /// Whether the request is a watch: <c>watch=true</c> (or <c>1</c>) in the query, which is how KubernetesClient
    /// asks for one (it never uses the deprecated <c>/watch/</c> paths).
    /// </summary>
    internal static bool IsWatch(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri)
        {
            return false;
        }

        foreach (var part in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Equals("watch=true", StringComparison.OrdinalIgnoreCase) || part.Equals("watch=1", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
