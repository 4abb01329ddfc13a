using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;

namespace HyperVIsolation.Operator.Placement;

/// <summary>
/// The rules an <see cref="OsSelection"/> must follow on its own, shared by the OS selector and
/// the IsolatedWorkload validator so both say the same sentence.
/// </summary>
public static class OsSpecRules
{
    /// <summary>The capabilities an OS selection requires, distinct and in declaration order.</summary>
    public static IReadOnlyList<OsCapability> Capabilities(OsSelection os)
    {
        ArgumentNullException.ThrowIfNull(os);
        return (os.Capabilities ?? []).Distinct().Order().ToList();
    }

    /// <summary>Why Nano Server cannot serve the selection, or <see langword="null"/> when it can (or is not chosen).</summary>
    public static string? NanoServerCapabilityProblem(OsSelection os)
    {
        var capabilities = Capabilities(os);
        return os.Flavor == OsFlavor.NanoServer && capabilities.Count > 0
            ? $"Nano Server cannot provide {EnglishList.Join(capabilities.Select(capability => capability.ToString()))}; use flavor ServerCore or Auto."
            : null;
    }

    /// <summary>Why full Server cannot serve the selection's version, or <see langword="null"/>.</summary>
    public static string? ServerVersionProblem(OsSelection os)
    {
        ArgumentNullException.ThrowIfNull(os);
        return os.Flavor == OsFlavor.Server && os.Version == WindowsVersion.Ltsc2019
            ? "The full Server image does not exist for ltsc2019; use ltsc2022 or later, or flavor ServerCore."
            : null;
    }
}
