using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;

namespace HyperVIsolation.LocalApiServer.Http.Protobuf;

/// <summary>
/// Decodes the <c>application/vnd.kubernetes.protobuf</c> bodies that client-go's typed clients send
/// for the kinds they create that way here (<c>kubectl create configmap|secret|namespace</c>, Helm's
/// release Secrets, <c>kubectl create token</c>): the <c>k8s\0</c> envelope, ObjectMeta, ConfigMap, Secret, Namespace
/// and TokenRequest.
/// Other kinds answer 415 as before.
/// </summary>
public static class KubernetesProtobufDecoder
{
    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    /// <summary>Decodes an enveloped object to JSON.</summary>
    public static JsonObject Decode(ReadOnlyMemory<byte> body)
    {
        if (body.Length < 4 || !body.Span[..4].SequenceEqual(Magic))
        {
            throw ApiErrors.BadRequest("protobuf body without the k8s envelope");
        }

        var envelope = new ProtobufReader(body[4..]);
        string apiVersion = string.Empty, kind = string.Empty;
        var raw = ReadOnlyMemory<byte>.Empty;
        while (envelope.HasMore)
        {
            var (field, wire) = envelope.ReadTag();
            switch (field)
            {
                case 1:
                    (apiVersion, kind) = TypeMeta(envelope.ReadBytes());
                    break;
                case 2:
                    raw = envelope.ReadBytes();
                    break;
                default:
                    envelope.Skip(wire);
                    break;
            }
        }

        var obj = kind switch
        {
            "ConfigMap" => ConfigMap(raw),
            "Secret" => Secret(raw),
            "Namespace" => WithMetadataOnly(raw),
            "DeleteOptions" => DeleteOptions(raw),
            "TokenRequest" => TokenRequest(raw),
            _ => throw ApiErrors.UnsupportedMediaType($"application/vnd.kubernetes.protobuf ({kind})"),
        };
        obj["apiVersion"] = apiVersion;
        obj["kind"] = kind;
        return obj;
    }

    private static (string, string) TypeMeta(ReadOnlyMemory<byte> bytes)
    {
        var reader = new ProtobufReader(bytes);
        string apiVersion = string.Empty, kind = string.Empty;
        while (reader.HasMore)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1 && wire == 2)
            {
                apiVersion = reader.ReadString();
            }
            else if (field == 2 && wire == 2)
            {
                kind = reader.ReadString();
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return (apiVersion, kind);
    }

    private static JsonObject ConfigMap(ReadOnlyMemory<byte> raw) => Message(raw, (obj, field, reader) =>
    {
        switch (field)
        {
            case 2:
                MapEntry(obj, "data", reader.ReadBytes(), base64: false);
                return true;
            case 3:
                MapEntry(obj, "binaryData", reader.ReadBytes(), base64: true);
                return true;
            case 4:
                obj["immutable"] = reader.ReadVarint() != 0;
                return true;
            default:
                return false;
        }
    });

    private static JsonObject Secret(ReadOnlyMemory<byte> raw) => Message(raw, (obj, field, reader) =>
    {
        switch (field)
        {
            case 2:
                MapEntry(obj, "data", reader.ReadBytes(), base64: true);
                return true;
            case 3:
                obj["type"] = reader.ReadString();
                return true;
            case 4:
                MapEntry(obj, "stringData", reader.ReadBytes(), base64: false);
                return true;
            case 5:
                obj["immutable"] = reader.ReadVarint() != 0;
                return true;
            default:
                return false;
        }
    });

    private static JsonObject DeleteOptions(ReadOnlyMemory<byte> raw)
    {
        var obj = new JsonObject();
        var reader = new ProtobufReader(raw);
        while (reader.HasMore)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 4 && wire == 2)
            {
                obj["propagationPolicy"] = reader.ReadString();
            }
            else if (field == 2 && wire == 2)
            {
                var preconditions = new ProtobufReader(reader.ReadBytes());
                var result = new JsonObject();
                while (preconditions.HasMore)
                {
                    var (inner, innerWire) = preconditions.ReadTag();
                    if (inner is 1 or 2 && innerWire == 2)
                    {
                        result[inner == 1 ? "uid" : "resourceVersion"] = preconditions.ReadString();
                    }
                    else
                    {
                        preconditions.Skip(innerWire);
                    }
                }

                obj["preconditions"] = result;
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return obj;
    }

    // k8s.io/api/authentication/v1: TokenRequest.spec = 2; TokenRequestSpec audiences = 1, boundObjectRef = 3,
    // expirationSeconds = 4; BoundObjectReference kind = 1, apiVersion = 2, name = 3, uid = 4.
    private static JsonObject TokenRequest(ReadOnlyMemory<byte> raw) => Message(raw, (obj, field, reader) =>
    {
        if (field != 2)
        {
            return false;
        }

        var spec = new JsonObject();
        var specReader = new ProtobufReader(reader.ReadBytes());
        while (specReader.HasMore)
        {
            var (specField, wire) = specReader.ReadTag();
            switch (specField)
            {
                case 1:
                    var audiences = spec["audiences"] as JsonArray ?? [];
                    audiences.Add(specReader.ReadString());
                    spec["audiences"] = audiences;
                    break;
                case 3:
                    spec["boundObjectRef"] = Strings(specReader.ReadBytes(), "kind", "apiVersion", "name", "uid");
                    break;
                case 4:
                    spec["expirationSeconds"] = (long)specReader.ReadVarint();
                    break;
                default:
                    specReader.Skip(wire);
                    break;
            }
        }

        obj["spec"] = spec;
        return true;
    });

    // A message whose fields 1..n are the named strings.
    private static JsonObject Strings(ReadOnlyMemory<byte> raw, params string[] names)
    {
        var obj = new JsonObject();
        var reader = new ProtobufReader(raw);
        while (reader.HasMore)
        {
            var (field, wire) = reader.ReadTag();
            if (wire == 2 && field >= 1 && field <= names.Length)
            {
                obj[names[field - 1]] = reader.ReadString();
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return obj;
    }

    private static JsonObject WithMetadataOnly(ReadOnlyMemory<byte> raw) => Message(raw, (_, _, _) => false);

    // Field 1 is ObjectMeta in every top-level kind; `body` handles the rest and says whether it consumed the field.
    private static JsonObject Message(ReadOnlyMemory<byte> raw, Func<JsonObject, int, ProtobufReader, bool> body)
    {
        var obj = new JsonObject();
        var reader = new ProtobufReader(raw);
        while (reader.HasMore)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1 && wire == 2)
            {
                obj["metadata"] = ObjectMetaDecoder.Decode(reader.ReadBytes());
            }
            else if (!body(obj, field, reader))
            {
                reader.Skip(wire);
            }
        }

        return obj;
    }

    private static void MapEntry(JsonObject owner, string property, ReadOnlyMemory<byte> entry, bool base64)
    {
        var reader = new ProtobufReader(entry);
        string key = string.Empty;
        JsonNode? value = string.Empty;
        while (reader.HasMore)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1)
            {
                key = reader.ReadString();
            }
            else if (field == 2)
            {
                value = base64 ? Convert.ToBase64String(reader.ReadBytes().Span) : reader.ReadString();
            }
            else
            {
                reader.Skip(wire);
            }
        }

        var map = owner[property] as JsonObject ?? [];
        map[key] = value;
        owner[property] = map;
    }
}
