using System.Text.Json;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Json;

/// <summary>
/// The token reads the hand-written admission readers share. Every value must have the JSON type its field has
/// (a string where a string belongs, never a number or a boolean for it), as with the serializer's strict options;
/// anything else throws a <see cref="JsonException"/> naming the byte, which the caller turns into a 400.
/// </summary>
internal static class StrictJsonReads
{
    /// <summary>Reads the next token; the JSON must not end here.</summary>
    public static void Next(ref AdmissionJsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The JSON ends early.");
        }
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    public static bool NextProperty(ref AdmissionJsonReader reader)
    {
        Next(ref reader);
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Skips the value of the current property; an object or array is passed over without reading it (<see cref="AdmissionJsonReader.Skip"/>).</summary>
    public static void SkipValue(ref AdmissionJsonReader reader)
    {
        Next(ref reader);
        reader.Skip();
    }

    /// <summary>Throws unless the current token is <paramref name="type"/>.</summary>
    public static void Expect(ref AdmissionJsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"Expected {type} at byte {reader.TokenStartIndex}, got {reader.TokenType}.");
        }
    }

    /// <summary>Moves to the value of the current property: true for an object, false for <c>null</c>; throws otherwise.</summary>
    public static bool NextObjectOrNull(ref AdmissionJsonReader reader) => NextContainerOrNull(ref reader, JsonTokenType.StartObject);

    /// <summary>Moves to the value of the current property: true for an array, false for <c>null</c>; throws otherwise.</summary>
    public static bool NextArrayOrNull(ref AdmissionJsonReader reader) => NextContainerOrNull(ref reader, JsonTokenType.StartArray);

    /// <summary>Moves to the next element of the current array of objects: true on an object or <c>null</c>, false at the end.</summary>
    public static bool NextObjectOrNullElement(ref AdmissionJsonReader reader)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return false;
        }

        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.Null))
        {
            throw new JsonException($"Expected an object or null at byte {reader.TokenStartIndex}, got {reader.TokenType}.");
        }

        return true;
    }

    /// <summary>The next value as a string, or <see langword="null"/> for <c>null</c>; for values that recur across requests.</summary>
    public static string? ReadString(ref AdmissionJsonReader reader)
    {
        Next(ref reader);
        return CurrentString(ref reader);
    }

    /// <summary>The next value as a string, or <see langword="null"/> for <c>null</c>; for values unique to a request (uids, names).</summary>
    public static string? ReadUniqueString(ref AdmissionJsonReader reader)
    {
        Next(ref reader);
        return CurrentString(ref reader, intern: false);
    }

    /// <summary>The current token as a string, or <see langword="null"/> for <c>null</c>.</summary>
    public static string? CurrentString(ref AdmissionJsonReader reader, bool intern = true) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => intern ? reader.GetInternedString() : reader.GetString(),
        _ => throw new JsonException($"Expected a string or null at byte {reader.TokenStartIndex}, got {reader.TokenType}."),
    };

    /// <summary>The next value as a boolean, or <see langword="null"/> for <c>null</c>.</summary>
    public static bool? ReadBoolean(ref AdmissionJsonReader reader)
    {
        Next(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw new JsonException($"Expected a boolean or null at byte {reader.TokenStartIndex}, got {reader.TokenType}."),
        };
    }

    /// <summary>The next value as a whole number, or <see langword="null"/> for <c>null</c>.</summary>
    public static long? ReadInt64(ref AdmissionJsonReader reader)
    {
        Next(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.Number when reader.TryGetInt64(out var value) => value,
            _ => throw new JsonException($"Expected a whole number or null at byte {reader.TokenStartIndex}, got {reader.TokenType}."),
        };
    }

    /// <summary>A string map such as labels; a key given twice is an error (fail closed), values may be <c>null</c>.</summary>
    public static Dictionary<string, string>? ReadStringMap(ref AdmissionJsonReader reader)
    {
        if (!NextObjectOrNull(ref reader))
        {
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (NextProperty(ref reader))
        {
            var key = reader.GetInternedString()!;
            if (!map.TryAdd(key, ReadString(ref reader)!))
            {
                throw DuplicateKey(key);
            }
        }

        return map;
    }

    /// <summary>A resource map such as limits: quantities as strings or numbers, like the client's converter.</summary>
    public static Dictionary<string, ResourceQuantity>? ReadQuantityMap(ref AdmissionJsonReader reader)
    {
        if (!NextObjectOrNull(ref reader))
        {
            return null;
        }

        var map = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal);
        while (NextProperty(ref reader))
        {
            var key = reader.GetInternedString()!;
            Next(ref reader);
            var quantity = reader.TokenType switch
            {
                JsonTokenType.Null => null,
                JsonTokenType.String => reader.GetQuantity(reader.GetInternedString()!),
                JsonTokenType.Number => reader.GetQuantity(System.Text.Encoding.UTF8.GetString(reader.ValueSpan)),
                _ => throw new JsonException($"Expected a quantity at byte {reader.TokenStartIndex}, got {reader.TokenType}."),
            };
            if (!map.TryAdd(key, quantity!))
            {
                throw DuplicateKey(key);
            }
        }

        return map;
    }

    /// <summary>The error for a property or map key named twice.</summary>
    public static JsonException DuplicateKey(string name) => new($"Property '{name}' appears twice.");

    private static bool NextContainerOrNull(ref AdmissionJsonReader reader, JsonTokenType start)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        Expect(ref reader, start);
        return true;
    }
}
