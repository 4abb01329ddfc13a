using System.Globalization;
using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>Reads <c>DeleteOptions</c> from the query and the body (JSON or protobuf).</summary>
public static class DeleteOptionsReader
{
    /// <summary>Propagation policy, preconditions and grace period of a DELETE.</summary>
    public static async Task<DeleteRequest> ReadAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var policy = context.Request.Query["propagationPolicy"].ToString();
        JsonNode? body = null;
        if (RequestBodyReader.MediaType(context.Request) == "application/vnd.kubernetes.protobuf")
        {
            body = await RequestBodyReader.ReadObjectAsync(context.Request, context.RequestAborted);
        }
        else if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted);
            body = string.IsNullOrWhiteSpace(text) ? null : Parse(text);
        }

        var bodyPolicy = body?["propagationPolicy"]?.ToString();
        var grace = Long(body?["gracePeriodSeconds"]) ?? Long(context.Request.Query["gracePeriodSeconds"].ToString());
        return new DeleteRequest(
            string.IsNullOrEmpty(bodyPolicy) ? (string.IsNullOrEmpty(policy) ? null : policy) : bodyPolicy,
            body?["preconditions"]?["uid"]?.ToString(),
            body?["preconditions"]?["resourceVersion"]?.ToString())
        {
            GracePeriodSeconds = grace,
        };
    }

    private static long? Long(JsonNode? node) => node is null ? null : Long(node.ToString());

    private static long? Long(string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static JsonNode? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw ApiErrors.BadRequest($"couldn't get version/kind; json parse error: {e.Message}");
        }
    }
}
