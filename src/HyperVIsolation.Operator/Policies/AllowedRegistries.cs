namespace HyperVIsolation.Operator.Policies;

/// <summary>
/// A policy's <c>allowedRegistries</c> as the webhook and the reconciler both apply it: no entry allows any registry;
/// otherwise an image must come from under one of the entries. A blank entry names no registry and counts as
/// absent (the CRD and the policy validator refuse it; an object stored before they did must not make the two
/// sides disagree, so both read it the same way).
/// </summary>
internal static class AllowedRegistries
{
    /// <summary>Whether <paramref name="allowed"/> restricts registries at all (blank entries do not count).</summary>
    public static bool Restricts(IReadOnlyList<string>? allowed)
    {
        for (var index = 0; index < (allowed?.Count ?? 0); index++)
        {
            if (!string.IsNullOrWhiteSpace(allowed![index]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="reference"/> comes from under one of the non-blank entries of <paramref name="allowed"/>.</summary>
    public static bool Allows(IReadOnlyList<string>? allowed, ImageReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        for (var index = 0; index < (allowed?.Count ?? 0); index++)
        {
            if (!string.IsNullOrWhiteSpace(allowed![index]) && reference.IsFrom(allowed[index]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The non-blank entries, for messages.</summary>
    public static string Describe(IReadOnlyList<string>? allowed) =>
        string.Join(", ", (allowed ?? []).Where(entry => !string.IsNullOrWhiteSpace(entry)));
}
