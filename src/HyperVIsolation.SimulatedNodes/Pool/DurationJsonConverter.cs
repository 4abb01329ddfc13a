using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using HyperVIsolation.Api.Text;

namespace HyperVIsolation.SimulatedNodes.Pool;

/// <summary>
/// Reads durations the way Kubernetes configs write them (<c>500ms</c>, <c>2s</c>, <c>1m</c>, <c>1h</c>),
/// a .NET <c>00:00:02</c> string, or a number of seconds; writes the .NET form.
/// </summary>
public sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    /// <inheritdoc />
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return TimeSpan.FromSeconds(reader.GetDouble());
        }

        var text = reader.GetString();
        return TryParse(text, out var value) ? value : throw new JsonException($"'{text}' is not a duration (use 500ms, 2s, 1m or 00:00:02).");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString("c", CultureInfo.InvariantCulture));
    }

    /// <summary>Parses one duration text (see <see cref="GoDuration"/>).</summary>
    public static bool TryParse(string? text, out TimeSpan value) => GoDuration.TryParse(text, out value);
}
