using HyperVIsolation.Operator.Admission.Pods;

namespace HyperVIsolation.Operator.Admission.Rules;

/// <summary>Images only from the policy's registries, and pinned by digest where it requires that.</summary>
internal static class ImageRules
{
    /// <summary>Checks the given containers (all of them on CREATE; changed ones on UPDATE).</summary>
    public static void Evaluate(IReadOnlyList<PodContainer> containers, ViolationCollector violations)
    {
        IReadOnlyList<string> allowed = (IReadOnlyList<string>?)violations.Spec.AllowedRegistries ?? [];
        var anyAllowed = HasEntry(allowed);
        var requireDigest = violations.Spec.RequireImageDigest;
        if (!anyAllowed && !requireDigest)
        {
            return;
        }

        for (var index = 0; index < containers.Count; index++)
        {
            var container = containers[index];
            if (string.IsNullOrEmpty(container.Image))
            {
                continue;
            }

            var reference = ParsedImageReferences.Parse(container.Image);
            if (reference is null)
            {
                violations.Add($"{container.FieldPath}.image", RuleIds.ImageRegistry, $"'{container.Image}' is not an image reference the policy can check; write it as registry/repository[:tag][@sha256:digest]");
                continue;
            }

            if (anyAllowed && !IsFromAny(reference, allowed))
            {
                violations.Add($"{container.FieldPath}.image", RuleIds.ImageRegistry, $"image '{container.Image}' comes from {reference.Registry}/{reference.Repository}, which is not under an allowed registry ({string.Join(", ", allowed.Where(entry => !string.IsNullOrWhiteSpace(entry)))})");
            }

            if (requireDigest && !reference.HasDigest)
            {
                violations.Add($"{container.FieldPath}.image", RuleIds.ImageDigest, $"image '{container.Image}' must be pinned by digest (image@sha256:...)");
            }
        }
    }

    /// <summary>Whether the policy lists any registry (blank entries do not count).</summary>
    private static bool HasEntry(IReadOnlyList<string> allowed)
    {
        for (var index = 0; index < allowed.Count; index++)
        {
            if (!string.IsNullOrWhiteSpace(allowed[index]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFromAny(ImageReference reference, IReadOnlyList<string> allowed)
    {
        for (var index = 0; index < allowed.Count; index++)
        {
            if (!string.IsNullOrWhiteSpace(allowed[index]) && reference.IsFrom(allowed[index]))
            {
                return true;
            }
        }

        return false;
    }
}
