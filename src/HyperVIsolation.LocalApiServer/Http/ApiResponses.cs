using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using Microsoft.AspNetCore.Http;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>Writes JSON bodies, <c>Status</c> errors and <c>Warning</c> headers.</summary>
public static class ApiResponses
{
    /// <summary>JSON output options: no HTML-escaping of quotes and angle brackets, as Go's encoder.</summary>
    public static JsonSerializerOptions Output { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="body"/> as JSON with the given status code and warnings.</summary>
    public static async Task WriteJsonAsync(HttpContext context, int code, JsonNode body, IEnumerable<string>? warnings = null)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        foreach (var warning in warnings ?? [])
        {
            context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }

        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(Output));
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    /// <summary>Writes an error as a <c>Status</c> object.</summary>
    public static Task WriteErrorAsync(HttpContext context, ApiException error) =>
        WriteJsonAsync(context, error.Code, error.ToStatus());

    /// <summary>A <c>Status</c> of success, as returned by deletes of most kinds.</summary>
    public static JsonObject Success(string group, string plural, string name, string uid) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = plural, ["uid"] = uid },
    };
}
