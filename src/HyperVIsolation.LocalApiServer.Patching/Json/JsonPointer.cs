using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Patching.Json;

/// <summary>
/// An RFC 6901 JSON Pointer: <c>/a/b~1c/0</c>, with <c>~1</c> for '/' and <c>~0</c> for '~'.
/// </summary>
internal sealed class JsonPointer
{
    private JsonPointer(string text, IReadOnlyList<string> segments)
    {
        Text = text;
        Segments = segments;
    }

    public string Text { get; }

    /// <summary>The unescaped reference tokens; empty for the whole document.</summary>
    public IReadOnlyList<string> Segments { get; }

    public bool IsRoot => Segments.Count == 0;

    /// <summary>The last token, i.e. the member name or array index the pointer designates.</summary>
    public string Last => Segments[^1];

    public static JsonPointer Parse(string text)
    {
        if (text.Length == 0)
        {
            return new JsonPointer(text, []);
        }

        if (text[0] != '/')
        {
            throw PatchException.Invalid($"JSON pointer \"{text}\" must be empty or start with '/'");
        }

        var segments = text[1..].Split('/').Select(token => Unescape(token, text)).ToArray();
        return new JsonPointer(text, segments);
    }

    /// <summary>True when this pointer designates a strict descendant of <paramref name="other"/>.</summary>
    public bool IsStrictDescendantOf(JsonPointer other) =>
        Segments.Count > other.Segments.Count
        && other.Segments.Select((segment, i) => segment == Segments[i]).All(same => same);

    /// <summary>Finds the container holding the designated location; null when it does not exist.</summary>
    public JsonNode? ResolveParent(JsonNode? document) => Walk(document, Segments.Count - 1);

    /// <summary>Finds the designated value; <paramref name="found"/> distinguishes a JSON null from absence.</summary>
    public JsonNode? Resolve(JsonNode? document, out bool found)
    {
        found = false;
        if (IsRoot)
        {
            found = true;
            return document;
        }

        var parent = ResolveParent(document);
        switch (parent)
        {
            case JsonObject obj when obj.TryGetPropertyValue(Last, out var value):
                found = true;
                return value;
            case JsonArray array when TryParseIndex(Last, out var index) && index < array.Count:
                found = true;
                return array[index];
            default:
                return null;
        }
    }

    /// <summary>Parses an array index token: digits only, no leading zeros (RFC 6901 §4).</summary>
    public static bool TryParseIndex(string token, out int index)
    {
        index = -1;
        var wellFormed = token.Length > 0
            && token.All(char.IsAsciiDigit)
            && (token.Length == 1 || token[0] != '0');
        return wellFormed && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    private JsonNode? Walk(JsonNode? document, int depth)
    {
        var current = document;
        for (var i = 0; i < depth && current is not null; i++)
        {
            current = current switch
            {
                JsonObject obj => obj.TryGetPropertyValue(Segments[i], out var child) ? child : null,
                JsonArray array => TryParseIndex(Segments[i], out var index) && index < array.Count ? array[index] : null,
                _ => null,
            };
        }

        return current;
    }

    private static string Unescape(string token, string text)
    {
        if (!token.Contains('~', StringComparison.Ordinal))
        {
            return token;
        }

        var builder = new StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] != '~')
            {
                builder.Append(token[i]);
                continue;
            }

            var next = i + 1 < token.Length ? token[i + 1] : '\0';
            builder.Append(next switch
            {
                '0' => '~',
                '1' => '/',
                _ => throw PatchException.Invalid($"JSON pointer \"{text}\" has an invalid '~' escape"),
            });
            i++;
        }

        return builder.ToString();
    }
}
