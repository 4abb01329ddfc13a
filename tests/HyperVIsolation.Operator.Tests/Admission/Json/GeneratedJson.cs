using System.Text;

namespace HyperVIsolation.Operator.Tests.Admission.Json;

/// <summary>
/// Random well-formed JSON that is hard to scan: strings full of brackets, quotes and backslash runs (escaped or
/// not), multi-byte characters, deep nesting and long values, so that every construct lands on every offset of a
/// 64-byte block.
/// </summary>
internal static class GeneratedJson
{
    private static readonly string[] StringPieces = ["a", "{", "}", "[", "]", "\\\"", "\\\\", "\\\\\\\"", "\\n", "\\u00e9", "é", "日本", "😀", ":", ",", " ", "f:name", "k:{\\\"name\\\":\\\"web\\\"}"];

    /// <summary>An object or array.</summary>
    public static string Container(Random random, int depth)
    {
        var builder = new StringBuilder();
        AppendContainer(builder, random, depth);
        return builder.ToString();
    }

    /// <summary>Zero to three characters of JSON whitespace.</summary>
    public static string Spaces(Random random) => new string(' ', random.Next(3)) + (random.Next(4) == 0 ? "\n\t" : string.Empty);

    /// <summary>A JSON string literal, quotes included.</summary>
    public static string String(Random random)
    {
        var builder = new StringBuilder("\"");
        var pieces = random.Next(12) == 0 ? random.Next(20, 80) : random.Next(6);
        for (var i = 0; i < pieces; i++)
        {
            builder.Append(StringPieces[random.Next(StringPieces.Length)]);
        }

        return builder.Append('"').ToString();
    }

    private static void AppendContainer(StringBuilder builder, Random random, int depth)
    {
        var isObject = random.Next(2) == 0;
        builder.Append(isObject ? '{' : '[').Append(Spaces(random));
        var members = depth > 6 ? 0 : random.Next(6);
        for (var i = 0; i < members; i++)
        {
            if (i > 0)
            {
                builder.Append(',').Append(Spaces(random));
            }

            if (isObject)
            {
                builder.Append(String(random)).Append(Spaces(random)).Append(':').Append(Spaces(random));
            }

            AppendValue(builder, random, depth + 1);
            builder.Append(Spaces(random));
        }

        builder.Append(isObject ? '}' : ']');
    }

    private static void AppendValue(StringBuilder builder, Random random, int depth)
    {
        switch (random.Next(7))
        {
            case 0:
            case 1:
                AppendContainer(builder, random, depth);
                break;
            case 2:
            case 3:
                builder.Append(String(random));
                break;
            case 4:
                builder.Append(random.Next(-1000, 1000)).Append(random.Next(2) == 0 ? ".5e3" : string.Empty);
                break;
            default:
                builder.Append(random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" });
                break;
        }
    }
}
