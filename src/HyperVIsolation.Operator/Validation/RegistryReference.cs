using System.Globalization;
using System.Text.RegularExpressions;
using HyperVIsolation.Api.V1Alpha1;

namespace HyperVIsolation.Operator.Validation;

/// <summary>
/// An allowed-registry entry: <c>host[:port][/path]</c> with no scheme, tag or digest, for example
/// <c>mcr.microsoft.com/windows</c> or <c>registry.local:5000/team</c>. Path components follow the
/// OCI distribution grammar (lower case, separators <c>.</c>, <c>_</c>, <c>__</c>, <c>-</c>).
/// </summary>
internal static partial class RegistryReference
{
    private const string Example = "for example mcr.microsoft.com/windows or registry.local:5000/team";

    /// <summary>Why the entry is malformed, or <see langword="null"/> when it is well formed.</summary>
    public static string? FindProblem(string? registry)
    {
        if (string.IsNullOrWhiteSpace(registry))
        {
            return $"The registry is empty; give a host, {Example}.";
        }

        if (registry.Contains("://", StringComparison.Ordinal))
        {
            return $"'{registry}' has a scheme; write the registry without it, {Example}.";
        }

        if (registry.Any(char.IsWhiteSpace))
        {
            return $"'{registry}' contains spaces; write it as host[:port][/path], {Example}.";
        }

        if (!Pattern().IsMatch(registry))
        {
            return $"'{registry}' is not host[:port][/path]; {Example}.";
        }

        // The pattern allows a colon only before the port, and the path starts at the first slash.
        var hostAndPort = registry.Split('/', 2)[0];
        var colon = hostAndPort.IndexOf(':', StringComparison.Ordinal);
        var port = colon < 0 ? null : hostAndPort[(colon + 1)..];
        return port is not null && !IsPort(port)
            ? $"'{registry}' has port {port}, which is not between 1 and 65535."
            : null;
    }

    private static bool IsPort(string digits) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535;

    // The CRD carries the same pattern, so the API server refuses what this refuses (bar the port range).
    [GeneratedRegex(IsolationPolicySpec.RegistryPattern, RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
