using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Storage;

/// <summary>
/// One stored version of an object: the materialised tree (never mutated once stored), its identity,
/// and its UTF-8 JSON and labels, computed on first use and shared by every reader after that.
/// </summary>
public sealed class StoredObject
{
    private byte[]? json;
    private Dictionary<string, string>? labels;

    /// <summary>Wraps <paramref name="obj"/>, which the caller hands over and must not touch again.</summary>
    internal StoredObject(JsonObject obj)
    {
        JsonTreeMaterializer.Materialize(obj);
        Object = obj;
        Namespace = ObjectMetadata.Namespace(obj);
        Name = ObjectMetadata.Name(obj);
        ResourceVersion = long.TryParse(ObjectMetadata.Text(obj, "resourceVersion"), CultureInfo.InvariantCulture, out var version) ? version : 0;
        ApiVersion = Text(obj, "apiVersion");
        Kind = Text(obj, "kind");
    }

    /// <summary>JSON output options: no HTML-escaping of quotes and angle brackets, as Go's encoder.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The object; shared between threads, so read it only (clone before changing anything).</summary>
    public JsonObject Object { get; }

    /// <summary>Namespace, empty for cluster-scoped objects.</summary>
    public string Namespace { get; }

    /// <summary>Object name.</summary>
    public string Name { get; }

    /// <summary>The object's resource version.</summary>
    public long ResourceVersion { get; }

    /// <summary>The stored apiVersion, or null.</summary>
    public string? ApiVersion { get; }

    /// <summary>The stored kind, or null.</summary>
    public string? Kind { get; }

    /// <summary>The object as UTF-8 JSON, serialised once.</summary>
    public byte[] Json
    {
        get
        {
            // Two first readers may both serialise; they produce the same bytes and one copy wins.
            return Volatile.Read(ref json) ?? Interlocked.CompareExchange(ref json, Serialize(Object), null) ?? json!;
        }
    }

    /// <summary>The object's labels, read once.</summary>
    public IReadOnlyDictionary<string, string> Labels
    {
        get
        {
            return Volatile.Read(ref labels) ?? Interlocked.CompareExchange(ref labels, ReadLabels(Object), null) ?? labels!;
        }
    }

    /// <summary>Serialises any node with <see cref="SerializerOptions"/> straight to UTF-8.</summary>
    public static byte[] Serialize(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = SerializerOptions.Encoder, SkipValidation = true }))
        {
            node.WriteTo(writer, SerializerOptions);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static Dictionary<string, string> ReadLabels(JsonObject obj)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"]?["labels"] is JsonObject labelObject)
        {
            foreach (var (key, value) in labelObject)
            {
                result[key] = value?.ToString() ?? string.Empty;
            }
        }

        return result;
    }

    private static string? Text(JsonObject obj, string field) =>
        obj[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
