using System.Globalization;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Placement;

namespace HyperVIsolation.Operator.Policies;

/// <summary>Names of the operator's Hyper-V RuntimeClasses, one per host build.</summary>
public static class RuntimeClassNames
{
    /// <summary>The prefix of every class name.</summary>
    public const string Prefix = "hyperv-";

    /// <summary>
    /// <c>hyperv-ltsc2022</c> for an LTSC build; <c>hyperv-25398</c> for a build with no LTSC name
    /// (Annual Channel hosts such as 23H2 are valid Hyper-V hosts for older images).
    /// </summary>
    public static string For(WindowsBuild hostBuild) => hostBuild.Version is { } version
        ? Prefix + WindowsReleaseTags.Tag(version)
        : Prefix + hostBuild.Number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The host build a class name stands for, when it is one of ours.</summary>
    public static bool TryParse(string? name, out WindowsBuild hostBuild)
    {
        hostBuild = default;
        if (name is null || !name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var suffix = name[Prefix.Length..];
        if (WindowsReleaseTags.TryParse(suffix, out var version))
        {
            hostBuild = WindowsBuild.Of(version);
            return true;
        }

        // Only the bare digits form is ours ("10.0.x" would not round-trip to the same name).
        return suffix.All(char.IsAsciiDigit) && WindowsBuild.TryParse(suffix, out hostBuild) && For(hostBuild) == name;
    }
}
