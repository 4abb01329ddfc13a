using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HyperVIsolation.Install.Tests.GitOps;

/// <summary>
/// A YAML object as a Lua table constructor, typed as Argo CD hands objects to health checks:
/// plain integers become numbers, true/false booleans, null is left out, everything else a string.
/// </summary>
public static partial class LuaLiteral
{
    public static string From(YamlNode node)
    {
        var text = new StringBuilder();
        Write(node, text);
        return text.ToString();
    }

    private static void Write(YamlNode node, StringBuilder text)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                text.Append('{');
                foreach (var (key, value) in mapping.Children.Where(child => !IsNull(child.Value)))
                {
                    text.Append('[').Append(Quote(((YamlScalarNode)key).Value ?? "")).Append("]=");
                    Write(value, text);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case YamlSequenceNode sequence:
                text.Append('{');
                foreach (var item in sequence.Children)
                {
                    Write(item, text);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case YamlScalarNode scalar:
                text.Append(Scalar(scalar));
                break;
        }
    }

    private static string Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return Quote(value);
        }

        return value switch
        {
            "true" or "false" => value,
            _ when Integer().IsMatch(value) => long.Parse(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            _ => Quote(value),
        };
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "null" or "~" };

    // Every byte outside printable ASCII, and the quote and backslash, as a decimal escape: valid in Lua 5.1 and 5.4.
    private static string Quote(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= 0x20 and < 0x7f && b != '"' && b != '\\')
            {
                quoted.Append((char)b);
            }
            else
            {
                quoted.Append('\\').Append(b.ToString("D3", CultureInfo.InvariantCulture));
            }
        }

        return quoted.Append('"').ToString();
    }

    [GeneratedRegex(@"^-?[0-9]+$")]
    private static partial Regex Integer();
}
