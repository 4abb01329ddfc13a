using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Admission.Rules;

namespace HyperVIsolation.Operator.Admission.Review;

/// <summary>What a reviewer decided, before it is wrapped into an AdmissionReview response.</summary>
/// <param name="Allowed">Whether the request is admitted.</param>
/// <param name="Status">The denial status, when denied.</param>
/// <param name="Patch">The JSON Patch, when the mutator changes the object.</param>
/// <param name="Warnings">Warnings for the client.</param>
internal sealed record AdmissionDecision(bool Allowed, AdmissionStatusDocument? Status, byte[]? Patch, IReadOnlyList<string> Warnings)
{
    /// <summary>Admits with no patch and no warnings.</summary>
    public static AdmissionDecision Allow { get; } = new(true, null, null, []);

    /// <summary>Admits, with a patch when there are operations, and warnings.</summary>
    public static AdmissionDecision AllowWith(byte[]? patch, IReadOnlyList<string> warnings) => new(true, null, patch, warnings);

    /// <summary>A well-formed denial of a request the webhook cannot judge (wrong kind, unreadable object).</summary>
    public static AdmissionDecision BadRequest(string message) =>
        new(false, new AdmissionStatusDocument { Code = 400, Reason = "BadRequest", Message = message }, null, []);

    /// <summary>Denies when any violation is enforced; Audit violations become warnings either way.</summary>
    public static AdmissionDecision FromViolations(IReadOnlyList<AdmissionViolation> violations, byte[]? patch = null)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (violations.Count == 0)
        {
            return AllowWith(patch, []);
        }

        var enforced = violations.Where(violation => violation.Mode == PolicyMode.Enforce).ToList();
        var warnings = violations.Where(violation => violation.Mode == PolicyMode.Audit).Select(violation => $"audit: {violation.Message}").ToList();
        if (enforced.Count == 0)
        {
            return AllowWith(patch, warnings);
        }

        var status = new AdmissionStatusDocument
        {
            Code = 403,
            Reason = "Forbidden",
            Message = string.Join(" ", enforced.Select(violation => violation.Message)),
            Details = new AdmissionStatusDetailsDocument
            {
                Causes = enforced.Select(violation => new AdmissionStatusCauseDocument { Field = violation.Field, Reason = violation.RuleId, Message = violation.Message }).ToList(),
            },
        };
        return new AdmissionDecision(false, status, null, warnings);
    }
}
