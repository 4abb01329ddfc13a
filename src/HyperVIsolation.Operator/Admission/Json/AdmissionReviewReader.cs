using System.Text.Json;
using HyperVIsolation.Operator.Admission.Pods;
using HyperVIsolation.Operator.Admission.Review;
using static HyperVIsolation.Operator.Admission.Json.StrictJsonReads;

namespace HyperVIsolation.Operator.Admission.Json;

/// <summary>
/// Reads an AdmissionReview request in one pass over the body. The embedded <c>object</c> and <c>oldObject</c> are
/// kept as slices of the body; for the pod endpoints they are also read as pods in that same pass
/// (<see cref="AdmissionPodReader"/>), so the pod's bytes are scanned once. A pod that cannot be read does not fail
/// the envelope: the error is kept for the reviewer, which answers it with a 400 denial only when it needs the pod.
/// A property named twice in the envelope is an error (fail closed): a second <c>object</c> or <c>uid</c> must not
/// let one reader see another value than the next. Unknown properties are skipped. This is the one entry to the JSON
/// machinery of this folder: the rest of admission sees only its documents and <see cref="AdmissionPod"/>s.
/// </summary>
/// <param name="recurring">Where strings and quantities that recur across reviews are kept.</param>
internal sealed class AdmissionReviewReader(RecurringValues recurring)
{
    /// <summary>
    /// The review, or <see langword="null"/> for a JSON <c>null</c>; throws <see cref="JsonException"/>
    /// for anything that is not a well-formed JSON object of the expected shape.
    /// </summary>
    /// <param name="body">The request body; the embedded objects are slices of it.</param>
    /// <param name="readPods">Whether to read <c>object</c> and <c>oldObject</c> as pods while passing over them.</param>
    public AdmissionReviewDocument? Read(ReadOnlyMemory<byte> body, bool readPods = false)
    {
        var reader = new AdmissionJsonReader(body.Span, recurring);
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            End(ref reader);
            return null;
        }

        var review = ReadReview(ref reader, body, readPods);
        End(ref reader);
        return review;
    }

    private static AdmissionReviewDocument ReadReview(ref AdmissionJsonReader reader, ReadOnlyMemory<byte> body, bool readPods)
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
                review.Request = NextObjectOrNull(ref reader) ? ReadRequest(ref reader, body, readPods) : null;
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return review;
    }

    private static AdmissionRequestDocument ReadRequest(ref AdmissionJsonReader reader, ReadOnlyMemory<byte> body, bool readPods)
    {
        var request = new AdmissionRequestDocument();
        var seen = new SeenProperties();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("uid"u8))
            {
                seen.Mark(0, ref reader);
                request.Uid = ReadUniqueString(ref reader);
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                seen.Mark(1, ref reader);
                request.Kind = NextObjectOrNull(ref reader) ? ReadKind(ref reader) : null;
            }
            else if (reader.ValueTextEquals("resource"u8))
            {
                seen.Mark(2, ref reader);
                request.Resource = NextObjectOrNull(ref reader) ? ReadResource(ref reader) : null;
            }
            else if (reader.ValueTextEquals("subResource"u8))
            {
                seen.Mark(3, ref reader);
                request.SubResource = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                seen.Mark(4, ref reader);
                request.Name = ReadUniqueString(ref reader);
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
                request.UserInfo = NextObjectOrNull(ref reader) ? ReadUserInfo(ref reader) : null;
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                seen.Mark(8, ref reader);
                (request.Object, request.ObjectPod) = ReadEmbedded(ref reader, body, readPods);
            }
            else if (reader.ValueTextEquals("oldObject"u8))
            {
                seen.Mark(9, ref reader);
                (request.OldObject, request.OldObjectPod) = ReadEmbedded(ref reader, body, readPods);
            }
            else if (reader.ValueTextEquals("dryRun"u8))
            {
                seen.Mark(10, ref reader);
                request.DryRun = ReadBoolean(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return request;
    }

    /// <summary>
    /// The value's bytes in <paramref name="body"/> (the reader's offsets are the body's), and, when asked and the
    /// value is an object, the pod read from it. The pod is read on a copy of the reader: when it cannot be read, the
    /// copy is dropped and the original skips the value. Whoever reads the bytes later validates them.
    /// </summary>
    private static (ReadOnlyMemory<byte>? Raw, EmbeddedPod? Pod) ReadEmbedded(ref AdmissionJsonReader reader, ReadOnlyMemory<byte> body, bool readPod)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return (null, null);
        }

        var start = checked((int)reader.TokenStartIndex);
        EmbeddedPod? pod = null;
        if (readPod && reader.TokenType == JsonTokenType.StartObject)
        {
            var attempt = reader;
            pod = EmbeddedPod.Read(ref attempt);
            if (pod.Pod is not null)
            {
                reader = attempt;
            }
            else
            {
                reader.Skip();
            }
        }
        else
        {
            reader.Skip();
        }

        return (body[start..checked((int)reader.BytesConsumed)], pod);
    }

    private static GroupVersionKindDocument ReadKind(ref AdmissionJsonReader reader)
    {
        var kind = new GroupVersionKindDocument();
        var seen = new SeenProperties();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("group"u8))
            {
                seen.Mark(0, ref reader);
                kind.Group = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("version"u8))
            {
                seen.Mark(1, ref reader);
                kind.Version = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                seen.Mark(2, ref reader);
                kind.Kind = ReadString(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return kind;
    }

    private static GroupVersionResourceDocument ReadResource(ref AdmissionJsonReader reader)
    {
        var resource = new GroupVersionResourceDocument();
        var seen = new SeenProperties();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("group"u8))
            {
                seen.Mark(0, ref reader);
                resource.Group = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("version"u8))
            {
                seen.Mark(1, ref reader);
                resource.Version = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("resource"u8))
            {
                seen.Mark(2, ref reader);
                resource.Resource = ReadString(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return resource;
    }

    private static UserInfoDocument ReadUserInfo(ref AdmissionJsonReader reader)
    {
        var user = new UserInfoDocument();
        var seen = new SeenProperties();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("username"u8))
            {
                seen.Mark(0, ref reader);
                user.Username = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("groups"u8))
            {
                seen.Mark(1, ref reader);
                user.Groups = ReadStrings(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return user;
    }

    private static List<string?>? ReadStrings(ref AdmissionJsonReader reader)
    {
        if (!NextArrayOrNull(ref reader))
        {
            return null;
        }

        var values = new List<string?>();
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return values;
            }

            values.Add(CurrentString(ref reader));
        }
    }

    /// <summary>Nothing but whitespace may follow the review.</summary>
    private static void End(ref AdmissionJsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException($"Unexpected content after the AdmissionReview at byte {reader.TokenStartIndex}.");
        }
    }
}
