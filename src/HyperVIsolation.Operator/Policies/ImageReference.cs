using System.Text.RegularExpressions;

namespace HyperVIsolation.Operator.Policies;

/// <summary>
/// A container image reference split the way container runtimes normalise it: the registry
/// (<c>docker.io</c> when the first component is not a host), the repository path
/// (<c>library/</c> added for Docker Hub official images), and whether a digest pins it.
/// Allowed-registry entries are checked for shape by <c>Validation.RegistryReference</c>; this
/// type is the other side, the image being matched against them. The one implementation used by both
/// the webhook (<c>Admission.Rules.ImageRules</c>) and the reconciler (<c>Reconciliation.ImagePolicyRules</c>):
/// registry host case-insensitive, path prefix on <c>/</c> boundaries, digest <c>@sha256:&lt;64 hex&gt;</c>.
/// </summary>
/// <param name="Registry">Registry host (and port), lower case.</param>
/// <param name="Repository">Repository path, for example <c>windows/nanoserver</c>.</param>
/// <param name="HasDigest">Whether the reference ends with a well-formed digest, <c>@sha256:</c> and 64 lower-case hex digits.</param>
internal sealed partial record ImageReference(string Registry, string Repository, bool HasDigest)
{
    private const string DockerHub = "docker.io";

    /// <summary>Parses a reference, or returns <see langword="null"/> when it is not one.</summary>
    public static ImageReference? Parse(string? reference)
    {
        if (string.IsNullOrEmpty(reference) || reference.Length > 4096)
        {
            return null;
        }

        var match = Pattern().Match(reference);
        if (!match.Success)
        {
            return null;
        }

        var name = match.Groups["name"].Value;
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? string.Empty : name[..slash];
        var isHost = first.Length > 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost");
        var registry = isHost ? Normalise(first.ToLowerInvariant()) : DockerHub;
        var repository = isHost ? name[(slash + 1)..] : name;
        if (registry == DockerHub && !repository.Contains('/', StringComparison.Ordinal))
        {
            repository = "library/" + repository;
        }

        return new ImageReference(registry, repository, match.Groups["digest"].Success);
    }

    /// <summary>
    /// Whether the image comes from an allowed entry <c>host[:port][/path]</c>: same registry
    /// and the repository equal to the path or below it (whole components only, so
    /// <c>mcr.microsoft.com/windows</c> does not allow <c>mcr.microsoft.com/windows-evil</c>).
    /// </summary>
    public bool IsFrom(string allowedEntry)
    {
        ArgumentNullException.ThrowIfNull(allowedEntry);

        // Spans, not substrings: every container is checked against every entry on every request.
        var entry = allowedEntry.AsSpan().Trim().TrimEnd('/');
        var slash = entry.IndexOf('/');
        var host = slash < 0 ? entry : entry[..slash];
        var path = slash < 0 ? [] : entry[(slash + 1)..];
        if (!IsRegistry(host))
        {
            return false;
        }

        return path.IsEmpty
            || Repository.AsSpan().SequenceEqual(path)
            || (Repository.Length > path.Length && Repository[path.Length] == '/' && Repository.AsSpan().StartsWith(path, StringComparison.Ordinal));
    }

    /// <summary>Whether an entry's host names <see cref="Registry"/> (host names are case-insensitive; Docker Hub's aliases are Docker Hub).</summary>
    private bool IsRegistry(ReadOnlySpan<char> host) =>
        host.Equals(Registry, StringComparison.OrdinalIgnoreCase)
        || (Registry == DockerHub && (host.Equals("index.docker.io", StringComparison.OrdinalIgnoreCase) || host.Equals("registry-1.docker.io", StringComparison.OrdinalIgnoreCase)));

    private static string Normalise(string host) => host is "index.docker.io" or "registry-1.docker.io" ? DockerHub : host;

    // name: components separated by '/', the first may carry a port; optional tag; optional digest.
    [GeneratedRegex(
        @"^(?<name>[A-Za-z0-9][A-Za-z0-9._-]*(?::[0-9]{1,5})?(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?<digest>@sha256:[a-f0-9]{64})?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();
}
