using HyperVIsolation.Operator.Admission.Pods;

namespace HyperVIsolation.Operator.Admission.Rules;

/// <summary>Images only from the policy's registries, and pinned by digest where it requires that.</summary>
internal static class ImageRules
{
    /// <summary>Checks the given containers (all of them on CREATE; changed ones on UPDATE).</summary>
    public static void Evaluate(IEnumerable<PodContainer> containers, ViolationCollector violations)
    {
        var allowed = (violations.Spec.AllowedRegistries ?? []).Where(entry => !string.IsNullOrWhiteSpace(entry)).ToList();
        var requireDigest = violations.Spec.RequireImageDigest;
        if (allowed.Count == 0 && !requireDigest)
        {
            return;
        }

        foreach (var container in containers)
        {
            if (string.IsNullOrEmpty(container.Image))
            {
                continue;
            }

            var field = $"{container.FieldPath}.image";
            var reference = ParsedImageReferences.Parse(container.Image);
            if (reference is null)
            {
                violations.Add(field, RuleIds.ImageRegistry, $"'{container.Image}' is not an image reference the policy can check; write it as registry/repository[:tag][@sha256:digest]");
                continue;
            }

            if (allowed.Count > 0 && !allowed.Any(reference.IsFrom))
            {
                violations.Add(field, RuleIds.ImageRegistry, $"image '{container.Image}' comes from {reference.Registry}/{reference.Repository}, which is not under an allowed registry ({string.Join(", ", allowed)})");
            }

            if (requireDigest && !reference.HasDigest)
            {
                violations.Add(field, RuleIds.ImageDigest, $"image '{container.Image}' must be pinned by digest (image@sha256:...)");
            }
        }
    }
}
