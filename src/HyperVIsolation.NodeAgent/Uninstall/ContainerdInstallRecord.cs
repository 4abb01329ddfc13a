using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HyperVIsolation.NodeAgent.Uninstall;

/// <summary>
/// What the agent keeps beside containerd's <c>config.toml</c> so that uninstall can give the file back byte for
/// byte: the file's bytes before the agent first changed it, and a hash of what the agent last wrote (a file that no
/// longer matches it was edited by someone else since, and restoring the original would lose that edit).
/// </summary>
/// <param name="OriginalConfig">The main file's bytes before the agent's first write.</param>
/// <param name="WrittenSha256">SHA-256 (hex) of the bytes the agent last wrote to the main file.</param>
public sealed record ContainerdInstallRecord(
    [property: JsonPropertyName("originalConfig")] byte[] OriginalConfig,
    [property: JsonPropertyName("writtenSha256")] string WrittenSha256)
{
    /// <summary>The record's file name, beside the main file.</summary>
    public const string FileName = "hyperv-isolation-install.json";

    /// <summary>The record's path for the main file <paramref name="configPath"/>.</summary>
    public static string PathFor(string configPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath)) ?? ".", FileName);

    /// <summary>SHA-256 of <paramref name="bytes"/>, as the record stores it.</summary>
    public static string Hash(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    /// <summary>Whether <paramref name="bytes"/> are what the agent last wrote.</summary>
    public bool Wrote(byte[] bytes) => string.Equals(Hash(bytes), WrittenSha256, StringComparison.OrdinalIgnoreCase);

    /// <summary>The record kept for <paramref name="configPath"/>, or <see langword="null"/> when there is none or it cannot be read.</summary>
    public static async Task<ContainerdInstallRecord?> ReadAsync(string configPath, CancellationToken cancellationToken)
    {
        var path = PathFor(configPath);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var record = JsonSerializer.Deserialize<ContainerdInstallRecord>(await File.ReadAllBytesAsync(path, cancellationToken));
            return record is { OriginalConfig: not null, WrittenSha256: not null } ? record : null;
        }
        catch (JsonException)
        {
            // A damaged record is no record: uninstall then removes only the import entry.
            return null;
        }
    }

    /// <summary>
    /// Writes <paramref name="text"/> as the main file and records it: the bytes there now become the original unless
    /// they are what the agent itself wrote last time (then the first original is kept).
    /// </summary>
    public static async Task WriteConfigAsync(string configPath, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var current = await File.ReadAllBytesAsync(configPath, cancellationToken);
        var previous = await ReadAsync(configPath, cancellationToken);
        var original = previous is not null && previous.Wrote(current) ? previous.OriginalConfig : current;
        var bytes = ConfigText.Encode(text, ConfigText.HasByteOrderMark(current));

        // The record first: a crash between the two writes leaves a record whose hash matches nothing, which
        // uninstall treats as an edited file (import entry removed, nothing lost).
        var record = new ContainerdInstallRecord(original, Hash(bytes));
        await File.WriteAllBytesAsync(PathFor(configPath), JsonSerializer.SerializeToUtf8Bytes(record), cancellationToken);
        await File.WriteAllBytesAsync(configPath, bytes, cancellationToken);
    }
}
