using System.Text;

namespace HyperVIsolation.NodeAgent.Uninstall;

/// <summary>containerd's TOML files as bytes and text: UTF-8, with or without a byte order mark, kept as found.</summary>
public static class ConfigText
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Whether <paramref name="bytes"/> open with the UTF-8 byte order mark.</summary>
    public static bool HasByteOrderMark(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Utf8Bom);

    /// <summary>The text of <paramref name="bytes"/>, without the byte order mark.</summary>
    public static string Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return HasByteOrderMark(bytes) ? Encoding.UTF8.GetString(bytes, Utf8Bom.Length, bytes.Length - Utf8Bom.Length) : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The bytes of <paramref name="text"/>, with a byte order mark when <paramref name="byteOrderMark"/>.</summary>
    public static byte[] Encode(string text, bool byteOrderMark)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = Encoding.UTF8.GetBytes(text);
        return byteOrderMark ? [.. Utf8Bom, .. body] : body;
    }
}
