using System.Text.RegularExpressions;

namespace HyperVIsolation.Operator.Manifests;

/// <summary>
/// Decides which strings must be quoted because a YAML 1.1 or 1.2 reader (kubectl and Helm use
/// YAML 1.1 rules) would otherwise read them as something else: booleans such as <c>true</c>
/// or <c>on</c>, null, numbers, dates and sexagesimals.
/// </summary>
internal static partial class YamlPlainScalars
{
    public static bool WouldChangeType(string value) =>
        value.Length == 0 || Keyword().IsMatch(value) || NumberLike().IsMatch(value);

    [GeneratedRegex("^(~|null|true|false|yes|no|on|off|y|n|[-+]?\\.(inf|nan))$", RegexOptions.IgnoreCase)]
    private static partial Regex Keyword();

    [GeneratedRegex("^[-+.]?[0-9]")]
    private static partial Regex NumberLike();
}
