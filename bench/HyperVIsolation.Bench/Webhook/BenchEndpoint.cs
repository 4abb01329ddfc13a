namespace HyperVIsolation.Bench.Webhook;

/// <summary>One HTTPS endpoint under load and the body posted to it.</summary>
/// <param name="Name">Name in the results.</param>
/// <param name="Client">A client whose connections go to the endpoint's server.</param>
/// <param name="Path">The path posted to.</param>
/// <param name="Body">The request body (an AdmissionReview).</param>
internal sealed record BenchEndpoint(string Name, HttpClient Client, string Path, byte[] Body)
{
    /// <summary>Posts the body once; true when the answer is 200.</summary>
    public async Task<bool> PostAsync(CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(Body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await Client.PostAsync(Path, content, cancellationToken).ConfigureAwait(false);
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        return response.StatusCode == System.Net.HttpStatusCode.OK;
    }
}
