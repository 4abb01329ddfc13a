namespace HyperVIsolation.Operator.NetworkIsolation;

/// <summary>A NetworkPolicy a pass could not bring to its desired state.</summary>
/// <param name="Namespace">Where.</param>
/// <param name="Name">Which NetworkPolicy.</param>
/// <param name="NameTaken">
/// True when an object without the operator's label holds the name: the operator never touches it, so only a
/// person can resolve it (Stalled). False for a failed API call that the next pass retries (Reconciling).
/// </param>
internal sealed record NetworkPolicyProblem(string Namespace, string Name, bool NameTaken);
