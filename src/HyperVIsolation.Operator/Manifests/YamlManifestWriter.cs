using System.Text;
using System.Text.Json;
using k8s;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace HyperVIsolation.Operator.Manifests;

/// <summary>
/// Writes an object as a YAML document the way the API server would receive it: the object is
/// first serialized with <c>k8s.KubernetesJson</c> (so names, omitted nulls and numbers match
/// the wire format exactly) and the JSON tree is then emitted as block YAML with LF line
/// endings and a trailing newline. Keys keep the JSON order, so output is deterministic.
/// </summary>
internal static class YamlManifestWriter
{
    private static readonly EmitterSettings Settings = EmitterSettings.Default
        .WithBestIndent(2)
        .WithBestWidth(int.MaxValue)
        .WithIndentedSequences()
        .WithNewLine("\n");

    public static string Write(object value, string headerComment)
    {
        using var json = JsonDocument.Parse(KubernetesJson.Serialize(value));
        return Write(json.RootElement, headerComment);
    }

    public static string Write(JsonElement root, string headerComment)
    {
        var text = new StringBuilder();
        foreach (var line in headerComment.Split('\n'))
        {
            text.Append("# ").Append(line).Append('\n');
        }

        using (var writer = new StringWriter(text) { NewLine = "\n" })
        {
            var emitter = new Emitter(writer, Settings);
            emitter.Emit(new StreamStart());
            emitter.Emit(new DocumentStart());
            EmitNode(emitter, root);
            emitter.Emit(new DocumentEnd(isImplicit: true));
            emitter.Emit(new StreamEnd());
        }

        return text.ToString().ReplaceLineEndings("\n");
    }

    private static void EmitNode(IEmitter emitter, JsonElement node)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                EmitMapping(emitter, node);
                break;
            case JsonValueKind.Array:
                EmitSequence(emitter, node);
                break;
            case JsonValueKind.String:
                EmitString(emitter, node.GetString()!);
                break;
            default:
                // Numbers, booleans and null keep their JSON spelling, which is also valid YAML.
                emitter.Emit(new Scalar(node.GetRawText()));
                break;
        }
    }

    private static void EmitMapping(IEmitter emitter, JsonElement node)
    {
        var empty = !node.EnumerateObject().Any();
        emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, empty ? MappingStyle.Flow : MappingStyle.Block));
        foreach (var property in node.EnumerateObject())
        {
            EmitString(emitter, property.Name);
            EmitNode(emitter, property.Value);
        }

        emitter.Emit(new MappingEnd());
    }

    private static void EmitSequence(IEmitter emitter, JsonElement node)
    {
        var empty = node.GetArrayLength() == 0;
        emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, empty ? SequenceStyle.Flow : SequenceStyle.Block));
        foreach (var item in node.EnumerateArray())
        {
            EmitNode(emitter, item);
        }

        emitter.Emit(new SequenceEnd());
    }

    private static void EmitString(IEmitter emitter, string value)
    {
        var style = YamlPlainScalars.WouldChangeType(value) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, style, isPlainImplicit: true, isQuotedImplicit: true));
    }
}
