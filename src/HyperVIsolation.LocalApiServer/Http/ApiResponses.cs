using System.Text.Json;
using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>Writes JSON bodies, <c>Status</c> errors and <c>Warning</c> headers.</summary>
public static class ApiResponses
{
    /// <summary>JSON output options: no HTML-escaping of quotes and angle brackets, as Go's encoder.</summary>
    public static JsonSerializerOptions Output => StoredObject.SerializerOptions;

    /// <summary>Writes <paramref name="body"/> as JSON with the given status code and warnings.</summary>
    public static Task WriteJsonAsync(HttpContext context, int code, JsonNode body, IEnumerable<string>? warnings = null) =>
        WriteJsonAsync(context, code, StoredObject.Serialize(body), warnings);

    /// <summary>Writes JSON that is already serialised (a stored object's cached bytes).</summary>
    public static async Task WriteJsonAsync(HttpContext context, int code, byte[] json, IEnumerable<string>? warnings = null)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        foreach (var warning in warnings ?? [])
        {
            context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }

        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted);
    }

    /// <summary>Writes an error as a <c>Status</c> object.</summary>
    public static async Task WriteErrorAsync(HttpContext context, ApiException error)
    {
        if (!error.PlainText)
        {
            await WriteJsonAsync(context, error.Code, error.ToStatus());
            return;
        }

        // Go's http.NotFound: the message and a newline, as text.
        context.Response.StatusCode = error.Code;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        await context.Response.WriteAsync(error.Message + "\n", context.RequestAborted);
    }

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
