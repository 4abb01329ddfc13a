using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace HyperVIsolation.Operator.Admission.Http;

/// <summary>
/// Reads an AdmissionReview request in one pass over the body. The embedded <c>object</c> and
/// <c>oldObject</c> are not parsed here but kept as slices of the body, so a reviewer deserializes them
/// straight from the bytes that arrived instead of from a cloned <see cref="JsonElement"/>. A property
/// named twice in the envelope is an error (fail closed): a second <c>object</c> or <c>uid</c> must not
/// let one reader see another value than the next. Unknown properties are skipped.
/// </summary>
internal static class AdmissionReviewReader
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 128 };

    /// <summary>
    /// The review, or <see langword="null"/> for a JSON <c>null</c>; throws <see cref="JsonException"/>
    /// for anything that is not a well-formed JSON object of the expected shape.
    /// </summary>
    /// <param name="body">The request body; the embedded objects are slices of it.</param>
    public static AdmissionReviewDocument? Read(ReadOnlyMemory<byte> body)
    {
        var reader = new Utf8JsonReader(body.Span, ReaderOptions);
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            End(ref reader);
            return null;
        }

        var review = ReadReview(ref reader, body);
        End(ref reader);
        return review;
    }

    private static AdmissionReviewDocument ReadReview(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        var review = new AdmissionReviewDocument();
        var seen = new SeenProperties();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("apiVersion"u8))
            {
                seen.Mark(0, ref reader);
                review.ApiVersion = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                seen.Mark(1, ref reader);
                review.Kind = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("request"u8))
            {
                seen.Mark(2, ref reader);
                Next(ref reader);
                review.Request = reader.TokenType == JsonTokenType.Null ? null : ReadRequest(ref reader, body);
            }
            else
            {
                Skip(ref reader);
            }
        }

        return review;
    }

    private static AdmissionRequestDocument ReadRequest(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        var request = new AdmissionRequestDocument();
        var seen = new SeenProperties();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("uid"u8))
            {
                seen.Mark(0, ref reader);
                request.Uid = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                seen.Mark(1, ref reader);
                request.Kind = ReadDocument(ref reader, AdmissionJsonContext.Default.GroupVersionKindDocument);
            }
            else if (reader.ValueTextEquals("resource"u8))
            {
                seen.Mark(2, ref reader);
                request.Resource = ReadDocument(ref reader, AdmissionJsonContext.Default.GroupVersionResourceDocument);
            }
            else if (reader.ValueTextEquals("subResource"u8))
            {
                seen.Mark(3, ref reader);
                request.SubResource = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                seen.Mark(4, ref reader);
                request.Name = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("namespace"u8))
            {
                seen.Mark(5, ref reader);
                request.Namespace = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("operation"u8))
            {
                seen.Mark(6, ref reader);
                request.Operation = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("userInfo"u8))
            {
                seen.Mark(7, ref reader);
                request.UserInfo = ReadDocument(ref reader, AdmissionJsonContext.Default.UserInfoDocument);
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                seen.Mark(8, ref reader);
                request.Object = ReadRaw(ref reader, body);
            }
            else if (reader.ValueTextEquals("oldObject"u8))
            {
                seen.Mark(9, ref reader);
                request.OldObject = ReadRaw(ref reader, body);
            }
            else if (reader.ValueTextEquals("dryRun"u8))
            {
                seen.Mark(10, ref reader);
                request.DryRun = ReadBoolean(ref reader);
            }
            else
            {
                Skip(ref reader);
            }
        }

        return request;
    }

    /// <summary>
    /// The value's bytes in <paramref name="body"/>: the reader reads one segment, so its offsets are the body's.
    /// Not parsed here: the serializer would scan the value again before reading it anyway.
    /// </summary>
    private static ReadOnlyMemory<byte>? ReadRaw(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var start = checked((int)reader.TokenStartIndex);
        reader.Skip();
        return body[start..checked((int)reader.BytesConsumed)];
    }

    private static T? ReadDocument<T>(ref Utf8JsonReader reader, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        Next(ref reader);
        return JsonSerializer.Deserialize(ref reader, typeInfo);
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            _ => throw new JsonException($"Expected a string or null at byte {reader.TokenStartIndex}, got {reader.TokenType}."),
        };
    }

    private static bool? ReadBoolean(ref Utf8JsonReader reader)
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

    /// <summary>Moves to the next property name; false at the end of the object.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    private static void Skip(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        reader.Skip();
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The JSON ends early.");
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"Expected {type} at byte {reader.TokenStartIndex}, got {reader.TokenType}.");
        }
    }

    /// <summary>Nothing but whitespace may follow the review.</summary>
    private static void End(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException($"Unexpected content after the AdmissionReview at byte {reader.TokenStartIndex}.");
        }
    }

    /// <summary>Which of an object's known properties were read, to refuse a second occurrence.</summary>
    private struct SeenProperties
    {
        private int mask;

        public void Mark(int property, ref Utf8JsonReader reader)
        {
            var bit = 1 << property;
            if ((mask & bit) != 0)
            {
                throw new JsonException($"Property '{reader.GetString()}' appears twice.");
            }

            mask |= bit;
        }
    }
}
