using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Placement;
using HyperVIsolation.Operator.Policies;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Checks the images a plan resolved against the covering policies' <c>allowedRegistries</c> and
/// <c>requireImageDigest</c>. Resolved images are checked (not the template's), because per-release
/// variants and the base image are only known after OS selection. Images are parsed and matched by
/// <see cref="ImageReference"/> and <see cref="AllowedRegistries"/>, the same implementation the admission webhook uses.
/// </summary>
internal static class ImagePolicyRules
{
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

        // The webhook's parser, so the reconciler and admission agree on every image (an unparseable one is from no registry and unpinned).
        var reference = ImageReference.Parse(image.Image);
        if (AllowedRegistries.Restricts(allowed) && (reference is null || !AllowedRegistries.Allows(allowed, reference)))
        {
            return $"Container '{image.ContainerName}' image '{image.Image}' is not from a registry IsolationPolicy '{name}' allows ({AllowedRegistries.Describe(allowed)}).";
        }

        if (policy.Spec?.RequireImageDigest == true && reference?.HasDigest != true)
        {
            return $"Container '{image.ContainerName}' image '{image.Image}' has no digest, which IsolationPolicy '{name}' requires; pin it as image@sha256:....";
        }

        return null;
    }
}
