using System.Text.RegularExpressions;
using HyperVIsolation.Install.Tests.Tools;

namespace HyperVIsolation.Install.Tests.Versions;

/// <summary>The minimum Kubernetes minor the chart declares in Chart.yaml <c>kubeVersion</c> (<c>&gt;=1.N.0-0</c>).</summary>
public static partial class ChartKubeVersion
{
    public static int MinimumMinor { get; } = Parse(
        YamlDocuments.At(YamlDocuments.Parse(File.ReadAllText(RepositoryRoot.Combine("charts/hyperv-isolation/Chart.yaml")))[0], "kubeVersion")
        ?? throw new InvalidOperationException("Chart.yaml declares no kubeVersion"));

    /// <summary>The 1.x minor of a <c>&gt;=1.N[.P][-0]</c> constraint (the <c>-0</c> admits providers' pre-release builds such as v1.30.2-eks-1).</summary>
    public static int Parse(string constraint)
    {
        var match = Minimum().Match(constraint);
        return match.Success
            ? int.Parse(match.Groups["minor"].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new FormatException($"kubeVersion '{constraint}' does not start with '>=1.N'");
    }

    [GeneratedRegex(@"^\s*>=\s*v?1\.(?<minor>\d+)(\.\d+)?(-0)?(\s|$)")]
    private static partial Regex Minimum();
}
