using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HyperVIsolation.Bench;

/// <summary>The common shape and place of every benchmark's result files: <c>&lt;benchmark&gt;-&lt;time&gt;.json</c> and its readable twin.</summary>
internal static class BenchmarkResultFile
{
    /// <summary>The machine the numbers come from.</summary>
    public static JsonObject Machine() => new()
    {
        ["processors"] = Environment.ProcessorCount,
        ["os"] = Environment.OSVersion.ToString(),
        ["runtime"] = Environment.Version.ToString(),
    };

    /// <summary>A result document starting with the benchmark's name, the time and the machine; the caller adds the rest.</summary>
    public static JsonObject Start(string benchmark) => new()
    {
        ["benchmark"] = benchmark,
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["machine"] = Machine(),
    };

    /// <summary>Writes <paramref name="json"/> and <paramref name="text"/> (with <paramref name="textExtension"/>) under <paramref name="outputDirectory"/>; returns the JSON path.</summary>
    public static async Task<string> WriteAsync(
        string outputDirectory, string benchmark, JsonObject json, string text, CancellationToken cancellationToken, string textExtension = ".txt")
    {
        Directory.CreateDirectory(outputDirectory);
        var path = Path.Combine(outputDirectory, $"{benchmark}-{DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.json");
        await File.WriteAllTextAsync(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        await File.WriteAllTextAsync(Path.ChangeExtension(path, textExtension), text, cancellationToken);
        return path;
    }
}
