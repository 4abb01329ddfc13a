using System.Text.Json;
using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using Microsoft.AspNetCore.Http;
using YamlDotNet.Core;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>Reads request bodies as JSON (or YAML), with kube-apiserver's 400/415 answers.</summary>
public static class RequestBodyReader
{
    /// <summary>Media type of the request without parameters, lower-case.</summary>
    public static string MediaType(HttpRequest request) =>
        (request.ContentType ?? "application/json").Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>Reads the body of a create or update as a JSON object.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var mediaType = MediaType(request);
        if (mediaType == "application/vnd.kubernetes.protobuf")
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            return Protobuf.KubernetesProtobufDecoder.Decode(buffer.ToArray());
        }

        if (mediaType is not ("application/json" or "application/yaml" or "*/*"))
        {
            throw ApiErrors.UnsupportedMediaType(mediaType);
        }

        var node = await ReadNodeAsync(request, mediaType == "application/yaml", cancellationToken);
        return node as JsonObject ?? throw ApiErrors.BadRequest("Object 'Kind' is missing in the request body");
    }

    /// <summary>Reads a body as JSON, or YAML when <paramref name="yaml"/> is set.</summary>
    public static async Task<JsonNode?> ReadNodeAsync(HttpRequest request, bool yaml, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ApiErrors.BadRequest("the body of the request is empty");
        }

        try
        {
            return yaml ? YamlToJson.Convert(text) : JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest($"couldn't get version/kind; json parse error: {e.Message}");
        }
        catch (YamlException e)
        {
            throw ApiErrors.BadRequest($"error converting YAML to JSON: {e.Message}");
        }
    }
}
