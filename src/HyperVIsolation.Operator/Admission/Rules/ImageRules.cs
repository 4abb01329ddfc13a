using HyperVIsolation.Operator.Admission.Pods;
using HyperVIsolation.Operator.Policies;

namespace HyperVIsolation.Operator.Admission.Rules;

/// <summary>Images only from the policy's registries, and pinned by digest where it requires that.</summary>
internal static class ImageRules
{
    /// <summary>Checks the given containers (all of them on CREATE; changed ones on UPDATE).</summary>
    public static void Evaluate(IReadOnlyList<PodContainer> containers, ViolationCollector violations)
    {
        IReadOnlyList<string>? allowed = violations.Spec.AllowedRegistries;
        var anyAllowed = AllowedRegistries.Restricts(allowed);
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

            if (anyAllowed && !AllowedRegistries.Allows(allowed, reference))
            {
                violations.Add($"{container.FieldPath}.image", RuleIds.ImageRegistry, $"image '{container.Image}' comes from {reference.Registry}/{reference.Repository}, which is not under an allowed registry ({AllowedRegistries.Describe(allowed)})");
            }

            if (requireDigest && !reference.HasDigest)
            {
                violations.Add($"{container.FieldPath}.image", RuleIds.ImageDigest, $"image '{container.Image}' must be pinned by digest (image@sha256:...)");
            }
        }
    }
}
