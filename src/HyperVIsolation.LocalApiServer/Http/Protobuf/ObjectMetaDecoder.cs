using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Storage;

namespace HyperVIsolation.LocalApiServer.Http.Protobuf;

/// <summary>Decodes a protobuf <c>ObjectMeta</c> (the fields clients set on create and update).</summary>
public static class ObjectMetaDecoder
{
    /// <summary>Decodes the message to its JSON form.</summary>
    public static JsonObject Decode(ReadOnlyMemory<byte> bytes)
    {
        var metadata = new JsonObject();
        var reader = new ProtobufReader(bytes);
        while (reader.HasMore)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1 or 2 or 3 or 5 or 6 when wire == 2:
                    metadata[Names[field]] = reader.ReadString();
                    break;
                case 7:
                    metadata["generation"] = (long)reader.ReadVarint();
                    break;
                case 8 when wire == 2:
                    metadata["creationTimestamp"] = Time(reader.ReadBytes());
                    break;
                case 11 or 12 when wire == 2:
                    Entry(metadata, field == 11 ? "labels" : "annotations", reader.ReadBytes());
                    break;
                case 14 when wire == 2:
                    var finalizers = metadata["finalizers"] as JsonArray ?? [];
                    finalizers.Add(reader.ReadString());
                    metadata["finalizers"] = finalizers;
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return metadata;
    }

    private static readonly Dictionary<int, string> Names = new()
    {
        [1] = "name",
        [2] = "generateName",
        [3] = "namespace",
        [5] = "uid",
        [6] = "resourceVersion",
    };

    private static string Time(ReadOnlyMemory<byte> bytes)
    {
        var reader = new ProtobufReader(bytes);
        long seconds = 0;
        while (reader.HasMore)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1)
            {
                seconds = (long)reader.ReadVarint();
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return ObjectMetadata.Timestamp(DateTimeOffset.FromUnixTimeSeconds(seconds));
    }

    private static void Entry(JsonObject metadata, string property, ReadOnlyMemory<byte> entry)
    {
        var reader = new ProtobufReader(entry);
        string key = string.Empty, value = string.Empty;
        while (reader.HasMore)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1)
            {
                key = reader.ReadString();
            }
            else if (field == 2)
            {
                value = reader.ReadString();
            }
            else
            {
                reader.Skip(wire);
            }
        }

        var map = metadata[property] as JsonObject ?? [];
        map[key] = value;
        metadata[property] = map;
    }
}
