using System.Text.Json;
using HyperVIsolation.LocalApiServer.Resources;
using HyperVIsolation.LocalApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>
/// Streams a list answer to the response body: the envelope written once, each item as its stored
/// JSON bytes, so a list never rebuilds or re-serialises the objects it returns.
/// </summary>
public static class ListResponseWriter
{
    // Hand buffered output to the transport every so often instead of holding the whole list.
    private const int FlushThreshold = 32 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = StoredObject.SerializerOptions.Encoder, SkipValidation = true };

    /// <summary>Writes <paramref name="page"/> as a <c>&lt;Kind&gt;List</c> of the requested version.</summary>
    public static async Task WriteAsync(HttpContext context, ResourceDefinition resource, ListPage page)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var body = context.Response.BodyWriter;
        await using var writer = new Utf8JsonWriter(body, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("kind", resource.ListKind);
        writer.WriteString("apiVersion", resource.GroupVersion);
        WriteMetadata(writer, page);
        writer.WriteStartArray("items");
        foreach (var item in page.Items)
        {
            writer.WriteRawValue(ResponseShaper.Json(resource, item), skipInputValidation: true);
            if (writer.BytesPending >= FlushThreshold)
            {
                await writer.FlushAsync(context.RequestAborted);
                await body.FlushAsync(context.RequestAborted);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
        await body.FlushAsync(context.RequestAborted);
    }

    private static void WriteMetadata(Utf8JsonWriter writer, ListPage page)
    {
        writer.WriteStartObject("metadata");
        writer.WriteString("resourceVersion", page.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (page.Continue is not null)
        {
            writer.WriteString("continue", page.Continue);
            if (page.RemainingItemCount is { } remaining)
            {
                writer.WriteNumber("remainingItemCount", remaining);
            }
        }

        writer.WriteEndObject();
    }
}
