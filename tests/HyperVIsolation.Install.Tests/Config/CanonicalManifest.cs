using System.Text;
using YamlDotNet.RepresentationModel;

namespace HyperVIsolation.Install.Tests.Config;

/// <summary>
/// One manifest as comparable text: mapping keys sorted, scalars as written (so quoting does not
/// matter), lists in order, and the top-level labels and annotations left out (Helm and Kustomize
/// label their objects differently; selectors and pod template labels are in the spec and compared).
/// </summary>
public static class CanonicalManifest
{
    public static string Of(YamlMappingNode document)
    {
        var text = new StringBuilder();
        Write(document, text, "", topLevel: true);
        return text.ToString();
    }

    private static void Write(YamlNode node, StringBuilder text, string indent, bool topLevel = false)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children.OrderBy(child => child.Key.ToString(), StringComparer.Ordinal))
                {
                    var name = key.ToString();
                    text.Append(indent).Append(name).Append(":\n");
                    if (topLevel && name == "metadata" && value is YamlMappingNode metadata)
                    {
                        var kept = new YamlMappingNode(metadata.Children.Where(child => child.Key.ToString() is not ("labels" or "annotations")));
                        Write(kept, text, indent + "  ");
                        continue;
                    }

                    Write(value, text, indent + "  ");
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    text.Append(indent).Append("-\n");
                    Write(item, text, indent + "  ");
                }

                break;
            case YamlScalarNode scalar:
                text.Append(indent).Append(scalar.Value).Append('\n');
                break;
        }
    }
}
