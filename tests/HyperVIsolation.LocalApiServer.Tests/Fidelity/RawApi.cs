using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Tests.Fidelity;

/// <summary>Raw HTTP against the local API server, for asserting exact codes, bodies and headers.</summary>
internal sealed class RawApi(ApiServerFixture fixture)
{
    public async Task<RawAnswer> SendAsync(string method, string path, string? body = null, string contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(fixture.Server.BaseUri, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Server.Token);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await fixture.Client.HttpClient.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new RawAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? string.Empty, text);
    }
}

/// <summary>One raw answer.</summary>
internal sealed record RawAnswer(int Code, string ContentType, string Body)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
}
