using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HyperVIsolation.NodeAgent.Hcs.Schema;

namespace HyperVIsolation.NodeAgent.Hcs;

/// <summary>
/// Turns HCS documents into JSON text and back with the source-generated <see cref="HcsJsonContext"/>.
/// A document that does not parse becomes an <see cref="HcsException"/> with
/// <see cref="HcsErrorCodes.InvalidJson"/>, the same failure HCS itself reports for bad JSON.
/// </summary>
public static class HcsDocumentSerializer
{
    /// <summary>Serializes an HCS document.</summary>
    public static string Serialize<T>(T document, JsonTypeInfo<T> typeInfo) => JsonSerializer.Serialize(document, typeInfo);

    /// <summary>Parses an HCS document; empty text is an error.</summary>
    /// <exception cref="HcsException">The text is not a valid document of that type.</exception>
    public static T Deserialize<T>(string json, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, typeInfo)
                ?? throw new HcsException($"Parse {typeof(T).Name}", HcsErrorCodes.InvalidJson, json);
        }
        catch (JsonException ex)
        {
            throw new HcsException($"Parse {typeof(T).Name} ({ex.Message})", HcsErrorCodes.InvalidJson, json);
        }
    }

    /// <summary>Parses an optional query document: empty or whitespace text means "no filter".</summary>
    public static T? DeserializeOptional<T>(string? json, JsonTypeInfo<T> typeInfo)
        where T : class =>
        string.IsNullOrWhiteSpace(json) ? null : Deserialize(json, typeInfo);
}
