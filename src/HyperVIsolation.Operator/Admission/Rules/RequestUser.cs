namespace HyperVIsolation.Operator.Admission.Rules;

/// <summary>Who sent an admission request, as the API server authenticated them.</summary>
/// <param name="UserName">User name.</param>
/// <param name="Groups">Group names.</param>
internal sealed record RequestUser(string UserName, IReadOnlyList<string> Groups);
