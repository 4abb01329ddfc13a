using HyperVIsolation.Operator.Admission.Http;
namespace HyperVIsolation.Operator.Admission.Review;

/// <summary>
/// The resolved trusted users, when the host computes them (the operator defaults them to its own service
/// account); without it the reviewers use <see cref="Hosting.WebhookOptions.TrustedUsers"/> as configured.
/// </summary>
/// <param name="Users">User names whose pods keep their VM sizing annotations.</param>
internal sealed record TrustedAdmissionUsers(IReadOnlyList<string> Users);
