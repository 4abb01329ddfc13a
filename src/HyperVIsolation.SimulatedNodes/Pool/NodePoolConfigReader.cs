using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HyperVIsolation.SimulatedNodes.Pool;

/// <summary>
/// Reads a <see cref="NodePoolConfig"/> from YAML or JSON (JSON is YAML, but is read directly to keep
/// its error positions). YAML is turned into JSON first so both share one set of converters; keys are
/// camelCase and unknown keys are errors, so a typo never silently falls back to a default.
/// </summary>
public static class NodePoolConfigReader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new LenientStringJsonConverter() },
    };

    /// <summary>Reads and validates a file.</summary>
    /// <exception cref="NodePoolConfigException">The file is malformed or invalid; the message lists every problem.</exception>
    public static async Task<NodePoolConfig> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(await File.ReadAllTextAsync(path, cancellationToken));
    }

    /// <summary>Parses and validates YAML or JSON text.</summary>
    /// <exception cref="NodePoolConfigException">The text is malformed or invalid; the message lists every problem.</exception>
    public static NodePoolConfig Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        NodePoolConfig? config;
        try
        {
            var json = text.TrimStart().StartsWith('{') ? JsonNode.Parse(text, documentOptions: new() { CommentHandling = JsonCommentHandling.Skip }) : YamlToJson(text);
            config = json?.Deserialize<NodePoolConfig>(Options);
        }
        catch (Exception e) when (e is JsonException or YamlException or FormatException)
        {
            throw new NodePoolConfigException([$"The node pool config cannot be read: {e.Message}"]);
        }

        config ??= new NodePoolConfig();
        var errors = NodePoolConfigValidator.Validate(config);
        return errors.Count == 0 ? config : throw new NodePoolConfigException(errors);
    }

    private static JsonNode? YamlToJson(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value ?? string.Empty, Convert(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new FormatException($"Unsupported YAML node at {node.Start}."),
    };

    // Plain scalars follow YAML 1.2 core types: numbers, booleans and null; quoted ones stay strings.
    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return JsonValue.Create(value);
        }

        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(bool.Parse(value));
        }

        return long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? JsonValue.Create(number)
            : JsonValue.Create(value);
    }
}
