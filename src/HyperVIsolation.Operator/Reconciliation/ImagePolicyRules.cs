using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Placement;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Checks the images a plan resolved against the covering policies' <c>allowedRegistries</c> and
/// <c>requireImageDigest</c>. Resolved images are checked (not the template's), because per-release
/// variants and the base image are only known after OS selection.
/// </summary>
internal static class ImagePolicyRules
{
    private const string DockerHub = "docker.io";

    /// <summary>One sentence per image a policy forbids, in container order.</summary>
    public static IReadOnlyList<string> FindViolations(IReadOnlyList<ResolvedContainerImage> images, IReadOnlyList<IsolationPolicy> policies)
    {
        var problems = new List<string>();
        foreach (var image in images)
        {
            foreach (var policy in policies.OrderBy(policy => policy.Metadata?.Name, StringComparer.Ordinal))
            {
                if (Problem(image, policy) is { } problem)
                {
                    problems.Add(problem);
                    break;
                }
            }
        }

        return problems;
    }

    private static string? Problem(ResolvedContainerImage image, IsolationPolicy policy)
    {
        var name = policy.Metadata?.Name ?? string.Empty;
        var allowed = policy.Spec?.AllowedRegistries;
        if (allowed is { Count: > 0 } && !allowed.Any(registry => IsUnder(image.Image, registry)))
        {
            return $"Container '{image.ContainerName}' image '{image.Image}' is not from a registry IsolationPolicy '{name}' allows ({string.Join(", ", allowed)}).";
        }

        if (policy.Spec?.RequireImageDigest == true && !image.Image.Contains("@sha256:", StringComparison.Ordinal))
        {
            return $"Container '{image.ContainerName}' image '{image.Image}' has no digest, which IsolationPolicy '{name}' requires; pin it as image@sha256:....";
        }

        return null;
    }

    /// <summary>Whether the image's repository is <paramref name="registry"/> or below it (docker.io for bare names).</summary>
    private static bool IsUnder(string image, string registry)
    {
        var repository = Repository(image);
        var prefix = registry.TrimEnd('/');
        return repository.Equals(prefix, StringComparison.OrdinalIgnoreCase)
            || repository.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The repository without tag or digest, with Docker Hub's implied host made explicit.</summary>
    private static string Repository(string image)
    {
        var withoutDigest = image.Split('@')[0];
        var lastSlash = withoutDigest.LastIndexOf('/');
        var colon = withoutDigest.LastIndexOf(':');
        var repository = colon > lastSlash ? withoutDigest[..colon] : withoutDigest;
        var firstSlash = repository.IndexOf('/', StringComparison.Ordinal);
        var first = firstSlash < 0 ? string.Empty : repository[..firstSlash];
        var hasHost = first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost";
        if (hasHost)
        {
            return repository;
        }

        return firstSlash < 0 ? $"{DockerHub}/library/{repository}" : $"{DockerHub}/{repository}";
    }
}
